namespace DrawingFromDiffusion.App.Watching;

/// <summary>Paces the watch service's checks: by the clock in use, stepped by hand in tests.</summary>
internal interface IWatchPacer
{
    /// <summary>Returns when the next check is due.</summary>
    Task WaitAsync(CancellationToken cancellationToken);

    /// <summary>Called after each check (and the batch it started) is done.</summary>
    void Checked();
}

/// <summary>One check every <paramref name="interval"/>.</summary>
internal sealed class TimedWatchPacer(TimeSpan interval) : IWatchPacer
{
    public Task WaitAsync(CancellationToken cancellationToken) => Task.Delay(interval, cancellationToken);

    public void Checked()
    {
    }
}
