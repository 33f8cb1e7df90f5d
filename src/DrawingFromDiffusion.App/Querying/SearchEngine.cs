using System.Globalization;
using System.Text;
using DrawingFromDiffusion.Core.Duplicates;
using DrawingFromDiffusion.Core.Embeddings;
using DrawingFromDiffusion.Core.Progress;
using DrawingFromDiffusion.Core.Search;
using DrawingFromDiffusion.Core.Similar;
using DrawingFromDiffusion.Core.VectorIndex;
using DrawingFromDiffusion.Onnx.Clip;
using DrawingFromDiffusion.Onnx.Execution;
using DrawingFromDiffusion.Onnx.Models;
using DrawingFromDiffusion.Storage;
using DrawingFromDiffusion.Storage.VectorIndex;
using Microsoft.Extensions.Logging;

namespace DrawingFromDiffusion.App.Querying;

/// <summary>
/// Text, hybrid and image queries over one catalog: the pack's towers embed the query, the vector index ranks with the
/// catalog filters applied inside the search, prompt BM25 is fused in by reciprocal rank, then the cut-off and the sort.
/// Used by `dfd search`, `dfd similar` and `dfd serve`.
/// </summary>
internal sealed partial class SearchEngine : IDisposable
{
    public const string PullHint = "install one with `dfd models pull clip-vit-b32`";

    /// <summary>Candidates fetched per ranking before fusion and cut-off: enough that fusion can reorder the top k.</summary>
    private const int MinimumFetch = 100;

    private static int Fetch(int k) => Math.Clamp(Math.Max(k * 4, MinimumFetch), k, SearchService.MaxResults);

    private readonly CatalogDatabase _database;
    private readonly SearchCatalog _catalog;
    private readonly OnnxSessionFactory _sessions;
    private readonly Lock _gate = new();
    private VectorIndexStore? _index;
    private OnnxTextEmbedder? _text;
    private OnnxImageEmbedder? _image;

    private SearchEngine(CatalogDatabase database, ModelPack? pack, string? packProblem, OnnxSessionFactory sessions)
    {
        _database = database;
        _catalog = new SearchCatalog(database);
        Pack = pack;
        PackProblem = packProblem;
        _sessions = sessions;
    }

    /// <summary>The pack whose vectors are searched; null when no pack with stored vectors is installed.</summary>
    public ModelPack? Pack { get; }

    /// <summary>Why there is no <see cref="Pack"/> (or why it cannot embed text), for the user.</summary>
    public string? PackProblem { get; }

    public SearchCatalog Catalog => _catalog;

    public bool CanEmbedText => Pack is { HasText: true };

    /// <summary>
    /// Picks the pack: <paramref name="modelId"/> when given; else the default pack (an installed CLIP pack, else the
    /// offline image pack) when the catalog holds its vectors; else any installed pack the catalog holds vectors of.
    /// </summary>
    public static SearchEngine Open(CatalogDatabase database, string? modelId, DeviceOptions device, ModelStore? store = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        store ??= ModelStore.Open();
        var sessions = new OnnxSessionFactory(device, line => logger?.LogWarning("{Notice}", line));
        var embedded = new SearchCatalog(database).EmbeddedModels();
        if (modelId is not null)
        {
            var chosen = store.Find(modelId);
            return new SearchEngine(database, chosen, chosen is null ? $"no pack '{modelId}' is installed (see `dfd models list`)" : null, sessions);
        }

        var fallback = store.DefaultPack();
        if (fallback is not null && (embedded.Count == 0 || embedded.Any(e => e.ModelId == fallback.Id)))
        {
            return new SearchEngine(database, fallback, fallback.HasText ? null : "no CLIP pack installed", sessions);
        }

        foreach (var (id, _) in embedded)
        {
            if (store.Find(id) is { } pack)
            {
                return new SearchEngine(database, pack, pack.HasText ? null : "no CLIP pack with vectors in this catalog", sessions);
            }
        }

        return new SearchEngine(database, fallback, fallback is null ? "no model pack installed (see `dfd doctor`)" : null, sessions);
    }

