using DrawingFromDiffusion.Core.Duplicates;
using DrawingFromDiffusion.Onnx.Imaging;
using DrawingFromDiffusion.Storage;

namespace DrawingFromDiffusion.Cli.Duplicates;

/// <summary>Pixel prints made from the thumbnails the catalog holds; the original files are never read.</summary>
internal sealed class CatalogPixelPrints(CatalogQueries queries) : IPixelPrintSource
{
    public PixelPrint? Get(long imageId) =>
        queries.Thumbnail(imageId) is { } webp ? PixelPrints.FromThumbnail(webp) : null;
}
