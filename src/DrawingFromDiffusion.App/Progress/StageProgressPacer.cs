using System.Diagnostics;
using System.Globalization;
using DrawingFromDiffusion.Core.Progress;

namespace DrawingFromDiffusion.App.Progress;

/// <summary>
/// When a stage's progress is shown, and in what words, for every front end (the CLI's stderr line, the server's
/// log): nothing for a stage that ends within <see cref="ProgressTiming.QuietFor"/>, then a line at most every
/// <see cref="ProgressTiming.Every"/>, and one when the stage ends (its count reaches the total, the next stage
/// starts, or <see cref="Finish"/>). <see cref="StartTicking"/> keeps the lines coming for a stage that reports
/// rarely. Thread-safe; <paramref name="emit"/> is called under the lock, so lines never interleave.
/// </summary>
/// <param name="emit">a line, whether it is the stage's last, and the share done (null when the total is not known).</param>
/// <param name="clock">time since any fixed point (tests pass a fake one).</param>
public sealed class StageProgressPacer(Action<string, bool, double?> emit, ProgressTiming timing, Func<TimeSpan>? clock = null) : IProgress<StageProgress>, IDisposable
{
    private readonly Func<TimeSpan> _clock = clock ?? StartClock();
    private readonly object _gate = new();
    private StageProgress? _current;
    private TimeSpan _start;
    private TimeSpan? _lastLine;
    private bool _ended;
    private Timer? _ticker;

    public void Report(StageProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (_gate)
        {
            var now = _clock();
            if (_current is not null && _current.Stage == value.Stage && _ended && value.IsFinished)
            {
                return; // the same end reported again
            }

            if (_current is null || _ended || _current.Stage != value.Stage)
            {
                if (_current is not null && !_ended)
                {
                    End(now);
                }

                (_start, _lastLine, _ended) = (now, null, false);
            }

            _current = value;
            if (value.IsFinished)
            {
                End(now);
            }
            else
            {
                LineIfDue(now);
            }
        }
    }

    /// <summary>Shows the current stage again if a line is due: its rate and time left move even when its count does not.</summary>
    public void Tick()
    {
        lock (_gate)
        {
            if (_current is not null && !_ended)
            {
                LineIfDue(_clock());
            }
        }
    }

    /// <summary>Ends the current stage: its last line, if it ran long enough to be shown.</summary>
    public void Finish()
    {
        lock (_gate)
        {
            if (_current is not null && !_ended)
            {
                End(_clock());
            }
        }
    }

    /// <summary>Calls <see cref="Tick"/> every <paramref name="period"/> until disposed.</summary>
    public void StartTicking(TimeSpan period)
    {
        lock (_gate)
        {
            _ticker ??= new Timer(_ => Tick(), null, period, period);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _ticker?.Dispose();
            _ticker = null;
        }
    }

    /// <summary>"scan 550/1000 files (500 unchanged)  5.0 files/s  ETA 1:30  errors 0"; a step: "grouping  0:07".</summary>
    /// <param name="elapsed">time since the stage started.</param>
    public static string Describe(StageProgress p, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(p);
        if (p.Unit.Length == 0)
        {
            return p.IsFinished ? $"{p.Stage} done in {FormatDuration(elapsed)}" : $"{p.Stage}  {FormatDuration(elapsed)}";
        }

        // Items passed over at once (unchanged files) would promise a rate the rest cannot keep.
        var rate = elapsed.TotalSeconds > 0 ? (p.Done - p.Skipped) / elapsed.TotalSeconds : 0;
        var counts = p.Total > 0 ? $"{p.Done}/{p.Total}{(p.TotalFinal ? "" : "+")}" : $"{p.Done}";
        var skipped = p.Skipped > 0 ? $" ({p.Skipped} unchanged)" : "";
        var left = p.Total - p.Done;
        var eta = p.Total <= 0 || !p.TotalFinal ? "…" : left <= 0 ? "0:00" : rate > 0 ? FormatDuration(TimeSpan.FromSeconds(left / rate)) : "…";
        var note = p.Note is null ? "" : "  " + p.Note;
        return string.Create(CultureInfo.InvariantCulture, $"{p.Stage} {counts} {p.Unit}{skipped}  {rate:0.0} {p.Unit}/s  ETA {eta}{note}");
    }

    public static string FormatDuration(TimeSpan span) =>
        span.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)span.TotalHours}:{span.Minutes:00}:{span.Seconds:00}")
            : string.Create(CultureInfo.InvariantCulture, $"{span.Minutes}:{span.Seconds:00}");

    private void LineIfDue(TimeSpan now)
    {
        if (now - _start < timing.QuietFor || (_lastLine is { } last && now - last < timing.Every))
        {
            return;
        }

        _lastLine = now;
        emit(Describe(_current!, now - _start), false, Share(_current!));
    }

    private void End(TimeSpan now)
    {
        _ended = true;
        if (now - _start >= timing.QuietFor)
        {
            emit(Describe(_current!, now - _start), true, Share(_current!));
        }
    }

    private static double? Share(StageProgress p) =>
        p.Total > 0 && p.TotalFinal && p.Unit.Length > 0 ? Math.Clamp((double)p.Done / p.Total, 0, 1) : null;

    private static Func<TimeSpan> StartClock()
    {
        var watch = Stopwatch.StartNew();
        return () => watch.Elapsed;
    }
}
