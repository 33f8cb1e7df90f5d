using System.Net;
using System.Security.Cryptography;
using DrawingFromDiffusion.Onnx.Models;

namespace DrawingFromDiffusion.Onnx.Tests.Models;

/// <summary>`pull` against a real HTTP server on loopback serving the tiny pack in the Xenova layout.</summary>
public sealed class PackDownloaderTests
{
    [Fact]
    public async Task PullAsync_PartialFileOnDisk_ResumesWithRangeAndInstalls()
    {
        var source = PackImporterTests.MakeXenovaLayout();
        using var server = new LoopbackServer(source);
        var store = new ModelStore(Directory.CreateTempSubdirectory("dfd-store-").FullName, bundledRoot: "/nonexistent");
        var pack = Catalog(server, source, lfsHashes: true);
        var text = Path.Combine(source, "onnx", "text_model.onnx");
        var partial = Path.Combine(store.Root, ".downloads", pack.Id, "onnx", "text_model.onnx.part");
        Directory.CreateDirectory(Path.GetDirectoryName(partial)!);
        var half = File.ReadAllBytes(text).AsSpan(0, 1_000_000).ToArray();
        File.WriteAllBytes(partial, half);
        var reports = new List<DownloadProgress>();

        using var http = new HttpClient();
        var installed = await new PackDownloader(http, store).PullAsync(pack, replace: false, new SyncProgress(reports), CancellationToken.None);

        Assert.Contains("bytes=1000000-", server.RangeRequests);
        Assert.Contains(reports, r => r.File == "onnx/text_model.onnx" && r.Resumed);
        Assert.Empty(await installed.VerifyAsync(CancellationToken.None));
        Assert.Equal(File.ReadAllBytes(text), File.ReadAllBytes(installed.PathOf("onnx/text_model.onnx")));
        Assert.False(Directory.Exists(Path.Combine(store.Root, ".downloads", pack.Id)));
    }

    [Fact]
    public async Task PullAsync_WrongCatalogHash_FailsAndInstallsNothing()
    {
        var source = PackImporterTests.MakeXenovaLayout();
        using var server = new LoopbackServer(source);
        var store = new ModelStore(Directory.CreateTempSubdirectory("dfd-store-").FullName, bundledRoot: "/nonexistent");
        var pack = Catalog(server, source, lfsHashes: false);
        pack = pack with { Files = pack.Files.Select((f, i) => i == 0 ? f with { Sha256 = new string('0', 64) } : f).ToList() };

        using var http = new HttpClient();
        var ex = await Assert.ThrowsAsync<ModelPackException>(() => new PackDownloader(http, store).PullAsync(pack, false, null, CancellationToken.None));

        Assert.Contains("SHA-256", ex.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(store.Root, pack.Id)));
    }

    private static CatalogPack Catalog(LoopbackServer server, string source, bool lfsHashes)
    {
        var files = Directory.GetFiles(source, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(source, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .Select(rel => new CatalogFile(rel, new Uri(server.Prefix + rel), new FileInfo(Path.Combine(source, rel)).Length, lfsHashes ? null : Sha(Path.Combine(source, rel))))
            .ToList();
        return new CatalogPack("loopback-tiny", "tiny pack over HTTP", "xenova", files);
    }

    private static string Sha(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    private sealed class SyncProgress(List<DownloadProgress> reports) : IProgress<DownloadProgress>
    {
        public void Report(DownloadProgress value) => reports.Add(value);
    }

    /// <summary>HttpListener on 127.0.0.1 serving a folder with Range support and HF-style X-Linked-ETag hashes.</summary>
    internal sealed class LoopbackServer : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly string _root;
        private readonly Task _loop;

        public LoopbackServer(string root)
        {
            _root = root;
            var port = 0;
            for (var attempt = 0; attempt < 20; attempt++)
            {
                port = Random.Shared.Next(20000, 60000);
                try
                {
                    _listener.Prefixes.Clear();
                    _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
                    _listener.Start();
                    break;
                }
                catch (HttpListenerException)
                {
                    _listener.Close();
                }
            }

            Prefix = $"http://127.0.0.1:{port}/";
            _loop = Task.Run(ServeAsync);
        }

        public string Prefix { get; }

        public List<string> RangeRequests { get; } = [];

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                var path = Path.Combine(_root, context.Request.Url!.AbsolutePath.TrimStart('/'));
                if (!File.Exists(path))
                {
                    context.Response.StatusCode = 404;
                    context.Response.Close();
                    continue;
                }

                var bytes = await File.ReadAllBytesAsync(path);
                context.Response.Headers["X-Linked-ETag"] = $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))}\"";
                var start = 0;
                if (context.Request.Headers["Range"] is { } range && range.StartsWith("bytes=", StringComparison.Ordinal))
                {
                    lock (RangeRequests)
                    {
                        RangeRequests.Add(range);
                    }

                    start = int.Parse(range[6..].TrimEnd('-'), System.Globalization.CultureInfo.InvariantCulture);
                    context.Response.StatusCode = 206;
                    context.Response.Headers["Content-Range"] = $"bytes {start}-{bytes.Length - 1}/{bytes.Length}";
                }

                context.Response.ContentLength64 = bytes.Length - start;
                await context.Response.OutputStream.WriteAsync(bytes.AsMemory(start));
                context.Response.Close();
            }
        }

        public void Dispose()
        {
            _listener.Stop();
            _listener.Close();
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
    }
}
