namespace DrawingFromDiffusion.Cli.Web.Contracts;

/// <summary>One result: the image id (thumbnails and files are fetched by it), a score where the backend ranks, and why it matched.</summary>
public sealed record SearchHit(
    long Id,
    double? Score,
    string Why,
    int Width,
    int Height,
    string Format,
    string? Generator,
    string? Checkpoint,
    string? Prompt);
