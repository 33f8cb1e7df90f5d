using System.Globalization;
using DrawingFromDiffusion.App.Querying;
using DrawingFromDiffusion.Core.Search;
using DrawingFromDiffusion.Onnx.Clip;
using DrawingFromDiffusion.Onnx.Execution;
using DrawingFromDiffusion.Onnx.Models;
using DrawingFromDiffusion.Storage.PostgreSql;
using Microsoft.Extensions.Logging;

namespace DrawingFromDiffusion.App.PostgreSql;

/// <summary>
/// `dfd search` and `dfd similar` over a PostgreSQL catalog: the same towers embed the query, pgvector ranks with the
/// filters in the same SQL statement, full-text ranks the prompts, and reciprocal-rank fusion joins them as on SQLite.
/// Not here yet: video grouping (frames are ranked as images) and the pixel re-rank of `similar`.
/// </summary>
internal sealed partial class PgSearchEngine : IDisposable
{
    private const int MinimumFetch = 100;

    private readonly PgSearch _search;
    private readonly PgCatalogReader _reader;
    private readonly OnnxSessionFactory _sessions;
    private readonly EngineOptions _options;
    private OnnxTextEmbedder? _text;
    private OnnxImageEmbedder? _image;

    private PgSearchEngine(PgCatalog catalog, ModelPack? pack, string? problem, OnnxSessionFactory sessions, EngineOptions options)
    {
        _search = new PgSearch(catalog);
        _reader = new PgCatalogReader(catalog);
        Pack = pack;
        PackProblem = problem;
        _sessions = sessions;
        _options = options;
    }

    public ModelPack? Pack { get; }

    public string? PackProblem { get; }

    private bool CanEmbedText => Pack is { HasText: true };

    /// <summary>Picks the pack as the SQLite engine does: the asked one, else the default pack when the catalog holds its vectors, else any installed pack with vectors.</summary>
    public static async Task<PgSearchEngine> OpenAsync(PgCatalog catalog, EngineOptions options, ILogger? logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var store = ModelStore.Open();
        var sessions = new OnnxSessionFactory(options.Device, line => logger?.LogWarning("{Notice}", line));
        var embedded = await new PgCatalogReader(catalog).CountByModelAsync(cancellationToken);
        if (options.Pack is { } id)
        {
            var chosen = store.Find(id);
            return new PgSearchEngine(catalog, chosen, chosen is null ? $"no pack '{id}' is installed (see `dfd models list`)" : null, sessions, options);
        }

        var fallback = store.DefaultPack();
        if (fallback is not null && (embedded.Count == 0 || embedded.ContainsKey(fallback.Id)))
        {
            return new PgSearchEngine(catalog, fallback, fallback.HasText ? null : "no CLIP pack installed", sessions, options);
        }

        foreach (var model in embedded.Keys)
        {
            if (store.Find(model) is { } pack)
            {
                return new PgSearchEngine(catalog, pack, pack.HasText ? null : "no CLIP pack with vectors in this catalog", sessions, options);
            }
        }

        return new PgSearchEngine(catalog, fallback, fallback is null ? "no model pack installed (see `dfd doctor`)" : null, sessions, options);
    }

    public async Task<SearchOutcome> SearchAsync(ImageQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (mode, note) = ResolveMode(query);
        var fetch = Fetch(query.K);
        List<(long Id, double Similarity)> clip = [];
        var cut = 0;
        if (mode is "clip" or "hybrid")
        {
            var vector = await QueryVectorAsync(query, cancellationToken);
            var hits = await _search.NearestAsync(Pack!.Id, vector, fetch, query.Filters, [], cancellationToken);
            clip = hits.Select(h => (h.ImageId, 1.0 - h.Distance)).ToList();
            var keep = query.Cutoff.Keep(clip.Select(c => c.Similarity).ToList());
            cut = clip.Count - keep;
            clip = clip.Take(keep).ToList();
        }

        List<(long Id, double? Rank)> prompt = [];
        if (mode is "prompt" or "hybrid")
        {
            var positive = Words(query.Terms.Where(t => t.Weight > 0));
            if (query.PromptWords is not null || positive.Count > 0 || !query.Filters.IsEmpty)
            {
                var found = await _search.PromptAsync(query.PromptWords, positive, Words(query.Terms.Where(t => t.Weight < 0)), query.Filters, mode == "prompt" ? Math.Max(fetch, query.K) : fetch, cancellationToken);
                prompt = found.Select(p => (p.ImageId, p.Rank)).ToList();
            }
        }

        var ranked = mode switch
        {
            "clip" => clip.Select((c, i) => (c.Id, c.Similarity, (double?)c.Similarity, (int?)(i + 1), (int?)null, (double?)null)).ToList(),
            "prompt" => prompt.Select((p, i) => (p.Id, p.Rank ?? 0.0, (double?)null, (int?)null, (int?)(i + 1), p.Rank)).ToList(),
            _ => Fuse(clip, prompt),
        };
        var items = await JoinAsync(ranked, cancellationToken);
        var results = Order(items, query.Sort, query.RandomSeed).Take(query.K).ToList();
        return new SearchOutcome(mode, mode == "prompt" ? null : Pack?.Id, note, mode == "prompt" ? "none" : query.Cutoff.ToString(), cut, results);
    }

