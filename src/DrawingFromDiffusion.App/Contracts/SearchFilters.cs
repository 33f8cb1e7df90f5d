namespace DrawingFromDiffusion.App.Contracts;

/// <summary>Catalog filters applied to every kind of search; null means "any".</summary>
/// <param name="Tag">a manual or tagger tag, whole name.</param>
/// <param name="RatingMin">at least this many stars (0–5).</param>
/// <param name="Favourites">only favourites.</param>
/// <param name="Collection">only images in this collection.</param>
public sealed record SearchFilters(
    string? Generator = null,
    string? Checkpoint = null,
    string? Lora = null,
    long? SeedMin = null,
    long? SeedMax = null,
    string? Tag = null,
    int? RatingMin = null,
    bool Favourites = false,
    string? Collection = null)
{
    public static readonly SearchFilters None = new();

    /// <summary>The catalog's filters: names are whole, as the page picks them from its facet lists.</summary>
    internal Core.Search.SearchFilters ToCatalogFilters() => new()
    {
        Generator = Generator,
        Model = Checkpoint,
        Lora = Lora,
        WholeNames = true,
        Seed = SeedMin is null && SeedMax is null ? null : new Core.Search.ValueRange(SeedMin, SeedMax),
        Tag = Tag,
        RatingMin = RatingMin,
        FavouritesOnly = Favourites,
        Collection = Collection,
    };
}
