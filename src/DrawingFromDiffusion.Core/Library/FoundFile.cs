namespace DrawingFromDiffusion.Core.Library;

/// <summary>One entry from walking the scanned folders: a regular file, or a problem with its reason.</summary>
public readonly record struct FoundFile(string Path, long Size, long ModifiedTicks, string? Problem = null);
