namespace DrawingFromDiffusion.Storage.VectorIndex;

/// <summary>
/// What opening or refreshing an index did: searched exactly, loaded a file, or rebuilt it (with <see cref="Reason"/>);
/// how many vectors were appended, and how many catalog rows were unusable (wrong dims or dtype).
/// </summary>
public sealed record IndexOpenReport(IndexOpenAction Action, string? Reason, long Appended, long Skipped, TimeSpan Elapsed);
