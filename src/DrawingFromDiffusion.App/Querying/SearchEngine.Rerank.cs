using System.Globalization;
using DrawingFromDiffusion.Core.Catalog;
using DrawingFromDiffusion.Core.Similar;
using DrawingFromDiffusion.Core.Imaging;
using DrawingFromDiffusion.Onnx.Imaging;
using DrawingFromDiffusion.Storage;
using DrawingFromDiffusion.Storage.VectorIndex;

namespace DrawingFromDiffusion.App.Querying;

/// <summary>Image queries: the pixel re-rank of the vector ranking's top (<see cref="PixelRerank"/>).</summary>
internal partial class SearchEngine
{
    private CatalogHashes? _hashes;

    /// <summary>Whether image queries also check the query's perceptual-hash neighbours (off only to measure what they cost).</summary>
    internal bool UseHashNeighbours { get; set; } = true;

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

    /// <summary>
    /// The vector ranking with the copies of the query moved ahead (<see cref="PixelRerank"/>), checked among its top
    /// and among the query's perceptual-hash neighbours (<see cref="HashNeighbours"/>) that <paramref name="admit"/>
    /// lets in; their ids with the pixel match.
    /// </summary>
    private (List<(long Id, double Similarity)> Ranked, Dictionary<long, CopyScore> Copies) Rerank(
        CopyPrint? query, long? queryId, float[] vector, VectorIndexStore index, List<(long Id, double Similarity)> ranked, Func<long, bool> admit)
    {
        if (query is null)
        {
            return (ranked, []);
        }

        using var thumbnails = new ThumbnailReader(_database);
        CopyPrint? PrintOf(long candidate) => thumbnails.Read(candidate) is { } webp ? PixelPrints.CopyPrintFromThumbnail(webp) : null;
        if (!UseHashNeighbours)
        {
            return PixelRerank.Apply(query, ranked, PrintOf);
        }

        var checkedAlready = ranked.Take(PixelRerank.Depth).Select(r => r.Id).ToHashSet();
        var (asIs, mirrored) = HashNeighbours.Of(query.OnWhite);
        var stored = queryId is { } id ? CatalogHashReader.Of(_database, id) : null;
        var extra = HashNeighbours.Nearest(CatalogHashes(), [stored ?? asIs, mirrored], candidate => !checkedAlready.Contains(candidate) && admit(candidate))
            .Select(candidate => (candidate, Cosine(vector, index.ReadStoredVector(candidate))))
            .ToList();
        return PixelRerank.Apply(query, ranked, PrintOf, extra);
    }

    /// <summary>The catalog's hashes, read again when pictures were added since.</summary>
    private CatalogHashes CatalogHashes()
    {
        var lastId = CatalogHashReader.LastId(_database);
        var hashes = _hashes;
        if (hashes is null || hashes.LastId != lastId)
        {
            hashes = CatalogHashReader.ReadAll(_database);
            _hashes = hashes;
        }

        return hashes;
    }

    private static double Cosine(float[] a, float[]? b)
    {
        if (b is null || b.Length != a.Length)
        {
            return 0;
        }

        double dot = 0, aa = 0, bb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            aa += a[i] * a[i];
            bb += b[i] * b[i];
        }

        return aa > 0 && bb > 0 ? dot / Math.Sqrt(aa * bb) : 0;
    }

    private static ResultItem WithPixelMatch(ResultItem item, Dictionary<long, CopyScore> copies) =>
        copies.TryGetValue(item.Row.ImageId, out var match)
            ? item with { Why = item.Why + string.Create(CultureInfo.InvariantCulture, $"; pixels match (r {match.Match:0.000}, worst block {match.LocalDifference:0})") }
            : item;
}
