using System.Globalization;
using DrawingFromDiffusion.Core.Catalog;
using DrawingFromDiffusion.Core.Similar;
using DrawingFromDiffusion.Core.Imaging;
using DrawingFromDiffusion.Onnx.Imaging;
using DrawingFromDiffusion.Storage;

namespace DrawingFromDiffusion.App.Querying;

/// <summary>Image queries: the pixel re-rank of the vector ranking's top (<see cref="PixelRerank"/>).</summary>
internal partial class SearchEngine
{
    /// <summary>The query's pixel print: its catalog thumbnail, else one made from the file; null when neither can be read.</summary>
    private CopyPrint? QueryPrint(long? id, string? path)
    {
        if (id is { } known)
        {
            using var thumbnails = new ThumbnailReader(_database);
            if (thumbnails.Read(known) is { } webp)
            {
                return PixelPrints.CopyPrintFromThumbnail(webp);
            }
        }

        if (path is null || !File.Exists(path))
        {
            return null;
        }

        using var stream = File.OpenRead(path);
        return PrintOf(stream);
    }

    /// <summary>A pixel print of an image given as bytes, through the thumbnail the catalog would keep of it.</summary>
    private static CopyPrint? PrintOf(Stream content)
    {
        try
        {
            var facts = new SkiaImageAnalyzer().Analyze(content, ImageFormat.Unknown, new ImageLimits(40_000_000));
            return PixelPrints.CopyPrintFromThumbnail(facts.Thumbnail);
        }
        catch (ImageRejectedException)
        {
            return null;
        }
    }

    /// <summary>The vector ranking with the copies of the query among its top moved ahead; their ids with the pixel match.</summary>
    private (List<(long Id, double Similarity)> Ranked, Dictionary<long, double> Copies) Rerank(CopyPrint? query, List<(long Id, double Similarity)> ranked)
    {
        if (query is null)
        {
            return (ranked, []);
        }

        using var thumbnails = new ThumbnailReader(_database);
        return PixelRerank.Apply(query, ranked, id => thumbnails.Read(id) is { } webp ? PixelPrints.CopyPrintFromThumbnail(webp) : null);
    }

    private static ResultItem WithPixelMatch(ResultItem item, Dictionary<long, double> copies) =>
        copies.TryGetValue(item.Row.ImageId, out var match)
            ? item with { Why = item.Why + string.Create(CultureInfo.InvariantCulture, $"; pixels match (r {match:0.000})") }
            : item;
}
