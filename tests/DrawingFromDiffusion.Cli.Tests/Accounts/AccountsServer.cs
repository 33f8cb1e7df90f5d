using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DrawingFromDiffusion.App.Accounts;
using DrawingFromDiffusion.App.Browsing;
using DrawingFromDiffusion.Cli.Tests.Web;
using DrawingFromDiffusion.Core.Accounts;
using DrawingFromDiffusion.Web;
using DrawingFromDiffusion.Web.Accounts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DrawingFromDiffusion.Cli.Tests.Accounts;

/// <summary>
/// The real web app on Kestrel on a free loopback port with accounts required (as `dfd serve --accounts`), over an
/// empty catalog, with one extra curator action (POST /api/test/rate/{id}) that counts its calls: the role gate's
/// one line on it is the same line the curation endpoints carry.
/// </summary>
public sealed class AccountsServer : IAsyncDisposable
{
    public const string Password = "correct horse battery";

    private readonly TestCatalog _catalog;
    private readonly WebApplication _app;
    private int _ratings;

    private AccountsServer(TestCatalog catalog, LoginLimits limits)
    {
        _catalog = catalog;
        Accounts = AccountsService.For(catalog.Database);
        _app = WebApp.Build(new WebServerOptions(new ReadOnlyCatalog(catalog.Database), IPAddress.Loopback, 0)
        {
            RequireAccounts = true,
            LoginLimits = limits,
            MapEndpoints = app => app.MapPost("/api/test/rate/{id:long}", (long id, HttpContext context) =>
                {
                    Interlocked.Increment(ref _ratings);
                    AuditTarget.Set(context, $"image {id}");
                    return Results.NoContent();
                })
                .RequireRole(Role.Curator, "rate"),
        });
    }

    public AccountsService Accounts { get; }

    public WebApplication App => _app;

    public Uri Address { get; private set; } = null!;

    /// <summary>How many times the curator action ran.</summary>
    public int Ratings => Volatile.Read(ref _ratings);

    public static async Task<AccountsServer> StartAsync(LoginLimits? limits = null)
    {
        var catalog = await TestCatalog.CreateEmptyAsync(CancellationToken.None);
        var server = new AccountsServer(catalog, limits ?? new LoginLimits());
        await server._app.StartAsync();
        server.Address = WebApp.BoundAddress(server._app);
        return server;
    }

    public void AddUser(string name, Role role) => Accounts.Add(name, role, Password, "test");

    /// <summary>A client with its own cookie jar; <paramref name="cookies"/> false: Set-Cookie headers are left for the test to read.</summary>
    public HttpClient Client(bool cookies = true) =>
        new(new SocketsHttpHandler { UseCookies = cookies, CookieContainer = new CookieContainer() }) { BaseAddress = Address, Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>GET /api/session: the CSRF token for this client's cookies.</summary>
    public static async Task<string> CsrfTokenAsync(HttpClient client)
    {
        var session = await client.GetJsonAsync("/api/session");
        return session.GetProperty("csrf_token").GetString()!;
    }

    public static async Task<HttpResponseMessage> LoginAsync(HttpClient client, string name, string password)
    {
        var token = await CsrfTokenAsync(client);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/login") { Content = JsonContent.Create(new { name, password }) };
        request.Headers.Add("X-CSRF-Token", token);
        return await client.SendAsync(request);
    }

    /// <summary>A signed-in client and the CSRF token of its session.</summary>
    public async Task<(HttpClient Client, string Csrf)> SignedInAsync(string name)
    {
        var client = Client();
        using var response = await LoginAsync(client, name, Password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var session = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return (client, session.GetProperty("csrf_token").GetString()!);
    }

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string? csrf, object? body = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : JsonContent.Create(body) };
        if (csrf is not null)
        {
            request.Headers.Add("X-CSRF-Token", csrf);
        }

        return await client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _catalog.Dispose();
    }
}
