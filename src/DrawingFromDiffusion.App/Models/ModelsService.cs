using DrawingFromDiffusion.App.Progress;
using DrawingFromDiffusion.Core.Progress;
using DrawingFromDiffusion.Core.Text;
using DrawingFromDiffusion.Onnx.Clip;
using DrawingFromDiffusion.Onnx.Models;

namespace DrawingFromDiffusion.App.Models;

/// <summary>`dfd models`: list, pull, add and verify model packs; tokenize a text with a pack's tokenizer.</summary>
internal static class ModelsService
{
    public static string DefaultRoot => ModelStore.DefaultRoot();

    public static ModelsListing List()
    {
        var store = ModelStore.Open();
        var catalog = File.Exists(ModelCatalog.DefaultPath) ? ModelCatalog.Load(ModelCatalog.DefaultPath).Packs : [];
        return new ModelsListing(store.Root, store.DefaultPack()?.Id, store.List(), catalog);
    }

    /// <summary>The catalog pack <paramref name="id"/>, resolved before a pull starts.</summary>
    /// <exception cref="ModelsUnavailableException">no such pack in the catalog.</exception>
    public static CatalogPack FindInCatalog(string id, string? catalogPath)
    {
        var catalog = ModelCatalog.Load(catalogPath ?? ModelCatalog.DefaultPath);
        return catalog.Find(id) ?? throw new ModelsUnavailableException($"no pack '{id}' in the catalog; known: {string.Join(", ", catalog.Packs.Select(p => p.Id))}");
    }

    /// <summary>Downloads (resuming), verifies and installs a catalog pack.</summary>
    /// <param name="progress">each file's download in kB (stage "downloading FILE").</param>
    public static async Task<ModelPack> PullAsync(CatalogPack pack, bool replace, IProgress<StageProgress>? progress, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var relay = progress is null ? null : new ProgressRelay<DownloadProgress>(p => progress.Report(Stage(p)));
        try
        {
            return await new PackDownloader(http, ModelStore.Open()).PullAsync(pack, replace, relay, cancellationToken);
        }
        finally
        {
            relay?.Close();
        }
    }

    internal static StageProgress Stage(DownloadProgress p) =>
        new($"downloading {p.File}", p.Received / 1000, p.Total is { } total ? total / 1000 : 0, "kB") { Note = p.Resumed ? "(resumed)" : null };

    /// <summary>Imports a pack folder (layout auto-detected).</summary>
    public static Task<ModelPack> AddAsync(string folder, string? id, bool replace, CancellationToken cancellationToken) =>
        ModelStore.Open().AddAsync(folder, id, replace, cancellationToken);

    /// <exception cref="ModelsUnavailableException">no installed pack <paramref name="id"/>.</exception>
    public static async Task<PackVerification> VerifyAsync(string id, CancellationToken cancellationToken)
    {
        var pack = ModelStore.Open().Find(id) ?? throw new ModelsUnavailableException($"no installed pack '{id}' (see `dfd models list`)");
        var problems = (await pack.VerifyAsync(cancellationToken)).ToList();
        if (problems.Count == 0)
        {
            problems.AddRange(PackVerifier.CheckTensors(pack));
        }

        return new PackVerification(pack.Id, pack.Manifest.Files.Count, problems);
    }

    /// <param name="packId">use this pack's tokenizer, context length and pad id (null: OpenAI CLIP, 77 ids, pad 0).</param>
    /// <param name="language">NLLB: the language code put before the text (null: the pack's default).</param>
    /// <exception cref="ModelsUnavailableException">no such pack, it has no text tower, or it does not take <paramref name="language"/>.</exception>
    public static TokenizeResult Tokenize(string text, string? packId, string? language = null)
    {
        ITextTokenizer tokenizer = ClipTokenizer.Standard;
        int context = ClipTokenizer.DefaultContextLength, pad = 0;
        if (packId is not null)
        {
            var pack = ModelStore.Open().Find(packId);
            if (pack?.Manifest.Text is not { } spec)
            {
                throw new ModelsUnavailableException(pack is null ? $"no installed pack '{packId}'" : $"pack '{packId}' has no text tower, so no tokenizer");
            }

            tokenizer = OnnxTextEmbedder.LoadTokenizer(pack, spec.Tokenizer);
            (context, pad) = (spec.ContextLength, spec.PadId);
        }

        if (language is null)
        {
            return new TokenizeResult(text, tokenizer.Tokenize(text, context, pad), context, pad);
        }

        if (tokenizer is not SentencePieceTextTokenizer { Languages.Count: > 0 } nllb)
        {
            throw new ModelsUnavailableException($"--language: {(packId is null ? "the CLIP tokenizer" : $"pack '{packId}'")} takes no language code; only NLLB text towers do");
        }

        if (!nllb.Languages.Contains(language, StringComparer.Ordinal))
        {
            throw new ModelsUnavailableException($"--language: pack '{packId}' takes {string.Join(", ", nllb.Languages)}; got '{language}'");
        }

        return new TokenizeResult(text, nllb.Tokenize(text, context, pad, language), context, pad);
    }
}