    /// <summary>Runs a text (and/or outside image) query.</summary>
    public async Task<SearchOutcome> SearchAsync(ImageQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var hasVectorPart = query.Terms.Count > 0 || query.ImagePath is not null;
        var (mode, note) = ResolveMode(query, hasVectorPart);
        var fetch = Fetch(query.K);
        var allowed = _catalog.MatchingIds(query.Filters);

        List<(long Id, double Similarity)> clip = [];
        var frames = new Dictionary<long, IReadOnlyList<FrameMatch>>();
        var cut = 0;
        if (mode is "clip" or "hybrid")
        {
            var vector = await QueryVectorAsync(query, cancellationToken);
            var index = await IndexAsync(cancellationToken);
            var hits = GroupVideos(new SearchService(index).Search(vector, fetch, allowed is null ? null : allowed.Contains), frames);
            clip = hits.Select(h => (h.Id, 1.0 - h.Distance)).ToList();
            var keep = query.Cutoff.Keep(clip.Select(c => c.Similarity).ToList());
            cut = clip.Count - keep;
            clip = clip.Take(keep).ToList();
        }

        List<PromptHit> prompt = [];
        if (mode is "prompt" or "hybrid")
        {
            var words = query.PromptWords ?? PromptQuery(query.Terms);
            if (words is not null || !query.Filters.IsEmpty)
            {
                prompt = new PromptSearch(_database).Search(new SearchQuery(words, query.Filters, mode == "prompt" ? Math.Max(fetch, query.K) : fetch)).ToList();
            }
        }

        var items = mode switch
        {
            "clip" => Join(clip.Select((c, i) => (c.Id, c.Similarity, (double?)c.Similarity, (int?)(i + 1), (int?)null, (double?)null)), frames),
            "prompt" => Join(prompt.Select((p, i) => (p.ImageId, p.Score is { } s ? -s : 0.0, (double?)null, (int?)null, (int?)(i + 1), p.Score)), frames),
            _ => Fuse(clip, prompt, frames),
        };
        var results = Order(items, query.Sort, query.RandomSeed).Take(query.K).ToList();
        return new SearchOutcome(mode, mode == "prompt" ? null : Pack?.Id, note, mode == "prompt" ? "none" : query.Cutoff.ToString(), cut, results);
    }

    /// <summary>
    /// Images like <paramref name="imageId"/> (a catalogued image, video frame or video) or like the file at
    /// <paramref name="path"/>; the query itself, and the video it belongs to, are left out.
    /// </summary>
    public async Task<SearchOutcome> SimilarAsync(long? imageId, string? path, ImageQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (Pack is null)
        {
            throw new SearchUnavailableException(PackProblem ?? "no model pack installed; see `dfd doctor`");
        }

        var index = await IndexAsync(cancellationToken);
        var id = imageId ?? (path is null ? null : _catalog.ImageIdForPath(Path.GetFullPath(path)));
        float[]? vector = null;
        string source;
        if (id is { } known)
        {
            vector = index.ReadStoredVector(known);
            source = vector is null ? "embedded now (no stored vector)" : "stored vector";
            if (vector is null && _catalog.FramesOfVideo(known) is { Count: > 0 } videoFrames)
            {
                // A video stands for its sampled frames: their mean direction.
                var stored = videoFrames.Select(index.ReadStoredVector).OfType<float[]>().Select(v => (1f, v)).ToList();
                vector = stored.Count > 0 ? SearchService.Combine(stored) : null;
                source = vector is null
                    ? throw new SearchUnavailableException($"video {known} has no stored frame vectors for {Pack.Id}; run `dfd index` on its folder")
                    : $"mean of the video's {stored.Count} frame vector(s)";
            }
        }
        else
        {
            source = "embedded now (file not in the catalog)";
        }

        if (vector is null)
        {
            var file = path ?? (id is { } i ? _catalog.Rows([i], null).GetValueOrDefault(i)?.Path : null)
                ?? throw new SearchUnavailableException($"image {id} has no file on disk and no stored vector for {Pack.Id}");
            vector = await EmbedImageAsync(file, cancellationToken);
        }

        var leaveOut = new HashSet<long>();
        if (id is { } self)
        {
            leaveOut.Add(self);
            leaveOut.UnionWith(_catalog.Frames([self]).Values.Select(f => f.VideoId));
        }

        return Similar(index, vector, QueryPrint(id, path), id, query, leaveOut, $"query: {source}");
    }

