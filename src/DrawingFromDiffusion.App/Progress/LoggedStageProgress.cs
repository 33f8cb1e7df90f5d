using DrawingFromDiffusion.Core.Progress;
using Microsoft.Extensions.Logging;

namespace DrawingFromDiffusion.App.Progress;

/// <summary>
/// The same stages as the CLI's stderr line, as log records for a long-lived process (`dfd serve`): nothing for a
/// stage that ends within two seconds, then a record every five seconds and one at the stage's end.
/// </summary>
public sealed class LoggedStageProgress : IProgress<StageProgress>, IDisposable
{
    private readonly StageProgressPacer _pacer;

    /// <param name="what">what the stages belong to ("duplicate groups"), first in every record.</param>
    public LoggedStageProgress(ILogger logger, string what, ProgressTiming? timing = null, Func<TimeSpan>? clock = null)
    {
        ArgumentNullException.ThrowIfNull(logger);
        _pacer = new StageProgressPacer((line, _, _) => logger.LogInformation("{What}: {Progress}", what, line), timing ?? ProgressTiming.Plain, clock);
        if (clock is null)
        {
            _pacer.StartTicking(TimeSpan.FromSeconds(1));
        }
    }

    public void Report(StageProgress value) => _pacer.Report(value);

    public void Tick() => _pacer.Tick();

    /// <summary>Stops the ticking and ends the last stage with its record.</summary>
    public void Dispose()
    {
        _pacer.Dispose();
        _pacer.Finish();
    }
}
