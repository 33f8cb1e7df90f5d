namespace DrawingFromDiffusion.Cli.Web.Contracts;

/// <summary>Catalog filters applied to every kind of search; null means "any".</summary>
public sealed record SearchFilters(string? Generator = null, string? Checkpoint = null, string? Lora = null, long? SeedMin = null, long? SeedMax = null)
{
    public static readonly SearchFilters None = new();
}
