using DrawingFromDiffusion.Core.Imaging;
using DrawingFromDiffusion.Core.Video;

namespace DrawingFromDiffusion.Core.Library;

public sealed record ScanOptions
{
    public required IReadOnlyList<string> Roots { get; init; }
    public IReadOnlyList<string> ExcludeGlobs { get; init; } = [];
    public bool IncludeHidden { get; init; }

    /// <summary>Look again at files that failed before even when unchanged (after upgrading dfd or raising a limit).</summary>
    public bool RetryErrors { get; init; }
    public ImageLimits Limits { get; init; } = new();
    public VideoSamplingOptions Video { get; init; } = new();

    /// <summary>Files up to this size are read into memory once for hashing and decoding; larger ones are streamed twice.</summary>
    public long InMemoryReadLimit { get; init; } = 64L * 1024 * 1024;
    public int Workers { get; init; } = Math.Max(1, Environment.ProcessorCount);

    /// <summary>Outcomes committed per transaction; a kill loses at most one batch.</summary>
    public int BatchSize { get; init; } = 64;
    public TimeSpan MaxBatchDelay { get; init; } = TimeSpan.FromSeconds(1);
}
