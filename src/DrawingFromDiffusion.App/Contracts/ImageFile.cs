namespace DrawingFromDiffusion.App.Contracts;

/// <summary>A path that held the image at the last scan (shown, never accepted back from a request).</summary>
public sealed record ImageFile(string Path, long Size, DateTimeOffset Modified);
