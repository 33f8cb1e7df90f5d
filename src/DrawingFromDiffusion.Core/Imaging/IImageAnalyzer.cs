using DrawingFromDiffusion.Core.Catalog;

namespace DrawingFromDiffusion.Core.Imaging;

/// <summary>Decodes an image once and derives everything the catalog keeps of its pixels.</summary>
public interface IImageAnalyzer
{
    /// <param name="cancellationToken">must reach the reads of <paramref name="content"/> (see <see cref="CancellableReadStream"/>),
    /// so that one huge or slow image does not hold up a cancelled scan.</param>
    /// <exception cref="ImageRejectedException">the content is not a usable image; the message says why.</exception>
    /// <exception cref="OperationCanceledException">cancelled part-way.</exception>
    ImageFacts Analyze(Stream content, ImageFormat format, ImageLimits limits, CancellationToken cancellationToken = default);
}

/// <param name="MaxPixels">images declaring more pixels are refused before any pixel is decoded.</param>
/// <param name="ThumbnailSize">longest side of the stored thumbnail.</param>
public sealed record ImageLimits(long MaxPixels = 100_000_000, int ThumbnailSize = 256);
