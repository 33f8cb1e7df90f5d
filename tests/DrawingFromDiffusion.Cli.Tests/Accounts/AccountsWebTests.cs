using System.Net;
using DrawingFromDiffusion.Cli.Tests.Web;
using DrawingFromDiffusion.Core.Accounts;
using DrawingFromDiffusion.Web.Accounts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace DrawingFromDiffusion.Cli.Tests.Accounts;

/// <summary>Issue 15, items 3 and 4: login, cookie flags, brute force, CSRF and roles against a real server and a real HTTP client.</summary>
public sealed class AccountsWebTests : IAsyncLifetime
{
    private AccountsServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await AccountsServer.StartAsync(new LoginLimits(AttemptsPerAddressPerMinute: 100, FailuresPerName: 5));
        _server.AddUser("vera", Role.Viewer);
        _server.AddUser("carl", Role.Curator);
        _server.AddUser("ada", Role.Admin);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Api_SignedOut_401ButLoginPageServed()
    {
        using var client = _server.Client();

        using var stats = await client.GetAsync("/api/stats");
        using var page = await client.GetAsync("/");
        using var script = await client.GetAsync("/js/session.js");

        await Api.ProblemAsync(stats, StatusCodes.Status401Unauthorized);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("id=\"login-form\"", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }

    [Fact]
    public async Task Login_RightPassword_SessionCookieHttpOnlyStrictAndApiAnswers()
    {
        using var client = _server.Client(cookies: false);
        using var sessionResponse = await client.GetAsync("/api/session");
        var csrfCookie = CookieNamed(sessionResponse, AccountsSetup.CsrfCookie);
        var token = (await Api.JsonAsync(sessionResponse)).GetProperty("csrf_token").GetString()!;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/login") { Content = System.Net.Http.Json.JsonContent.Create(new { name = "vera", password = AccountsServer.Password }) };
        request.Headers.Add("X-CSRF-Token", token);
        request.Headers.Add("Cookie", csrfCookie.Split(';')[0]);

        using var login = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var session = CookieNamed(login, AccountsSetup.SessionCookie).ToLowerInvariant();
        Assert.Contains("httponly", session, StringComparison.Ordinal);
        Assert.Contains("samesite=strict", session, StringComparison.Ordinal);
        Assert.DoesNotContain("secure", session, StringComparison.Ordinal);
        Assert.Contains("samesite=strict", csrfCookie.ToLowerInvariant(), StringComparison.Ordinal);
        using var stats = new HttpRequestMessage(HttpMethod.Get, "/api/stats");
        stats.Headers.Add("Cookie", CookieNamed(login, AccountsSetup.SessionCookie).Split(';')[0]);
        using var answered = await client.SendAsync(stats);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
    }

    [Fact]
    public async Task Login_BehindTlsProxy_SessionCookieSecure()
    {
        using var client = _server.Client();
        var token = await AccountsServer.CsrfTokenAsync(client);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/login") { Content = System.Net.Http.Json.JsonContent.Create(new { name = "vera", password = AccountsServer.Password }) };
        request.Headers.Add("X-CSRF-Token", token);
        request.Headers.Add("X-Forwarded-Proto", "https");

        using var login = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var cookie = CookieNamed(login, AccountsSetup.SessionCookie).ToLowerInvariant();
        Assert.Contains("secure", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_WrongPasswordOrUnknownName_401AndNoSession()
    {
        using var client = _server.Client();

        using var wrong = await AccountsServer.LoginAsync(client, "vera", "not the password");
        using var unknown = await AccountsServer.LoginAsync(client, "nobody", AccountsServer.Password);
        using var stats = await client.GetAsync("/api/stats");

        Assert.Equal("Wrong user name or password.", await Api.ProblemAsync(wrong, StatusCodes.Status401Unauthorized));
        Assert.Equal("Wrong user name or password.", await Api.ProblemAsync(unknown, StatusCodes.Status401Unauthorized));
        Assert.False(wrong.Headers.Contains("Set-Cookie") && wrong.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith(AccountsSetup.SessionCookie, StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.Unauthorized, stats.StatusCode);
    }

    [Fact]
    public async Task Login_BruteForce_429EvenForTheRightPasswordWhileOtherNamesStillSignIn()
    {
        using var client = _server.Client();
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            using var failed = await AccountsServer.LoginAsync(client, "carl", $"guess number {attempt}");
            Assert.Equal(HttpStatusCode.Unauthorized, failed.StatusCode);
        }

        using var locked = await AccountsServer.LoginAsync(client, "CARL", AccountsServer.Password);
        using var other = await AccountsServer.LoginAsync(client, "vera", AccountsServer.Password);

        Assert.Contains("Too many login attempts", await Api.ProblemAsync(locked, StatusCodes.Status429TooManyRequests), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task Login_ManyFromOneAddress_429FromTheFrameworkLimiter()
    {
        await using var server = await AccountsServer.StartAsync(new LoginLimits(AttemptsPerAddressPerMinute: 3, FailuresPerName: 100));
        using var client = server.Client();
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            using var response = await AccountsServer.LoginAsync(client, $"name{attempt}", "whatever it is");
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
    }

    [Fact]
    public async Task CuratorAction_WithoutOrWithWrongCsrfToken_403AndNothingDone()
    {
        var (client, csrf) = await _server.SignedInAsync("carl");
        using var otherClient = _server.Client();
        var otherToken = await AccountsServer.CsrfTokenAsync(otherClient);

        using var missing = await AccountsServer.PostAsync(client, "/api/test/rate/7", csrf: null);
        using var wrong = await AccountsServer.PostAsync(client, "/api/test/rate/7", csrf: otherToken);
        using var garbage = await AccountsServer.PostAsync(client, "/api/test/rate/7", csrf: "not-a-token");
        var ratingsBefore = _server.Ratings;
        using var right = await AccountsServer.PostAsync(client, "/api/test/rate/7", csrf);

        Assert.Contains("X-CSRF-Token", await Api.ProblemAsync(missing, StatusCodes.Status403Forbidden), StringComparison.Ordinal);
        Assert.Contains("does not match", await Api.ProblemAsync(wrong, StatusCodes.Status403Forbidden), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, garbage.StatusCode);
        Assert.Equal(0, ratingsBefore);
        Assert.Equal(HttpStatusCode.NoContent, right.StatusCode);
        Assert.Equal(1, _server.Ratings);
        client.Dispose();
    }

    [Fact]
    public async Task CuratorAction_ByViewer_403NothingChangedNoAuditRow()
    {
        var (client, csrf) = await _server.SignedInAsync("vera");
        var auditBefore = _server.Accounts.Audit(1000).Count;

        using var response = await AccountsServer.PostAsync(client, "/api/test/rate/3", csrf);

        Assert.Contains("needs the curator role; vera is a viewer", await Api.ProblemAsync(response, StatusCodes.Status403Forbidden), StringComparison.Ordinal);
        Assert.Equal(0, _server.Ratings);
        Assert.Equal(auditBefore, _server.Accounts.Audit(1000).Count);
        client.Dispose();
    }

    [Fact]
    public async Task CuratorAction_ByCurator_DoneAndAudited()
    {
        var (client, csrf) = await _server.SignedInAsync("carl");

        using var response = await AccountsServer.PostAsync(client, "/api/test/rate/42", csrf);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var entry = _server.Accounts.Audit(1)[0];
        Assert.Equal(("carl", "rate", "image 42"), (entry.User, entry.Action, entry.Target));
        client.Dispose();
    }

    [Fact]
    public async Task AdminAction_ByCurator_403AndUserNotAdded()
    {
        var (client, csrf) = await _server.SignedInAsync("carl");

        using var response = await AccountsServer.PostAsync(client, "/api/users", csrf, new { name = "mallory", role = "admin", password = "a long enough password" });

        await Api.ProblemAsync(response, StatusCodes.Status403Forbidden);
        Assert.Null(_server.Accounts.Find("mallory"));
        client.Dispose();
    }

    [Fact]
    public async Task AdminAction_ByAdmin_UserAddedAndAudited_RoleChangeAppliesToOpenSession()
    {
        var (admin, csrf) = await _server.SignedInAsync("ada");
        var (vera, veraCsrf) = await _server.SignedInAsync("vera");

        using var added = await AccountsServer.PostAsync(admin, "/api/users", csrf, new { name = "bob", role = "viewer", password = "a long enough password" });
        using var promote = new HttpRequestMessage(HttpMethod.Put, "/api/users/vera/role") { Content = System.Net.Http.Json.JsonContent.Create(new { role = "curator" }) };
        promote.Headers.Add("X-CSRF-Token", csrf);
        using var promoted = await admin.SendAsync(promote);
        using var rated = await AccountsServer.PostAsync(vera, "/api/test/rate/5", veraCsrf);

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(Role.Viewer, _server.Accounts.Find("bob")?.Role);
        Assert.Equal(HttpStatusCode.NoContent, promoted.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, rated.StatusCode);
        var audit = _server.Accounts.Audit(3).Select(e => (e.User, e.Action)).ToList();
        Assert.Equal([("vera", "rate"), ("ada", "users.set-role"), ("ada", "users.add")], audit);
        admin.Dispose();
        vera.Dispose();
    }

    [Fact]
    public async Task Session_UserRemoved_NextRequest401()
    {
        var (client, _) = await _server.SignedInAsync("vera");
        using var before = await client.GetAsync("/api/stats");

        _server.Accounts.Remove("vera", "test");
        using var after = await client.GetAsync("/api/stats");

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        client.Dispose();
    }

    [Fact]
    public async Task Logout_EndsTheSession()
    {
        var (client, csrf) = await _server.SignedInAsync("vera");

        using var logout = await AccountsServer.PostAsync(client, "/api/logout", csrf);
        using var after = await client.GetAsync("/api/stats");

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        client.Dispose();
    }

    /// <summary>The one line on each endpoint: every POST, PUT, PATCH and DELETE names its role (or is the login), so an endpoint added without it fails here.</summary>
    [Fact]
    public void Endpoints_EveryStateChangingOne_CarriesARoleOrIsPublic()
    {
        var endpoints = ((IEndpointRouteBuilder)_server.App).DataSources.SelectMany(d => d.Endpoints).ToList();
        var unguarded = endpoints
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Any(m => m is not ("GET" or "HEAD")) == true)
            .Where(e => e.Metadata.GetMetadata<RequiredRole>() is null && e.Metadata.GetMetadata<PublicEndpoint>() is null)
            .Select(e => e.DisplayName)
            .ToList();

        Assert.True(endpoints.Count > 10);
        Assert.Empty(unguarded);
    }

    private static string CookieNamed(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.FirstOrDefault(c => c.StartsWith(name + "=", StringComparison.Ordinal)) ?? throw new Xunit.Sdk.XunitException($"no {name} cookie in {string.Join(" | ", cookies)}")
            : throw new Xunit.Sdk.XunitException($"no Set-Cookie at all; status {(int)response.StatusCode}");
}
