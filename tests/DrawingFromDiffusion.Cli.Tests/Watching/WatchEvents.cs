using System.Threading.Channels;
using DrawingFromDiffusion.App.Watching;

namespace DrawingFromDiffusion.Cli.Tests.Watching;

/// <summary>The watch service's events as they come, for a test to wait on (in order, on the reporting thread).</summary>
internal sealed class WatchEvents : IProgress<WatchEvent>
{
    private readonly Channel<WatchEvent> _events = Channel.CreateUnbounded<WatchEvent>();

    public List<WatchEvent> Seen { get; } = [];

    public void Report(WatchEvent value) => _events.Writer.TryWrite(value);

    /// <summary>Reads events until one matches; the token only guards against a hang (a failure, not a timing).</summary>
    public async Task<WatchEvent> NextAsync(Func<WatchEvent, bool> match, CancellationToken cancellationToken)
    {
        while (true)
        {
            var next = await _events.Reader.ReadAsync(cancellationToken);
            Seen.Add(next);
            if (match(next))
            {
                return next;
            }
        }
    }

    /// <summary>
    /// Reads Indexed events until every one of <paramref name="paths"/> has been in one, itself or a folder above it
    /// (a file created together with its folder may arrive only as the folder's event, and is scanned with it).
    /// </summary>
    public async Task<List<WatchEvent>> IndexedAsync(IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        var left = new HashSet<string>(paths, StringComparer.Ordinal);
        List<WatchEvent> batches = [];
        while (left.Count > 0)
        {
            var batch = await NextAsync(e => e.Kind == WatchEventKind.Indexed && left.Any(p => Covers(e, p)), cancellationToken);
            left.RemoveWhere(p => Covers(batch, p));
            batches.Add(batch);
        }

        return batches;
    }

    private static bool Covers(WatchEvent batch, string path) =>
        batch.Paths.Any(b => b == path || path.StartsWith(b + Path.DirectorySeparatorChar, StringComparison.Ordinal));
}

/// <summary>A pacer stepped by the test: each step is one check, and its task completes when the check (and its batch) is done.</summary>
internal sealed class SteppedPacer : IWatchPacer
{
    private readonly Channel<TaskCompletionSource> _steps = Channel.CreateUnbounded<TaskCompletionSource>();
    private TaskCompletionSource? _current;

    public Task StepAsync()
    {
        var step = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _steps.Writer.TryWrite(step);
        return step.Task;
    }

    public async Task WaitAsync(CancellationToken cancellationToken) => _current = await _steps.Reader.ReadAsync(cancellationToken);

    public void Checked() => _current?.TrySetResult();
}
