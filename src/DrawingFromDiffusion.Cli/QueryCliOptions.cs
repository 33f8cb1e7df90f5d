using System.CommandLine;
using System.Globalization;
using DrawingFromDiffusion.App.Querying;
using DrawingFromDiffusion.Core.Curation;
using DrawingFromDiffusion.Core.Search;
using DrawingFromDiffusion.Core.Text;

namespace DrawingFromDiffusion.Cli;

/// <summary>The filters, ranking and output options shared by `dfd search` and `dfd similar`.</summary>
internal sealed class QueryCliOptions
{
    public QueryCliOptions()
    {
        TextPrecision.Accepting(p => p is "fp32" or "int8", "fp32 or int8");
        Limit.Between(1, SearchService.MaxResults);
        Sort.Accepting(s => s is "score" or "date" or "random" or "adherence", "score, date, random or adherence");
        foreach (var range in new[] { Seed, Steps, Cfg, Width, Height })
        {
            range.Accepting(r => ValueRange.TryParse(r, out _, out _), "a number N or a range A..B (A ≤ B)");
        }

        Since.Accepting(d => IsDate(d), "a date: YYYY-MM-DD or an ISO 8601 time");
        Until.Accepting(d => IsDate(d), "a date: YYYY-MM-DD or an ISO 8601 time");
        AdherenceBelow.Between(-1.0, 1.0);
        RatingMin.Between(0, 5);
        Collection.Accepting(CurationNames.IsCollectionName, CurationNames.CollectionRule);
        Language.Accepting(NllbLanguageCodes.Contains, "an NLLB-200 language code: " + string.Join(", ", NllbLanguageCodes.All));
    }

    public Option<string?> Db { get; } = CommonOptions.Db();

    public Option<bool> Json { get; } = CommonOptions.Json();

    public Option<bool> Csv { get; } = new("--csv") { Description = "print CSV on stdout" };

    public Option<string?> Html { get; } = new("--html") { Description = "write an offline HTML contact sheet (thumbnails and metadata) to FILE", HelpName = "FILE" };

    public Option<bool> Frames { get; } = new("--frames") { Description = "for a video, list every matching frame (time and similarity), not only the best one" };

    public Option<int> Limit { get; } = new("-k", "--limit", "-n") { Description = "at most this many results (1–1000)", DefaultValueFactory = _ => 50, HelpName = "N" };

    public Option<string> Sort { get; } = new("--sort") { Description = "score, date (newest first), random, or adherence (lowest first)", DefaultValueFactory = _ => "score", HelpName = "score|date|random|adherence" };

    public Option<int?> RandomSeed { get; } = new("--random-seed") { Description = "seed for --sort random (repeatable order)" };

    public Option<string?> Pack { get; } = new("--pack") { Description = "model pack whose vectors are searched (default: an installed CLIP pack with vectors in the catalog, else resnet18-imagenet)", HelpName = "ID" };

    public Option<string?> Generator { get; } = new("--generator") { Description = "sd-webui, forge, comfyui, invokeai, novelai, swarmui, fooocus, … (see dfd facets)" };

    public Option<string?> Model { get; } = new("--model") { Description = "checkpoint name contains this" };

    public Option<string?> Lora { get; } = new("--lora") { Description = "a LoRA whose name contains this was used" };

    public Option<string?> Tag { get; } = new("--tag") { Description = "a tag given by hand (dfd tag add) or by a tagger pack (dfd tag --auto), whole name", HelpName = "NAME" };

    public Option<int?> RatingMin { get; } = new("--rating-min") { Description = "rated at least this many stars (dfd rate), 0–5", HelpName = "N" };

    public Option<bool> Favourites { get; } = new("--favourites") { Description = "only favourites (dfd fav)" };

    public Option<string?> Collection { get; } = new("--collection") { Description = "only images in this collection (dfd collection)", HelpName = "NAME" };

    public Option<string?> Sampler { get; } = new("--sampler") { Description = "sampler name, exactly (case-insensitive)" };

    public Option<string?> Seed { get; } = new("--seed") { Description = "N or A..B", HelpName = "N|A..B" };

    public Option<string?> Steps { get; } = new("--steps") { Description = "N or A..B", HelpName = "N|A..B" };

    public Option<string?> Cfg { get; } = new("--cfg") { Description = "N or A..B", HelpName = "N|A..B" };

    public Option<string?> Width { get; } = new("--width") { Description = "N or A..B (generation size)", HelpName = "N|A..B" };

    public Option<string?> Height { get; } = new("--height") { Description = "N or A..B (generation size)", HelpName = "N|A..B" };