    /// <summary>Images like an image given as bytes (an upload), embedded with the pack's image tower.</summary>
    public async Task<SearchOutcome> SimilarToImageAsync(Stream content, ImageQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var index = await IndexAsync(cancellationToken);
        using var bytes = new MemoryStream();
        await content.CopyToAsync(bytes, cancellationToken);
        bytes.Position = 0;
        var vector = await Task.Run(() => EmbedImage(bytes), cancellationToken);
        bytes.Position = 0;
        return Similar(index, vector, PrintOf(bytes), null, query, [], "query: uploaded image");
    }

    /// <summary>Embeds an image given as bytes (an upload) with the pack's image tower.</summary>
    public float[] EmbedImage(Stream content)
    {
        var embedder = ImageEmbedder();
        var tensor = embedder.Prepare(content, 40_000_000);
        lock (_gate)
        {
            return embedder.Embed([tensor])[0];
        }
    }

    public float[] EmbedText(string text) => TextEmbedder().Embed(text, QueryLanguage);

    /// <summary>The index's build, load or catch-up on first use (a large catalog without its index file takes a while).</summary>
    public IProgress<StageProgress>? IndexProgress { get; set; }

    /// <summary>The vector index of <see cref="Pack"/>, opened (and caught up with the catalog) on first use.</summary>
    public async Task<VectorIndexStore> IndexAsync(CancellationToken cancellationToken)
    {
        if (Pack is null)
        {
            throw new SearchUnavailableException(PackProblem ?? "no model pack installed");
        }

        if (_index is null)
        {
            var dims = Pack.Manifest.EmbeddingSize;
            // Queries only read the index: map its file rather than load it (a 1M-vector file opens in milliseconds, no private copy).
            var opened = await VectorIndexStore.OpenAsync(_database, Pack.Id, dims, new VectorIndexOptions { ViewFile = true }, IndexProgress, cancellationToken);
            if (Interlocked.CompareExchange(ref _index, opened, null) is not null)
            {
                opened.Dispose();
            }
        }

        return _index!;
    }

    private SearchOutcome Similar(VectorIndexStore index, float[] vector, CopyPrint? print, long? queryId, ImageQuery query, HashSet<long> leaveOut, string note)
    {
        var allowed = _catalog.MatchingIds(query.Filters);
        var fetch = Fetch(query.K);
        var frames = new Dictionary<long, IReadOnlyList<FrameMatch>>();
        var hits = GroupVideos(new SearchService(index).Search(vector, fetch, allowed is null ? null : allowed.Contains, leaveOut), frames);
        var ranked = hits.Where(h => !leaveOut.Contains(h.Id)).Select(h => (h.Id, Similarity: 1.0 - h.Distance)).ToList();
        var keep = query.Cutoff.Keep(ranked.Select(r => r.Similarity).ToList());
        var rank = ranked.Select((r, i) => (r.Id, Rank: i + 1)).ToDictionary(r => r.Id, r => r.Rank);
        var (reranked, copies) = Rerank(print, queryId, vector, index, ranked.Take(keep).ToList(), id => !leaveOut.Contains(id) && (allowed is null || allowed.Contains(id)));
        var items = Join(reranked.Select(c => (c.Id, c.Similarity, (double?)c.Similarity, rank.TryGetValue(c.Id, out var r) ? r : (int?)null, (int?)null, (double?)null)), frames);
        var results = Order(items, query.Sort, query.RandomSeed).Take(query.K).Select(item => WithPixelMatch(item, copies)).ToList();
        return new SearchOutcome("similar", Pack!.Id, note, query.Cutoff.ToString(), ranked.Count - keep, results);
    }

