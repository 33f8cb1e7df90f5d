using DrawingFromDiffusion.Core.Library;

namespace DrawingFromDiffusion.Cli.Output;

/// <summary>Scan progress on stderr: one redrawn line on a terminal, a plain line every few seconds otherwise.</summary>
internal sealed class ScanProgressRenderer : IProgress<ScanProgress>
{
    private static readonly TimeSpan _plainInterval = TimeSpan.FromSeconds(5);
    private readonly bool _terminal = !Console.IsErrorRedirected;
    private readonly object _gate = new();
    private TimeSpan? _lastPlain;
    private ScanProgress? _unprinted;
    private bool _drewLine;
    private bool _finished;

    public void Report(ScanProgress value)
    {
        lock (_gate)
        {
            // The scan's timer may still fire once after the summary was printed.
            if (_finished)
            {
                return;
            }

            var line = Describe(value);
            if (_terminal)
            {
                Console.Error.Write("\r\u001b[K" + line);
                _drewLine = true;
            }
            else if (_lastPlain is null || value.Elapsed - _lastPlain >= _plainInterval)
            {
                _lastPlain = value.Elapsed;
                _unprinted = null;
                Console.Error.WriteLine(line);
            }
            else
            {
                _unprinted = value;
            }
        }
    }

    /// <summary>Ends the redrawn line (or prints the last plain one) so later output starts on a fresh line.</summary>
    public void Finish()
    {
        lock (_gate)
        {
            if (_drewLine)
            {
                Console.Error.WriteLine();
                _drewLine = false;
            }
            else if (_unprinted is not null)
            {
                Console.Error.WriteLine(Describe(_unprinted));
            }

            _unprinted = null;
            _finished = true;
        }
    }

    internal static string Describe(ScanProgress p)
    {
        // Unchanged files are skipped in microseconds: counting them would promise a rate the rest cannot keep.
        var worked = p.Done - p.Skipped;
        var rate = p.Elapsed.TotalSeconds > 0 ? worked / p.Elapsed.TotalSeconds : 0;
        var total = p.WalkFinished ? p.Found.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{p.Found}+";
        var left = p.Found - p.Done;
        var eta = !p.WalkFinished ? "…" : left == 0 ? "0:00" : rate > 0 ? FormatDuration(TimeSpan.FromSeconds(left / rate)) : "…";
        var skipped = p.Skipped > 0 ? $" ({p.Skipped} unchanged)" : "";
        return $"scan {p.Done}/{total} files{skipped}  {rate:0.0} files/s  ETA {eta}  errors {p.Failed}";
    }

    internal static string FormatDuration(TimeSpan span) =>
        span.TotalHours >= 1 ? $"{(int)span.TotalHours}:{span.Minutes:00}:{span.Seconds:00}" : $"{span.Minutes}:{span.Seconds:00}";
}
