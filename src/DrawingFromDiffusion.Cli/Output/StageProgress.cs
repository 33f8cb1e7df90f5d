using System.Diagnostics;
using System.Globalization;

namespace DrawingFromDiffusion.Cli.Output;

/// <summary>
/// Progress of one long stage on stderr: quiet for the first two seconds (most runs end before), then a line every
/// few seconds with the rate and time left. Thread-safe.
/// </summary>
/// <param name="clock">time since the stage started (tests pass a fake one).</param>
internal sealed class StageProgress(TextWriter error, string what, string unit, Func<TimeSpan>? clock = null) : IProgress<(long Done, long Total)>
{
    private static readonly TimeSpan _quietFor = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan _every = TimeSpan.FromSeconds(5);
    private readonly Func<TimeSpan> _clock = clock ?? StartClock();
    private readonly object _gate = new();
    private TimeSpan? _lastLine;

    public void Report((long Done, long Total) value)
    {
        lock (_gate)
        {
            var elapsed = _clock();
            if (elapsed < _quietFor || (_lastLine is { } last && elapsed - last < _every && value.Done < value.Total))
            {
                return;
            }

            _lastLine = elapsed;
            var rate = value.Done / Math.Max(elapsed.TotalSeconds, 1e-3);
            var left = rate > 0 ? TimeSpan.FromSeconds((value.Total - value.Done) / rate) : TimeSpan.Zero;
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"dfd: {what} {value.Done:N0}/{value.Total:N0} {unit}  {rate:N0} {unit}/s  ETA {ScanProgressRenderer.FormatDuration(left)}"));
        }
    }

    private static Func<TimeSpan> StartClock()
    {
        var watch = Stopwatch.StartNew();
        return () => watch.Elapsed;
    }
}