    /// <summary>Images like a catalogued image (its stored vector) or like a file (embedded now); the query image is left out.</summary>
    public async Task<SearchOutcome> SimilarAsync(SimilarRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Pack is null)
        {
            throw new SearchUnavailableException(PackProblem ?? "no model pack installed; see `dfd doctor`");
        }

        if (request.ImageId is { } asked && !await _reader.ImageExistsAsync(asked, cancellationToken))
        {
            throw new SearchUnavailableException($"no image {asked} in the catalog");
        }

        var id = request.ImageId ?? (request.Path is null ? null : await _reader.ImageIdForPathAsync(Path.GetFullPath(request.Path), cancellationToken));
        float[]? vector = id is { } known ? await _reader.VectorAsync(known, Pack.Id, cancellationToken) : null;
        var source = vector is not null ? "stored vector" : id is null ? "embedded now (file not in the catalog)" : "embedded now (no stored vector)";
        if (vector is null)
        {
            var file = request.Path ?? (id is { } i ? (await _reader.RowsAsync([i], null, cancellationToken)).GetValueOrDefault(i)?.Path : null)
                ?? throw new SearchUnavailableException($"image {id} has no file on disk and no stored vector for {Pack.Id}");
            vector = await EmbedImageAsync(file, cancellationToken);
        }

        var query = request.Query;
        var leaveOut = id is { } self ? new[] { self } : [];
        var hits = await _search.NearestAsync(Pack.Id, vector, Fetch(query.K), query.Filters, leaveOut, cancellationToken);
        var similar = hits.Select(h => (h.ImageId, Similarity: 1.0 - h.Distance)).ToList();
        var keep = query.Cutoff.Keep(similar.Select(r => r.Similarity).ToList());
        var items = await JoinAsync(similar.Take(keep).Select((c, i) => (c.ImageId, c.Similarity, (double?)c.Similarity, (int?)(i + 1), (int?)null, (double?)null)).ToList(), cancellationToken);
        var results = Order(items, query.Sort, query.RandomSeed).Take(query.K).ToList();
        return new SearchOutcome("similar", Pack.Id, $"query: {source}", query.Cutoff.ToString(), similar.Count - keep, results);
    }

    public void Dispose()
    {
        _text?.Dispose();
        _image?.Dispose();
    }

    private static int Fetch(int k) => Math.Clamp(Math.Max(k * 4, MinimumFetch), k, SearchService.MaxResults);

    private static List<string> Words(IEnumerable<QueryTerm> terms) => QueryVector.PromptWords(terms);

    private Task<float[]> QueryVectorAsync(ImageQuery query, CancellationToken cancellationToken) =>
        QueryVector.ComposeAsync(query, EmbedText, EmbedImage, cancellationToken);

    private Task<float[]> EmbedImageAsync(string path, CancellationToken cancellationToken) =>
        QueryVector.EmbedFileAsync(path, EmbedImage, cancellationToken);

    private float[] EmbedText(string text) =>
        (_text ??= new OnnxTextEmbedder(Pack!, _sessions, _options.Int8Text ? TextPrecision.Int8 : TextPrecision.Float32)).Embed(text, _options.Language);

    private float[] EmbedImage(Stream content)
    {
        var embedder = _image ??= new OnnxImageEmbedder(Pack!, _sessions, 1);
        return embedder.Embed([embedder.Prepare(content, 40_000_000)])[0];
    }

    private string Why(double? similarity, int? clipRank, int? promptRank, double? rank)
    {
        var parts = new List<string>(2);
        if (similarity is { } s)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{(CanEmbedText ? "CLIP similarity" : "image similarity")} {s:0.000} (rank {clipRank})"));
        }

        if (promptRank is { } p)
        {
            parts.Add(rank is { } r
                ? string.Create(CultureInfo.InvariantCulture, $"prompt match rank {p} (ts_rank_cd {r:0.00})")
                : string.Create(CultureInfo.InvariantCulture, $"filters match (rank {p})"));
        }

        return string.Join("; ", parts);
    }
}
