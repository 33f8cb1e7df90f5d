namespace DrawingFromDiffusion.App.Watching;

/// <summary>
/// The catalog's version as `dfd serve --watch` changes it: the watch service publishes each batch that changed the
/// catalog, the page's event stream waits for the next one. Without a watcher the version stays 0.
/// </summary>
public sealed class CatalogChanges
{
    private readonly Lock _gate = new();
    private TaskCompletionSource<long> _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _version;

    public long Version
    {
        get
        {
            lock (_gate)
            {
                return _version;
            }
        }
    }

    public void Publish(long version)
    {
        TaskCompletionSource<long> waiting;
        lock (_gate)
        {
            if (version <= _version)
            {
                return;
            }

            _version = version;
            waiting = _next;
            _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        waiting.TrySetResult(version);
    }

    /// <summary>The version after <paramref name="seen"/>, or <paramref name="seen"/> itself when <paramref name="quiet"/> passes without a change.</summary>
    public async Task<long> WaitAsync(long seen, TimeSpan quiet, CancellationToken cancellationToken)
    {
        Task<long> next;
        lock (_gate)
        {
            if (_version != seen)
            {
                return _version;
            }

            next = _next.Task;
        }

        try
        {
            return await next.WaitAsync(quiet, cancellationToken);
        }
        catch (TimeoutException)
        {
            return seen;
        }
    }
}
