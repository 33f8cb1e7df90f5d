namespace DrawingFromDiffusion.Core.Catalog;

/// <summary>What the catalog remembers of a path, to decide whether a scan must look at it again.</summary>
public readonly record struct FileState(long Size, long ModifiedTicks)
{
    public bool Matches(long size, long modifiedTicks) => Size == size && ModifiedTicks == modifiedTicks;
}