    public Option<string?> Since { get; } = new("--since") { Description = "file modified on or after this date (YYYY-MM-DD or ISO time)", HelpName = "DATE" };

    public Option<string?> Until { get; } = new("--until") { Description = "file modified before this date", HelpName = "DATE" };

    public Option<string?> Folder { get; } = new("--folder") { Description = "only files under this folder", HelpName = "PATH" };

    public Option<double?> AdherenceBelow { get; } = new("--adherence-below") { Description = "only images whose stored prompt adherence (dfd adherence) is below this cosine", HelpName = "X" };

    public Option<string> TextPrecision { get; } = new("--text-precision")
    {
        Description = "text tower to embed the query with: fp32, or int8 when the pack carries one (about 2.5× faster; see models/README.md)",
        DefaultValueFactory = _ => "fp32",
        HelpName = "fp32|int8",
    };

    public Option<string?> Language { get; } = new("--language")
    {
        Description = "NLLB text towers: the language of the query, as an NLLB-200 code (eng_Latn, rus_Cyrl, zho_Hans, arb_Arab, …); default: the pack's, else eng_Latn",
        HelpName = "CODE",
    };

    public DeviceCliOptions Device { get; } = new();

    public IEnumerable<Option> All =>
        new Option[] { Db, Json, Csv, Html, Frames, Limit, Sort, RandomSeed, Pack, Generator, Model, Lora, Tag, RatingMin, Favourites, Collection, Sampler, Seed, Steps, Cfg, Width, Height, Since, Until, Folder, AdherenceBelow, TextPrecision, Language }
            .Concat(Device.All);

    public SearchFilters Filters(ParseResult parse, List<string> errors) => new()
    {
        Generator = parse.GetValue(Generator),
        Model = parse.GetValue(Model),
        Lora = parse.GetValue(Lora),
        Tag = parse.GetValue(Tag),
        RatingMin = parse.GetValue(RatingMin),
        FavouritesOnly = parse.GetValue(Favourites),
        Collection = parse.GetValue(Collection),
        Sampler = parse.GetValue(Sampler),
        Folder = parse.GetValue(Folder) is { } f ? Path.GetFullPath(f) : null,
        Seed = Range(parse.GetValue(Seed), "--seed", errors),
        Steps = Range(parse.GetValue(Steps), "--steps", errors),
        Cfg = Range(parse.GetValue(Cfg), "--cfg", errors),
        Width = Range(parse.GetValue(Width), "--width", errors),
        Height = Range(parse.GetValue(Height), "--height", errors),
        Since = Date(parse.GetValue(Since), "--since", errors),
        Until = Date(parse.GetValue(Until), "--until", errors),
        AdherenceBelow = parse.GetValue(AdherenceBelow),
    };

    /// <summary>Reads a --cutoff option (search and similar differ only in its default).</summary>
    public static Cutoff ReadCutoff(ParseResult parse, Option<string> cutoff, List<string> errors)
    {
        if (!Cutoff.TryParse(parse.GetValue(cutoff), out var cut))
        {
            errors.Add($"--cutoff: '{parse.GetValue(cutoff)}' is not auto, none or a cosine from -1 to 1");
        }

        return cut;
    }

    public int K(ParseResult parse, List<string> errors)
    {
        var k = parse.GetValue(Limit);
        if (k is < 1 or > SearchService.MaxResults)
        {
            errors.Add($"-k must be from 1 to {SearchService.MaxResults}");
        }

        return Math.Clamp(k, 1, SearchService.MaxResults);
    }

    public ResultSort ReadSort(ParseResult parse, List<string> errors)
    {
        var text = parse.GetValue(Sort) ?? "score";
        if (Enum.TryParse<ResultSort>(text, ignoreCase: true, out var sort) && !int.TryParse(text, out _))
        {
            return sort;
        }

        errors.Add($"--sort: '{text}' is not score, date, random or adherence");
        return ResultSort.Score;
    }

    public static void Report(List<string> errors)
    {
        foreach (var error in errors)
        {
            Console.Error.WriteLine($"dfd: {error}");
        }
    }

    private static ValueRange? Range(string? text, string option, List<string> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (ValueRange.TryParse(text, out var range, out var error))
        {
            return range;
        }

        errors.Add($"{option}: {error}");
        return null;
    }

    private static bool IsDate(string text) => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _);

    private static DateTimeOffset? Date(string? text, string option, List<string> errors)
    {
        if (text is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            return date;
        }

        errors.Add($"{option}: '{text}' is not a date (use YYYY-MM-DD or an ISO 8601 time)");
        return null;
    }
}
