using System.CommandLine;
using DrawingFromDiffusion.Cli.Output;
using DrawingFromDiffusion.Storage.PostgreSql;

namespace DrawingFromDiffusion.Cli.Commands;

/// <summary>`dfd jobs`: the shared catalog's queue: counts per state, then running and failed jobs with worker or reason.</summary>
internal static class JobsCommand
{
    public static Command Create()
    {
        var db = CommonOptions.Db();
        var json = CommonOptions.Json();
        var limit = new Option<int>("--limit", "-n") { Description = "at most this many running and failed jobs listed", DefaultValueFactory = _ => 50 };
        limit.Between(1, 100_000);
        var command = new Command("jobs", "Show the work queue of a shared PostgreSQL catalog: queued, running (which worker, lease expired?) and failed (why).") { db, json, limit };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (PostgresCatalog.Url(parse.GetValue(db)) is not { } url)
            {
                Console.Error.WriteLine("dfd: the job queue lives in a shared catalog: --db postgresql://… (or DFD_DB)");
                return ExitCodes.Usage;
            }

            return await PostgresCatalog.GuardAsync(url, async catalog =>
            {
                var summary = await new PgJobQueue(catalog).SummaryAsync(parse.GetValue(limit), cancellationToken);
                if (parse.GetValue(json))
                {
                    Json.Write(new { counts = summary.Counts, jobs = summary.Jobs });
                    return ExitCodes.Ok;
                }

                Console.WriteLine(string.Join("  ", summary.Counts.Select(c => $"{c.Key} {c.Value}")));
                foreach (var job in summary.Jobs)
                {
                    var detail = job.State == "failed" ? job.Reason : $"worker {job.Worker}{(job.LeaseExpired ? " (lease expired: claimable again)" : "")}";
                    Console.WriteLine($"  {job.State,-8} {job.Root}/{job.RelativePath}  attempts {job.Attempts}  {detail}");
                }

                return ExitCodes.Ok;
            }, cancellationToken);
        });
        return command;
    }
}
