namespace DrawingFromDiffusion.Core.Search;

/// <summary>
/// Catalog filters shared by every search (prompt words now, CLIP text/image search later): each one set narrows the
/// results, and they combine with AND. Text filters match case-insensitively: generator and sampler as whole names,
/// model and LoRA as substrings unless <see cref="WholeNames"/> is set.
/// </summary>
public sealed record SearchFilters
{
    public string? Generator { get; init; }

    public string? Model { get; init; }

    public string? Lora { get; init; }

    public string? Sampler { get; init; }

    /// <summary>Model and LoRA match whole names (picked from a facet list, as the web page does) rather than substrings (typed on the command line).</summary>
    public bool WholeNames { get; init; }

    public ValueRange? Seed { get; init; }

    public ValueRange? Steps { get; init; }

    public ValueRange? Cfg { get; init; }

    public ValueRange? Width { get; init; }

    public ValueRange? Height { get; init; }

    /// <summary>File modified at or after this time.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>File modified before this time.</summary>
    public DateTimeOffset? Until { get; init; }

    /// <summary>Only files under this folder (absolute path).</summary>
    public string? Folder { get; init; }

    /// <summary>Only images whose stored prompt adherence (see `dfd adherence`) is below this cosine.</summary>
    public double? AdherenceBelow { get; init; }

    /// <summary>Only images tagged with this tag, by hand (`dfd tag add`) or by a tagger pack (`dfd tag --auto`): whole name, case-insensitive.</summary>
    public string? Tag { get; init; }

    /// <summary>Only images rated at least this many stars (0–5, `dfd rate`); unrated images never pass.</summary>
    public int? RatingMin { get; init; }

    /// <summary>Only images marked as favourites (`dfd fav`).</summary>
    public bool FavouritesOnly { get; init; }

    /// <summary>Only images in this collection (name, case-insensitive; `dfd collection`).</summary>
    public string? Collection { get; init; }

    public bool IsEmpty => this with { WholeNames = false } == new SearchFilters();
}
