namespace DrawingFromDiffusion.Web;

/// <summary>The bounds every request is checked against before any work is done.</summary>
public static class WebLimits
{
    public const int MinK = 1;
    public const int MaxK = 200;
    public const int DefaultK = 60;
    public const int MaxQueryLength = 1000;
    public const int MaxFilterLength = 300;
    public const long MaxUploadBytes = 20L * 1024 * 1024;

    /// <summary>Uploads declaring more pixels are refused before decoding (decompression bombs).</summary>
    public const long MaxUploadPixels = 40_000_000;

    public const int MaxDuplicateGroups = 500;
    public const int DefaultDuplicateGroups = 100;

    /// <summary>The page's map lays out at most this many images (UMAP in the browser; 2,000 take seconds).</summary>
    public const int MaxMapPoints = 5000;
    public const int DefaultMapPoints = 2000;

    public const int MaxClusterImages = 500;
    public const int DefaultClusterImages = 120;
}
