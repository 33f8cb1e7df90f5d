namespace DrawingFromDiffusion.App.Progress;

/// <param name="QuietFor">a stage that ends sooner shows nothing: most runs on small catalogs stay silent.</param>
/// <param name="Every">the least time between two lines of one stage.</param>
public sealed record ProgressTiming(TimeSpan QuietFor, TimeSpan Every)
{
    /// <summary>A log, nohup or CI: a line every few seconds, so a long run is never silent and never floods.</summary>
    public static readonly ProgressTiming Plain = new(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5));

    /// <summary>A terminal: one line redrawn a few times a second.</summary>
    public static readonly ProgressTiming Redrawn = new(TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(200));
}
