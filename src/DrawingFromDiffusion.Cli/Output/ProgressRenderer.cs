using System.Globalization;
using DrawingFromDiffusion.App.Progress;
using DrawingFromDiffusion.Core.Progress;

namespace DrawingFromDiffusion.Cli.Output;

/// <summary>
/// Every long stage's progress on stderr, paced by <see cref="StageProgressPacer"/>: on a terminal one line redrawn in
/// place; otherwise (a log, nohup, CI) a plain "dfd: …" line every few seconds and one when the stage ends, so a long
/// run is never silent. Stages that end within two seconds print nothing.
/// </summary>
internal sealed class ProgressRenderer : IProgress<StageProgress>, IDisposable
{
    /// <summary>
    /// A testing knob: seconds between plain lines (and the most a stage stays quiet); 0 prints every report, so a
    /// test can see the lines of a run that takes milliseconds.
    /// </summary>
    public const string EveryVariable = "DFD_PROGRESS_EVERY";

    private readonly TextWriter _error;
    private readonly bool _terminal;
    private readonly StageProgressPacer _pacer;

    /// <param name="clock">tests pass a fake one and call <see cref="Tick"/> themselves.</param>
    public ProgressRenderer(TextWriter error, bool terminal, ProgressTiming timing, Func<TimeSpan>? clock = null)
    {
        _error = error;
        _terminal = terminal;
        _pacer = new StageProgressPacer(Write, timing, clock);
    }

    /// <summary>
    /// On <paramref name="error"/> (redrawn only when it is the console's stderr on a terminal), ticking so a stage
    /// that reports rarely still shows it is alive.
    /// </summary>
    public static ProgressRenderer For(TextWriter error)
    {
        var terminal = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected;
        var renderer = new ProgressRenderer(error, terminal, Timing(terminal, Environment.GetEnvironmentVariable(EveryVariable)));
        renderer._pacer.StartTicking(terminal ? ProgressTiming.Redrawn.Every : TimeSpan.FromSeconds(1));
        return renderer;
    }

    internal static ProgressTiming Timing(bool terminal, string? every)
    {
        var timing = terminal ? ProgressTiming.Redrawn : ProgressTiming.Plain;
        if (double.TryParse(every, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            var interval = TimeSpan.FromSeconds(seconds);
            return new ProgressTiming(interval < timing.QuietFor ? interval : timing.QuietFor, interval);
        }

        return timing;
    }

    public void Report(StageProgress value) => _pacer.Report(value);

    public void Tick() => _pacer.Tick();

    /// <summary>Ends the last stage (its final line) so later output starts on a fresh line.</summary>
    public void Finish() => _pacer.Finish();

    public void Dispose()
    {
        _pacer.Dispose();
        _pacer.Finish();
    }

    /// <summary>"[#####---------------]  25% " before a terminal line whose total is known.</summary>
    internal static string Bar(double? share)
    {
        if (share is not { } done)
        {
            return string.Empty;
        }

        const int Width = 20;
        var filled = (int)Math.Round(done * Width);
        return string.Create(CultureInfo.InvariantCulture, $"[{new string('#', filled)}{new string('-', Width - filled)}] {done * 100,3:0}% ");
    }

    private void Write(string line, bool last, double? share)
    {
        if (_terminal)
        {
            _error.Write("\r\u001b[K" + Bar(share) + line);
            if (last)
            {
                _error.WriteLine();
            }
        }
        else
        {
            _error.WriteLine("dfd: " + line);
        }
    }
}
