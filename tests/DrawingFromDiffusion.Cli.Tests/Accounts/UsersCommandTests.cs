using System.Text.Json;
using DrawingFromDiffusion.Cli.Tests.Support;
using DrawingFromDiffusion.Cli.Tests.Web;
using DrawingFromDiffusion.Core.Accounts;

namespace DrawingFromDiffusion.Cli.Tests.Accounts;

/// <summary>`dfd users` and `dfd serve`'s refusal to listen beyond loopback without accounts, through the real dfd.</summary>
public sealed class UsersCommandTests : IAsyncLifetime
{
    private TestCatalog _catalog = null!;

    public async Task InitializeAsync() => _catalog = await TestCatalog.CreateEmptyAsync(CancellationToken.None);

    public Task DisposeAsync()
    {
        _catalog.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("::")]
    public async Task Serve_NonLoopbackWithoutUsers_RefusesInOneLineExit2(string host)
    {
        var result = await DfdProcess.RunAsync("serve", "--host", host, "--port", "0", "--db", _catalog.DbPath);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"dfd: listening on {System.Net.IPAddress.Parse(host)} (reachable from other machines) requires accounts", line, StringComparison.Ordinal);
        Assert.Contains("dfd users add NAME --role admin", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_AccountsOnLoopbackWithoutUsers_Refuses()
    {
        var result = await DfdProcess.RunAsync("serve", "--accounts", "--port", "0", "--db", _catalog.DbPath);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--accounts requires accounts", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_AccountsWithAUser_StartsAndAsksForSignIn()
    {
        await DfdProcess.RunWithInputAsync("long enough password\n", "users", "add", "ada", "--role", "admin", "--password-stdin", "--db", _catalog.DbPath);

        using var child = DfdProcess.Start("serve", "--accounts", "--port", "0", "--db", _catalog.DbPath);
        var said = new List<string>();
        string? address = null;
        while (address is null && await child.StandardError.ReadLineAsync() is { } line)
        {
            said.Add(line);
            if (line.StartsWith("dfd: serving ", StringComparison.Ordinal))
            {
                address = line[(line.IndexOf("open ", StringComparison.Ordinal) + 5)..].Split(' ')[0];
            }
        }

        try
        {
            Assert.True(address is not null, string.Join('\n', said));
            Assert.Contains("sign-in required", said[^1], StringComparison.Ordinal);
            using var client = new HttpClient(new SocketsHttpHandler { CookieContainer = new System.Net.CookieContainer() }) { BaseAddress = new Uri(address) };
            using var signedOut = await client.GetAsync(new Uri("/api/stats", UriKind.Relative));
            using var login = await AccountsServer.LoginAsync(client, "ada", "long enough password");
            using var signedIn = await client.GetAsync(new Uri("/api/stats", UriKind.Relative));
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, signedOut.StatusCode);
            Assert.Equal(System.Net.HttpStatusCode.OK, login.StatusCode);
            Assert.Equal(System.Net.HttpStatusCode.OK, signedIn.StatusCode);
        }
        finally
        {
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task UsersAdd_PasswordFromStdin_StoredAsPbkdf2AndListed()
    {
        var added = await DfdProcess.RunWithInputAsync("s3cret enough words\n", "users", "add", "alice", "--role", "curator", "--password-stdin", "--db", _catalog.DbPath);
        var listed = await DfdProcess.RunAsync("users", "list", "--json", "--db", _catalog.DbPath);

        Assert.Equal(0, added.ExitCode);
        Assert.Equal(0, listed.ExitCode);
        var user = Assert.Single(JsonDocument.Parse(listed.Stdout).RootElement.EnumerateArray());
        Assert.Equal(("alice", "curator"), (user.GetProperty("name").GetString(), user.GetProperty("role").GetString()));
        var hash = Catalogs.ScalarText(_catalog.DbPath, "SELECT password_hash FROM users WHERE name = 'alice'");
        Assert.StartsWith($"pbkdf2-sha256${PasswordHash.Iterations}$", hash, StringComparison.Ordinal);
        Assert.True(PasswordHash.Verify("s3cret enough words", hash));
        Assert.False(PasswordHash.Verify("s3cret enough word", hash));
        Assert.DoesNotContain("s3cret", listed.Stdout + added.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Users_ShortPasswordTakenNameSetRoleRemove_EachSaysWhat()
    {
        var tooShort = await DfdProcess.RunWithInputAsync("short\n", "users", "add", "bob", "--role", "viewer", "--password-stdin", "--db", _catalog.DbPath);
        await DfdProcess.RunWithInputAsync("long enough password\n", "users", "add", "bob", "--role", "viewer", "--password-stdin", "--db", _catalog.DbPath);
        var taken = await DfdProcess.RunWithInputAsync("long enough password\n", "users", "add", "BOB", "--role", "admin", "--password-stdin", "--db", _catalog.DbPath);
        var promoted = await DfdProcess.RunAsync("users", "set-role", "bob", "--role", "admin", "--db", _catalog.DbPath);
        var role = Catalogs.ScalarText(_catalog.DbPath, "SELECT role FROM users WHERE name = 'bob'");
        var removed = await DfdProcess.RunAsync("users", "remove", "bob", "--db", _catalog.DbPath);
        var missing = await DfdProcess.RunAsync("users", "remove", "bob", "--db", _catalog.DbPath);
        var audit = await DfdProcess.RunAsync("audit", "--json", "--db", _catalog.DbPath);

        Assert.Equal(2, tooShort.ExitCode);
        Assert.Contains("at least 10 characters", tooShort.Stderr, StringComparison.Ordinal);
        Assert.Equal(1, taken.ExitCode);
        Assert.Contains("already a user named BOB", taken.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, promoted.ExitCode);
        Assert.Equal("admin", role);
        Assert.Equal(0, removed.ExitCode);
        Assert.Equal(1, missing.ExitCode);
        var actions = JsonDocument.Parse(audit.Stdout).RootElement.EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Equal(["users.remove", "users.set-role", "users.add"], actions);
    }
}