    /// <summary>One hit per video at its best frame (<see cref="VideoGrouping"/>); each video's matching frames go into <paramref name="frames"/>.</summary>
    private List<GroupedHit> GroupVideos(IReadOnlyList<VectorHit> hits, Dictionary<long, IReadOnlyList<FrameMatch>> frames)
    {
        var frameOf = _catalog.Frames(hits.Select(h => h.Key));
        var grouped = VideoGrouping.Group(hits, id => frameOf.TryGetValue(id, out var frame) ? frame : null).ToList();
        foreach (var hit in grouped.Where(h => h.Frames.Count > 0))
        {
            frames[hit.Id] = hit.Frames;
        }

        return grouped;
    }

    public void Dispose()
    {
        _index?.Dispose();
        _text?.Dispose();
        _image?.Dispose();
    }

    private (string Mode, string? Note) ResolveMode(ImageQuery query, bool hasVectorPart)
    {
        var textOk = CanEmbedText || (query.Terms.Count == 0 && query.ImagePath is not null && Pack is not null);
        var reason = PackProblem ?? (Pack is null ? "no model pack installed" : $"pack '{Pack.Id}' has no text tower");
        var why = $"{reason}: searching prompts only; {PullHint}";
        switch (query.Mode)
        {
            case QueryMode.Prompt:
                return ("prompt", "prompt mode asked: prompt words only (BM25)");
            case QueryMode.Clip or QueryMode.Hybrid when !textOk:
                throw new SearchUnavailableException($"--mode {query.Mode.ToString().ToLowerInvariant()} needs a CLIP pack with a text tower: {reason}; {PullHint}");
            case QueryMode.Clip:
                return ("clip", $"clip mode asked: CLIP similarity only ({Pack!.Id})");
            case QueryMode.Hybrid:
                return ("hybrid", $"hybrid mode asked: CLIP ({Pack!.Id}) fused with prompt BM25 by reciprocal rank");
        }

        if (!hasVectorPart)
        {
            return ("prompt", "only --prompt words or filters given: prompt search");
        }

        if (!textOk)
        {
            if (query.ImagePath is not null)
            {
                throw new SearchUnavailableException($"--image with text needs a CLIP pack with a text tower: {reason}; {PullHint}");
            }

            return ("prompt", why);
        }

        if (query.Terms.Count == 0)
        {
            return ("clip", $"image query: similarity over {Pack!.Id} vectors");
        }

        return ("hybrid", $"hybrid: CLIP ({Pack!.Id}) fused with prompt BM25 by reciprocal rank (pack has a text tower)");
    }

    private Task<float[]> QueryVectorAsync(ImageQuery query, CancellationToken cancellationToken) =>
        QueryVector.ComposeAsync(query, EmbedText, EmbedImage, cancellationToken);

    private Task<float[]> EmbedImageAsync(string path, CancellationToken cancellationToken) =>
        QueryVector.EmbedFileAsync(path, EmbedImage, cancellationToken);

    /// <summary>Which text tower embeds queries; set before the first text query.</summary>
    public TextPrecision TextPrecision { get; set; } = TextPrecision.Float32;

    private OnnxTextEmbedder TextEmbedder()
    {
        lock (_gate)
        {
            return _text ??= new OnnxTextEmbedder(Pack ?? throw new SearchUnavailableException("no model pack"), _sessions, TextPrecision);
        }
    }

    private OnnxImageEmbedder ImageEmbedder()
    {
        lock (_gate)
        {
            return _image ??= new OnnxImageEmbedder(Pack ?? throw new SearchUnavailableException("no model pack"), _sessions, 1);
        }
    }

}
