using DrawingFromDiffusion.Core.Library;

namespace DrawingFromDiffusion.Cli.Output;

/// <summary>Scan progress on stderr: one redrawn line on a terminal, a plain line every few seconds otherwise.</summary>
internal sealed class ScanProgressRenderer : IProgress<ScanProgress>
{
    private static readonly TimeSpan _plainInterval = TimeSpan.FromSeconds(5);
    private readonly bool _terminal = !Console.IsErrorRedirected;
    private readonly object _gate = new();
    private TimeSpan? _lastPlain;
    private bool _drewLine;

    public void Report(ScanProgress value)
    {
        lock (_gate)
        {
            var line = Describe(value);
            if (_terminal)
            {
                Console.Error.Write("\r\u001b[K" + line);
                _drewLine = true;
            }
            else if (_lastPlain is null || value.Elapsed - _lastPlain >= _plainInterval)
            {
                _lastPlain = value.Elapsed;
                Console.Error.WriteLine(line);
            }
        }
    }

    /// <summary>Ends the redrawn line so later output starts on a fresh one.</summary>
    public void Finish()
    {
        lock (_gate)
        {
            if (_drewLine)
            {
                Console.Error.WriteLine();
                _drewLine = false;
            }
        }
    }

    internal static string Describe(ScanProgress p)
    {
        var rate = p.Elapsed.TotalSeconds > 0 ? p.Done / p.Elapsed.TotalSeconds : 0;
        var total = p.WalkFinished ? p.Found.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{p.Found}+";
        var eta = p.WalkFinished && rate > 0 ? FormatDuration(TimeSpan.FromSeconds((p.Found - p.Done) / rate)) : "…";
        return $"scan {p.Done}/{total} files  {rate:0.0} files/s  ETA {eta}  errors {p.Failed}";
    }

    internal static string FormatDuration(TimeSpan span) =>
        span.TotalHours >= 1 ? $"{(int)span.TotalHours}:{span.Minutes:00}:{span.Seconds:00}" : $"{span.Minutes}:{span.Seconds:00}";
}
