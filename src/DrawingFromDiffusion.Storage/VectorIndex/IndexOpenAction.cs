namespace DrawingFromDiffusion.Storage.VectorIndex;

public enum IndexOpenAction
{
    /// <summary>Few vectors: an exact index was filled from the catalog; no file is kept.</summary>
    Exact,

    /// <summary>The index file was loaded and brought up to date.</summary>
    Loaded,

    /// <summary>The index file was missing, corrupt, stale or mismatched and was rebuilt from the catalog.</summary>
    Rebuilt,
}
