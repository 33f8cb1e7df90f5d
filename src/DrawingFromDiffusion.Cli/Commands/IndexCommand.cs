using System.CommandLine;
using DrawingFromDiffusion.App.Indexing;
using DrawingFromDiffusion.Cli.Output;
using DrawingFromDiffusion.Core.Embeddings;
using DrawingFromDiffusion.Core.Catalog;
using DrawingFromDiffusion.Core.Imaging;
using DrawingFromDiffusion.Core.Library;
using DrawingFromDiffusion.Core.Video;
using DrawingFromDiffusion.Storage;

namespace DrawingFromDiffusion.Cli.Commands;

/// <summary>`dfd index`: scan folders into the catalog (incremental, resumable).</summary>
internal static class IndexCommand
{
    public static Command Create()
    {
        var folders = new Argument<string[]>("folder") { Arity = ArgumentArity.OneOrMore, Description = "folders (or files) to scan, recursively" };
        var db = CommonOptions.Db();
        var json = CommonOptions.Json();
        var exclude = new Option<string[]>("--exclude") { Description = "skip names or paths matching this glob (repeatable), e.g. --exclude '*.tmp'", HelpName = "GLOB", AllowMultipleArgumentsPerToken = false };
        var hidden = new Option<bool>("--include-hidden") { Description = "also walk hidden files and folders (names starting with '.')" };
        var maxMegapixels = new Option<double>("--max-megapixels") { Description = "refuse images declaring more pixels than this (decompression bombs)", DefaultValueFactory = _ => 100 };
        maxMegapixels.Between(0.001);
        var retryErrors = new Option<bool>("--retry-errors") { Description = "look again at files in `dfd errors` (scan and embedding failures) even if unchanged (after upgrading dfd or raising --max-megapixels)" };
        var workers = new Option<int>("--workers") { Description = "files hashed and decoded in parallel", DefaultValueFactory = _ => Environment.ProcessorCount };
        workers.Between(1, 256);
        var embedding = new EmbeddingCliOptions();
        var videoFrames = new Option<int>("--video-max-frames") { Description = "videos: at most this many frames per video (scene changes plus the --video-interval floor)", DefaultValueFactory = _ => 64 };
        videoFrames.Between(1, 100_000);
        var videoInterval = new Option<double>("--video-interval") { Description = "videos: at least one frame every this many seconds", DefaultValueFactory = _ => 2 };
        videoInterval.Between(0.01);
        var ffmpegFolder = new Option<string?>("--ffmpeg-folder") { Description = "videos: the folder holding ffmpeg and ffprobe (default: found on PATH)", HelpName = "FOLDER" };
        var noWait = new Option<bool>("--no-wait") { Description = "when another dfd index is writing the same catalog, exit (code 4) instead of waiting for it" };
        var enqueue = new Option<bool>("--enqueue") { Description = "shared PostgreSQL catalog: only record the files as jobs for `dfd worker` (on any machines) instead of scanning here" };
        var videoTimeout = new Option<double>("--video-timeout") { Description = "videos: give up on one video after this many seconds (ffmpeg is stopped)", DefaultValueFactory = _ => 60 };
        videoTimeout.Between(1.0);

        var command = new Command("index", """
            Scan folders into the catalog: every image's content hash, size, perceptual hashes and thumbnail.
            Unchanged files are skipped, moved files keep their entry, deleted files are removed.
            Broken files are recorded (see `dfd errors`) and retried only when they change.
            Videos (MP4, MOV, WebM, MKV; needs ffmpeg) and animated WebP/GIF are sampled into frames:
            scene changes plus one frame every --video-interval seconds, at most --video-max-frames.
            Then every catalogued image lacking a vector for the model is embedded (skip with --no-embed);
            run again with another --model to add a second model without rescanning.
            Examples:
              dfd index ~/Pictures/ai
              dfd index ~/renders --exclude '*_tmp*' --json
            """)
        {
            folders, db, json, exclude, hidden, maxMegapixels, retryErrors, workers, videoFrames, videoInterval, videoTimeout, ffmpegFolder, noWait, enqueue,
        };
        foreach (var option in embedding.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var roots = parse.GetValue(folders)!;
            foreach (var root in roots)
            {
                if (!Directory.Exists(root) && !File.Exists(root))
                {
                    Console.Error.WriteLine($"dfd: {root}: no such folder or file");
                    return ExitCodes.Usage;
                }
            }

            var options = new ScanOptions
            {
                Roots = roots,
                ExcludeGlobs = parse.GetValue(exclude) ?? [],
                IncludeHidden = parse.GetValue(hidden),
                RetryErrors = parse.GetValue(retryErrors),
                Limits = new ImageLimits(MaxPixels: (long)(parse.GetValue(maxMegapixels) * 1_000_000)),
                Workers = Math.Max(1, parse.GetValue(workers)),
                Video = new VideoSamplingOptions
                {
                    MaxFrames = Math.Max(1, parse.GetValue(videoFrames)),
                    FloorInterval = TimeSpan.FromSeconds(Math.Max(0.1, parse.GetValue(videoInterval))),
                    Timeout = TimeSpan.FromSeconds(Math.Max(1, parse.GetValue(videoTimeout))),
                    FfmpegFolder = parse.GetValue(ffmpegFolder),
                },
            };
            if (PostgresCatalog.Url(parse.GetValue(db)) is { } postgres)
            {
                if (parse.GetValue(enqueue))
                {
                    return await PostgresCatalog.EnqueueAsync(postgres, roots, cancellationToken);
                }

                var embeddingRequest = parse.GetValue(embedding.NoEmbed) ? null : embedding.Read(parse, options);
                return await PostgresCatalog.IndexAsync(postgres, options, embeddingRequest, !parse.GetValue(noWait), parse.GetValue(json), cancellationToken);
            }

            if (parse.GetValue(enqueue))
            {
                Console.Error.WriteLine("dfd: --enqueue needs a shared catalog: --db postgresql://… (or DFD_DB)");
                return ExitCodes.Usage;
            }

            var dbPath = CatalogLocation.Resolve(parse.GetValue(db));
            return await CatalogFailures.GuardAsync(dbPath, async () =>
            {
                // Refused before the lock: no lock file beside another program's database or a read-only catalog.
                CatalogDatabase.CheckWritable(dbPath);
                using var writer = await CatalogWriterLock.AcquireAsync(dbPath, !parse.GetValue(noWait), m => Console.Error.WriteLine($"dfd: {m}"), cancellationToken);
                var database = CatalogDatabase.Open(dbPath);
                using var renderer = ProgressRenderer.For(Console.Error);
                try
                {
                    await using var model = parse.GetValue(embedding.NoEmbed) ? null : IndexService.OpenModel(database, embedding.Read(parse, options), StderrLogger.Instance);
                    var summary = await IndexService.ScanAsync(database, options, renderer, cancellationToken, model);
                    renderer.Finish();
                    var embedded = model is null ? null : await IndexService.EmbedAsync(model, renderer, cancellationToken);
                    renderer.Finish();
                    Report(summary, dbPath, parse.GetValue(json), embedded);
                    return embedded is { Failed: true } ? ExitCodes.Failure : ExitCodes.Ok;
                }
                catch (OperationCanceledException)
                {
                    renderer.Finish();
                    Console.Error.WriteLine("dfd: interrupted; every committed file is kept. Run the same command again to resume.");
                    return ExitCodes.Interrupted;
                }
            });
        });
        return command;
    }

    internal static void Report(ScanSummary summary, string dbPath, bool json, EmbeddingStepResult? embedded)
    {
        if (json)
        {
            Json.Write(new
            {
                catalog = dbPath,
                summary.Found,
                summary.Added,
                summary.Updated,
                summary.Moved,
                summary.Unchanged,
                summary.Removed,
                summary.Failed,
                summary.FailedUnchanged,
                summary.Ignored,
                summary.ImagesPruned,
                elapsed_seconds = Math.Round(summary.Elapsed.TotalSeconds, 3),
                files_per_second = Math.Round(summary.Found / Math.Max(summary.Elapsed.TotalSeconds, 1e-9), 1),
                embedding = embedded?.ToJson(),
            });
            return;
        }

        var rate = summary.Found / Math.Max(summary.Elapsed.TotalSeconds, 1e-9);
        Console.WriteLine($"Scanned {summary.Found} files in {summary.Elapsed.TotalSeconds:0.0} s ({rate:0.0} files/s) into {dbPath}");
        Console.WriteLine($"  added {summary.Added}  updated {summary.Updated}  moved {summary.Moved}  unchanged {summary.Unchanged}  removed {summary.Removed}  failed {summary.Failed}  ignored {summary.Ignored}");
        var failed = summary.Failed + summary.FailedUnchanged;
        if (failed > 0)
        {
            Console.WriteLine($"  {failed} file(s) could not be catalogued ({summary.FailedUnchanged} unchanged since an earlier failure): see `dfd errors`");
        }

        if (embedded is not null)
        {
            Console.WriteLine(embedded.Describe());
        }
    }
}
