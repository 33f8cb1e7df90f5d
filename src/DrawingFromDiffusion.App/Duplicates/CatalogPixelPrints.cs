using DrawingFromDiffusion.Core.Duplicates;
using DrawingFromDiffusion.Onnx.Imaging;
using DrawingFromDiffusion.Storage;

namespace DrawingFromDiffusion.App.Duplicates;

/// <summary>Pixel prints made from the thumbnails the catalog holds (one reader per thread); the original files are never read.</summary>
internal sealed class CatalogPixelPrints(CatalogDatabase database) : IPixelPrintSource, IDisposable
{
    private readonly ThreadLocal<ThumbnailReader> _readers = new(() => new ThumbnailReader(database), trackAllValues: true);

    public PixelPrint? Get(long imageId) =>
        _readers.Value!.Read(imageId) is { } webp ? PixelPrints.FromThumbnail(webp) : null;

    public void Dispose()
    {
        foreach (var reader in _readers.Values)
        {
            reader.Dispose();
        }

        _readers.Dispose();
    }
}
