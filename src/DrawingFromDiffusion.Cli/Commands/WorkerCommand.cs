using System.CommandLine;
using DrawingFromDiffusion.App.PostgreSql;
using DrawingFromDiffusion.Cli.Output;
using DrawingFromDiffusion.Core.Library;

namespace DrawingFromDiffusion.Cli.Commands;

/// <summary>`dfd worker`: embeds queued files of a shared PostgreSQL catalog, on any number of machines at once.</summary>
internal static class WorkerCommand
{
    public static Command Create()
    {
        var db = CommonOptions.Db();
        var name = new Option<string?>("--name") { Description = "this worker's name in `dfd jobs` (default: host name and process id)", HelpName = "NAME" };
        var batch = new Option<int>("--jobs-per-claim") { Description = "files claimed at once", DefaultValueFactory = _ => 32 };
        batch.Between(1, 10_000);
        var lease = new Option<double>("--lease") { Description = "seconds a claim lasts without a heartbeat; a worker that dies loses its batch to others after this", DefaultValueFactory = _ => 60 };
        lease.Between(1.0);
        var once = new Option<bool>("--exit-when-empty") { Description = "exit when no job is left instead of waiting for more" };
        var embedding = new EmbeddingCliOptions();
        var command = new Command("worker", """
            Embed the files queued with `dfd index --enqueue` into a shared PostgreSQL catalog. Run one per GPU or machine:
            each claims a batch (FOR UPDATE SKIP LOCKED), scans and embeds it, marks it done, and renews its lease
            meanwhile; a batch of a worker that died is taken over when its lease runs out. Files are read at their
            root's path (`dfd roots`).
            Examples:
              dfd worker --db postgresql://dfd@server/studio --device cuda
              dfd worker --db postgresql://dfd@server/studio --exit-when-empty
            """) { db, name, batch, lease, once };
        foreach (var option in embedding.All.Where(o => o.Name != "--no-embed"))
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            if (PostgresCatalog.Url(parse.GetValue(db)) is not { } url)
            {
                Console.Error.WriteLine("dfd: dfd worker needs a shared catalog: --db postgresql://… (or DFD_DB)");
                return ExitCodes.Usage;
            }

            var scan = new ScanOptions { Roots = [], Workers = 1 };
            var request = new WorkerRequest(
                parse.GetValue(name) ?? $"{Environment.MachineName}:{Environment.ProcessId}",
                embedding.Read(parse, scan),
                parse.GetValue(batch),
                TimeSpan.FromSeconds(parse.GetValue(lease)),
                parse.GetValue(once),
                StallAfterClaim: Environment.GetEnvironmentVariable("DFD_WORKER_FAULT") == "stall-after-claim");
            return await PostgresCatalog.GuardAsync(url, async catalog =>
            {
                try
                {
                    var summary = await PgWorker.RunAsync(catalog, request, StderrLogger.Instance, cancellationToken);
                    Console.WriteLine($"worker {request.Name}: {summary.Batches} batch(es), {summary.Done} done, {summary.Failed} failed");
                    return ExitCodes.Ok;
                }
                catch (OperationCanceledException)
                {
                    Console.Error.WriteLine("dfd: worker stopped; its unfinished batch goes back to the queue when its lease runs out");
                    return ExitCodes.Interrupted;
                }
            }, cancellationToken);
        });
        return command;
    }
}
