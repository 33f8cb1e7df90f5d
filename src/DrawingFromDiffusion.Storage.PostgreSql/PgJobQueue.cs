using Npgsql;

namespace DrawingFromDiffusion.Storage.PostgreSql;

/// <summary>
/// The work queue of a shared catalog: named roots, one job per file, claimed in batches with FOR UPDATE SKIP LOCKED
/// under a lease the worker renews. A job whose lease ran out (its worker died) is claimable again; a completion counts
/// only while the worker still holds the job, so a job is done once however many workers touched it.
/// </summary>
public sealed class PgJobQueue(PgCatalog catalog)
{
    public async Task AddRootAsync(string name, string path, CancellationToken cancellationToken)
    {
        await using var connection = await catalog.OpenConnectionAsync(cancellationToken);
        await new PgSql(connection, null, cancellationToken).ExecuteAsync(
            "INSERT INTO roots (name, path) VALUES (@name, @path) ON CONFLICT (name) DO UPDATE SET path = excluded.path", ("name", name), ("path", path));
    }

    public async Task<IReadOnlyList<(string Name, string Path)>> RootsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await catalog.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT name, path FROM roots ORDER BY name", connection);
        var roots = new List<(string, string)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            roots.Add((reader.GetString(0), reader.GetString(1)));
        }

        return roots;
    }

    /// <summary>Queues the files (paths relative to the root); a known file is queued again only when it changed or failed.</summary>
    /// <returns>how many jobs were queued.</returns>
    public async Task<int> EnqueueAsync(string root, IReadOnlyList<(string RelativePath, long Size, long ModifiedTicks)> files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        await using var connection = await catalog.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var queued = await new PgSql(connection, transaction, cancellationToken).ExecuteAsync(
            """
            INSERT INTO jobs (root, rel_path, size, mtime_ticks)
            SELECT @root, f.rel, f.size, f.mtime FROM unnest(@rels, @sizes, @mtimes) AS f(rel, size, mtime)
            ON CONFLICT (root, rel_path) DO UPDATE SET state = 'queued', size = excluded.size, mtime_ticks = excluded.mtime_ticks,
                worker = NULL, lease_until = NULL, attempts = 0, reason = NULL, queued_at = now(), finished_at = NULL
            WHERE jobs.size <> excluded.size OR jobs.mtime_ticks <> excluded.mtime_ticks OR jobs.state = 'failed'
            """,
            ("root", root), ("rels", files.Select(f => f.RelativePath).ToArray()), ("sizes", files.Select(f => f.Size).ToArray()),
            ("mtimes", files.Select(f => f.ModifiedTicks).ToArray()));
        await transaction.CommitAsync(cancellationToken);
        return queued;
    }

    /// <summary>Takes up to <paramref name="count"/> queued jobs, or running ones whose lease expired, for <paramref name="lease"/>.</summary>
    public async Task<IReadOnlyList<QueuedJob>> ClaimAsync(string worker, int count, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var connection = await catalog.OpenConnectionAsync(cancellationToken);
        await using var command = new PgSql(connection, null, cancellationToken).Command(
            """
            WITH claimable AS (
                SELECT id FROM jobs
                WHERE state = 'queued' OR (state = 'running' AND lease_until < now())
                ORDER BY id LIMIT @count
                FOR UPDATE SKIP LOCKED)
            UPDATE jobs j SET state = 'running', worker = @worker, lease_until = now() + @lease, attempts = j.attempts + 1
            FROM claimable c, roots r
            WHERE j.id = c.id AND r.name = j.root
            RETURNING j.id, j.root, r.path, j.rel_path
            """,
            ("count", count), ("worker", worker), ("lease", lease));
        var jobs = new List<QueuedJob>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            jobs.Add(new QueuedJob(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        return jobs.OrderBy(j => j.Id).ToList();
    }

    /// <summary>Renews the lease of the jobs this worker still holds; returns how many it holds.</summary>
    public async Task<int> HeartbeatAsync(string worker, IReadOnlyList<long> jobs, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var connection = await catalog.OpenConnectionAsync(cancellationToken);
        return await new PgSql(connection, null, cancellationToken).ExecuteAsync(
            "UPDATE jobs SET lease_until = now() + @lease WHERE id = ANY(@ids) AND worker = @worker AND state = 'running'",
            ("lease", lease), ("ids", jobs.ToArray()), ("worker", worker));
    }

    /// <summary>Marks the jobs done (or failed, with the reason) while this worker still holds them; returns how many it completed.</summary>
    public async Task<int> CompleteAsync(string worker, IReadOnlyList<long> done, IReadOnlyDictionary<long, string> failed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(failed);
        await using var connection = await catalog.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var sql = new PgSql(connection, transaction, cancellationToken);
        var completed = await sql.ExecuteAsync(
            """
            WITH finished AS (
                UPDATE jobs j SET state = CASE WHEN f.reason IS NULL THEN 'done' ELSE 'failed' END, reason = f.reason,
                    finished_at = now(), lease_until = NULL
                FROM unnest(@ids, @reasons) AS f(id, reason)
                WHERE j.id = f.id AND j.worker = @worker AND j.state = 'running'
                RETURNING j.id)
            INSERT INTO job_commits (job_id, worker) SELECT id, @worker FROM finished
            """,
            ("ids", done.Concat(failed.Keys).ToArray()), ("reasons", done.Select(_ => (string?)null).Concat(failed.Values).ToArray()), ("worker", worker));
        await transaction.CommitAsync(cancellationToken);
        return completed;
    }

    /// <summary>Counts per state, then the failed and running jobs (at most <paramref name="limit"/>) with their reason or worker.</summary>
    public async Task<QueueSummary> SummaryAsync(int limit, CancellationToken cancellationToken)
    {
        await using var connection = await catalog.OpenConnectionAsync(cancellationToken);
        var counts = new Dictionary<string, long>(StringComparer.Ordinal) { ["queued"] = 0, ["running"] = 0, ["done"] = 0, ["failed"] = 0 };
        await using (var command = new NpgsqlCommand("SELECT state, count(*) FROM jobs GROUP BY state", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                counts[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

        var jobs = new List<JobState>();
        await using (var command = new PgSql(connection, null, cancellationToken).Command(
            """
            SELECT j.id, j.root, j.rel_path, j.state, j.worker, j.reason, j.attempts, j.lease_until < now()
            FROM jobs j WHERE j.state IN ('failed', 'running') ORDER BY j.state, j.id LIMIT @limit
            """, ("limit", limit)))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                jobs.Add(new JobState(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetInt32(6),
                    !reader.IsDBNull(7) && reader.GetBoolean(7)));
            }
        }

        return new QueueSummary(counts, jobs);
    }
}

/// <param name="RootPath">the root's canonical path: the catalog stores the file as <c>RootPath/RelativePath</c>.</param>
public sealed record QueuedJob(long Id, string Root, string RootPath, string RelativePath)
{
    public string CatalogPath => Path.Combine(RootPath, RelativePath);
}

/// <param name="LeaseExpired">a running job whose worker stopped renewing it: the next claim takes it.</param>
public sealed record JobState(long Id, string Root, string RelativePath, string State, string? Worker, string? Reason, int Attempts, bool LeaseExpired);

public sealed record QueueSummary(IReadOnlyDictionary<string, long> Counts, IReadOnlyList<JobState> Jobs);
