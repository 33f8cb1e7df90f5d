using System.Diagnostics;
using System.Globalization;
using DrawingFromDiffusion.Core.Catalog;
using DrawingFromDiffusion.Core.Imaging;
using DrawingFromDiffusion.Core.Library;
using DrawingFromDiffusion.Storage;

namespace DrawingFromDiffusion.Benchmarks.Scan;

/// <summary>
/// Rescan of an unchanged tree (issue 14 goal 3): a tree of COUNT small files and a catalog that already holds every one
/// of them (size, mtime, metadata read) are generated directly; then `dfd index`'s scanner runs over it ROUNDS times.
/// Every file is unchanged, so the analyzer must never be called and no file is opened. Reports wall time and the
/// process's CPU time per round.
/// </summary>
public static class RescanBenchmark
{
    private const int FilesPerFolder = 1000;

    public static int Run(string[] args)
    {
        var work = Path.GetFullPath(args[0]);
        var count = int.Parse(args[1], CultureInfo.InvariantCulture);
        var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
        var tree = Path.Combine(work, $"tree-{count}");
        var db = Path.Combine(work, $"catalog-{count}.db");
        var clock = Stopwatch.StartNew();
        if (!File.Exists(Path.Combine(tree, ".complete")))
        {
            MakeTree(tree, count);
            File.Delete(db);
            Console.WriteLine($"tree of {count:N0} files made in {clock.Elapsed.TotalSeconds:0.0} s");
        }

        if (!File.Exists(db))
        {
            clock.Restart();
            MakeCatalog(db, tree, count);
            Console.WriteLine($"catalog of {count:N0} files made in {clock.Elapsed.TotalSeconds:0.0} s");
        }

        Console.WriteLine($"{Environment.ProcessorCount} cores, load average {LoadAverage()}");
        for (var round = 1; round <= rounds; round++)
        {
            var analyzer = new CountingAnalyzer();
            var database = CatalogDatabase.Open(db);
            using var catalog = new SqliteImageCatalog(database);
            var scanner = new LibraryScanner(catalog, analyzer);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            clock.Restart();
            var summary = scanner.ScanAsync(new ScanOptions { Roots = [tree] }, null, CancellationToken.None).GetAwaiter().GetResult();
            var wall = clock.Elapsed;
            var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            Console.WriteLine(
                $"round {round}: {count:N0} files, wall {wall.TotalSeconds:0.00} s, CPU {used.TotalSeconds:0.00} s ({used.TotalMicroseconds / count:0.0} µs/file); " +
                $"unchanged {summary.Unchanged:N0}, added {summary.Added}, failed {summary.Failed}, removed {summary.Removed}, analyzer calls {analyzer.Calls}");
        }

        return 0;
    }

    private static void MakeTree(string tree, int count)
    {
        if (Directory.Exists(tree))
        {
            Directory.Delete(tree, recursive: true);
        }

        // Small files whose bytes no decoder takes: a rescan that opened one would record a failure.
        var content = new byte[64];
        for (var i = 0; i < count; i++)
        {
            if (i % FilesPerFolder == 0)
            {
                Directory.CreateDirectory(Folder(tree, i));
            }

            content[0] = (byte)i;
            File.WriteAllBytes(Path.Combine(Folder(tree, i), $"img{i:D7}.png"), content);
        }

        File.WriteAllText(Path.Combine(tree, ".complete"), count.ToString(CultureInfo.InvariantCulture));
    }

    private static string Folder(string tree, int i) => Path.Combine(tree, $"d{i / FilesPerFolder / 100:D3}", $"d{i / FilesPerFolder:D5}");

    private static void MakeCatalog(string db, string tree, int count)
    {
        var database = CatalogDatabase.Open(db);
        using var connection = database.Connect();
        using var transaction = connection.BeginTransaction();
        using var image = connection.CreateCommand();
        image.CommandText = "INSERT INTO images (id, content_hash, format, width, height, byte_size, phash, dhash, added_at) VALUES ($id, $hash, 'png', 64, 64, 64, 0, 0, '2026-12-05T00:00:00Z')";
        var imageId = image.Parameters.Add("$id", Microsoft.Data.Sqlite.SqliteType.Integer);
        var hash = image.Parameters.Add("$hash", Microsoft.Data.Sqlite.SqliteType.Blob);
        using var file = connection.CreateCommand();
        file.CommandText = "INSERT INTO files (path, image_id, size, mtime_ticks, metadata_read) VALUES ($path, $id, $size, $mtime, 1)";
        var path = file.Parameters.Add("$path", Microsoft.Data.Sqlite.SqliteType.Text);
        var fileImage = file.Parameters.Add("$id", Microsoft.Data.Sqlite.SqliteType.Integer);
        var size = file.Parameters.Add("$size", Microsoft.Data.Sqlite.SqliteType.Integer);
        var mtime = file.Parameters.Add("$mtime", Microsoft.Data.Sqlite.SqliteType.Integer);
        var bytes = new byte[16];
        for (var i = 0; i < count; i++)
        {
            var full = Path.Combine(Folder(tree, i), $"img{i:D7}.png");
            var info = new FileInfo(full);
            BitConverter.TryWriteBytes(bytes, (long)i + 1);
            imageId.Value = i + 1;
            hash.Value = bytes;
            image.ExecuteNonQuery();
            path.Value = full;
            fileImage.Value = i + 1;
            size.Value = info.Length;
            mtime.Value = info.LastWriteTimeUtc.Ticks;
            file.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    private sealed class CountingAnalyzer : IImageAnalyzer
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public ImageFacts Analyze(Stream content, ImageFormat format, ImageLimits limits, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _calls);
            throw new ImageRejectedException("a rescan of unchanged files must not decode");
        }
    }
}
