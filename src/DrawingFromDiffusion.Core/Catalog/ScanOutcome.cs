using DrawingFromDiffusion.Core.Metadata;

namespace DrawingFromDiffusion.Core.Catalog;

/// <summary>The result of looking at one file, handed to the single catalog writer.</summary>
public abstract record ScanOutcome(string Path, long Size, long ModifiedTicks);

/// <summary>A readable image. <see cref="Facts"/> is null when the content was already catalogued (a copy or a move).</summary>
/// <param name="Video">set for a video or animation: <see cref="Facts"/> then describes its first frame at the video's size.</param>
public sealed record FileScanned(string Path, long Size, long ModifiedTicks, ContentHash Hash, ImageFacts? Facts, VideoFacts? Video = null)
    : ScanOutcome(Path, Size, ModifiedTicks)
{
    /// <summary>The generation metadata read from the same bytes; null when metadata was not read (the file stays marked for a re-read).</summary>
    public MetadataParseResult? Generation { get; init; }

    /// <summary>Device, inode and ctime of the file that was read (Linux); what serving checks before trusting size and time.</summary>
    public Library.FileIdentity? Identity { get; init; }
}

/// <summary>A file that could not be catalogued, with the reason a person can act on.</summary>
public sealed record FileFailed(string Path, long Size, long ModifiedTicks, ScanStage Stage, string Reason)
    : ScanOutcome(Path, Size, ModifiedTicks);
