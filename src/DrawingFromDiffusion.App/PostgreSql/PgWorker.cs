using DrawingFromDiffusion.App.Indexing;
using DrawingFromDiffusion.Core.Catalog;
using DrawingFromDiffusion.Core.Library;
using DrawingFromDiffusion.Storage.PostgreSql;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace DrawingFromDiffusion.App.PostgreSql;

/// <summary>What `dfd worker` runs: its name, the embedding it does, how many jobs it claims at once and for how long.</summary>
/// <param name="StallAfterClaim">fault injection for tests: hold the first claimed batch (heartbeating) until killed.</param>
internal sealed record WorkerRequest(string Name, EmbeddingRequest Embedding, int BatchSize, TimeSpan Lease, bool ExitWhenEmpty, bool StallAfterClaim = false);

internal sealed record WorkerSummary(int Batches, int Done, int Failed);

/// <summary>
/// `dfd worker`: claims a batch of queued files, scans and embeds them into the shared catalog, marks them done, and
/// renews its lease meanwhile. Catalog writes are idempotent (content hash, path), so a batch redone after a worker
/// died changes nothing twice; the job itself completes once, for the worker holding it.
/// </summary>
internal static class PgWorker
{
    private static readonly TimeSpan IdlePoll = TimeSpan.FromSeconds(2);

    public static async Task<WorkerSummary> RunAsync(PgCatalog catalog, WorkerRequest request, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var queue = new PgJobQueue(catalog);
        int batches = 0, done = 0, failed = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var jobs = await queue.ClaimAsync(request.Name, request.BatchSize, request.Lease, cancellationToken);
            if (jobs.Count == 0)
            {
                // Drained means nothing queued and nothing held: a batch still leased to another worker may come back.
                if (request.ExitWhenEmpty && (await queue.SummaryAsync(1, cancellationToken)).Counts["running"] == 0)
                {
                    return new WorkerSummary(batches, done, failed);
                }

                await Task.Delay(IdlePoll, cancellationToken);
                continue;
            }

            logger.LogInformation("dfd worker {Worker}: claimed {Count} job(s) from {First}", request.Name, jobs.Count, jobs[0].Id);
            using var beat = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var heartbeat = HeartbeatAsync(queue, request, jobs.Select(j => j.Id).ToList(), logger, beat.Token);
            try
            {
                if (request.StallAfterClaim)
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }

                var (ok, bad) = await ProcessAsync(catalog, request, jobs, cancellationToken);
                var completed = await queue.CompleteAsync(request.Name, ok, bad, cancellationToken);
                if (completed < jobs.Count)
                {
                    logger.LogWarning("dfd worker {Worker}: {Lost} job(s) of the batch were taken over after the lease ran out; their results were kept, the other worker completes them", request.Name, jobs.Count - completed);
                }

                batches++;
                done += ok.Count;
                failed += bad.Count;
            }
            finally
            {
                await beat.CancelAsync();
                await heartbeat;
            }
        }
    }

    private static async Task<(List<long> Done, Dictionary<long, string> Failed)> ProcessAsync(PgCatalog catalog, WorkerRequest request, IReadOnlyList<QueuedJob> jobs, CancellationToken cancellationToken)
    {
        var paths = jobs.Select(j => j.CatalogPath).ToList();
        var present = paths.Where(p => File.Exists(p)).ToList();
        if (present.Count > 0)
        {
            await PgIndexService.ScanAsync(new PgImageCatalog(catalog), new ScanOptions { Roots = present, Workers = 1 }, null, cancellationToken);
            await PgIndexService.EmbedAsync(new PgEmbeddingStore(catalog, present), request.Embedding, null, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, cancellationToken);
        }

        var reasons = await ErrorsAsync(catalog, paths, cancellationToken);
        var failed = new Dictionary<long, string>();
        var done = new List<long>();
        foreach (var job in jobs)
        {
            if (!File.Exists(job.CatalogPath))
            {
                failed[job.Id] = $"no such file under root {job.Root} ({job.RootPath})";
            }
            else if (reasons.TryGetValue(job.CatalogPath, out var reason))
            {
                failed[job.Id] = reason;
            }
            else
            {
                done.Add(job.Id);
            }
        }

        return (done, failed);
    }

    private static async Task<Dictionary<string, string>> ErrorsAsync(PgCatalog catalog, List<string> paths, CancellationToken cancellationToken)
    {
        await using var connection = await catalog.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT path, stage || ': ' || reason FROM errors WHERE path = ANY(@paths)", connection);
        command.Parameters.AddWithValue("paths", paths.ToArray());
        var reasons = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            reasons[reader.GetString(0)] = reader.GetString(1);
        }

        return reasons;
    }

    private static async Task HeartbeatAsync(PgJobQueue queue, WorkerRequest request, List<long> jobs, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(request.Lease / 3, cancellationToken);
                if (await queue.HeartbeatAsync(request.Name, jobs, request.Lease, cancellationToken) < jobs.Count)
                {
                    logger.LogWarning("dfd worker {Worker}: lost the lease of part of its batch", request.Name);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
