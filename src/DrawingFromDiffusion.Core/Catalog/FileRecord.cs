namespace DrawingFromDiffusion.Core.Catalog;

/// <summary>One catalogued path and the image it holds: the row `dfd export` writes.</summary>
public sealed record FileRecord(string Path, long ImageId, string Hash, int Width, int Height, string Format, long Size, DateTimeOffset Modified)
{
    /// <summary>Parsed generation metadata; null when the file has none.</summary>
    public GenerationSummary? Generation { get; init; }
}
