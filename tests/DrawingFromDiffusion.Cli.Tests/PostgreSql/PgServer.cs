using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace DrawingFromDiffusion.Cli.Tests.PostgreSql;

/// <summary>
/// A throwaway PostgreSQL cluster for the tests: initdb + pg_ctl in a temp folder, listening only on a Unix socket
/// there, stopped and deleted afterwards. Tests run as root here, and the server refuses root, so it runs as the
/// `postgres` user the Debian package creates. Missing PostgreSQL or pgvector is a failure with what to install, never a skip.
/// </summary>
public sealed class PgServer : IAsyncDisposable
{
    private static readonly string[] BinFolders = ["/usr/lib/postgresql/17/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/15/bin"];

    private readonly string _bin;
    private readonly string _folder;
    private readonly int _port;
    private int _databases;

    private PgServer(string bin, string folder, int port)
    {
        _bin = bin;
        _folder = folder;
        _port = port;
    }

    public static async Task<PgServer> StartAsync()
    {
        var bin = BinFolders.FirstOrDefault(b => File.Exists(Path.Combine(b, "initdb")))
            ?? throw new InvalidOperationException("PostgreSQL 15+ is not installed (no initdb under /usr/lib/postgresql/*/bin): run scripts/install-test-deps");
        var share = (await RunAsync(Path.Combine(bin, "pg_config"), ["--sharedir"], asServerUser: false)).Trim();
        if (!File.Exists(Path.Combine(share, "extension", "vector.control")))
        {
            throw new InvalidOperationException($"pgvector is not installed for {bin} (no {share}/extension/vector.control): run scripts/install-test-deps");
        }

        var folder = Path.Combine(Path.GetTempPath(), "dfd-pg-" + Guid.NewGuid().ToString("n")[..10]);
        Directory.CreateDirectory(folder);
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", ["postgres:postgres", folder], asServerUser: false);
        }

        var port = 20_000 + Random.Shared.Next(30_000);
        var server = new PgServer(bin, folder, port);
        await RunAsync(Path.Combine(bin, "initdb"), ["-D", server.DataFolder, "-A", "trust", "-U", "dfd", "-E", "UTF8", "--no-sync"], asServerUser: true);
        await RunAsync(Path.Combine(bin, "pg_ctl"), [
            "-D", server.DataFolder, "-l", Path.Combine(folder, "server.log"), "-w", "start",
            "-o", string.Create(CultureInfo.InvariantCulture, $"-p {port} -k {folder} -c listen_addresses='' -c fsync=off -c max_connections=200"),
        ], asServerUser: true);
        return server;
    }

    private string DataFolder => Path.Combine(_folder, "data");

    /// <summary>A new empty database on this server, as the postgresql:// address dfd takes.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "t" + Interlocked.Increment(ref _databases).ToString(CultureInfo.InvariantCulture) + "_" + Guid.NewGuid().ToString("n")[..6];
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return string.Create(CultureInfo.InvariantCulture, $"postgresql://dfd@/{name}?host={_folder}&port={_port}");
    }

    public string ConnectionString(string database) =>
        string.Create(CultureInfo.InvariantCulture, $"Host={_folder};Port={_port};Username=dfd;Database={database};Pooling=false");

    /// <summary>One value from the database behind <paramref name="url"/>.</summary>
    public async Task<long> ScalarAsync(string url, string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString(url.Split('/')[3].Split('?')[0]));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsync(Path.Combine(_bin, "pg_ctl"), ["-D", DataFolder, "-m", "immediate", "-w", "stop"], asServerUser: true);
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static async Task<string> RunAsync(string program, string[] args, bool asServerUser)
    {
        var asOther = asServerUser && Environment.UserName == "root";
        var start = new ProcessStartInfo(asOther ? "setpriv" : program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (asOther)
        {
            foreach (var arg in (string[])["--reuid=postgres", "--regid=postgres", "--init-groups", program])
            {
                start.ArgumentList.Add(arg);
            }
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {program}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({process.ExitCode}): {await stderr}");
        }

        return await stdout;
    }
}

/// <summary>One server for every PostgreSQL test class; each test takes its own database.</summary>
public sealed class PgServerFixture : IAsyncLifetime
{
    private PgServer? _server;

    public PgServer Server => _server ?? throw new InvalidOperationException("the server did not start");

    public async Task InitializeAsync() => _server = await PgServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PgCollection : ICollectionFixture<PgServerFixture>
{
    public const string Name = "PostgreSQL server";
}
