using System.CommandLine;
using System.CommandLine.Parsing;
using DrawingFromDiffusion.Core.Curation;
using DrawingFromDiffusion.Core.Search;

namespace DrawingFromDiffusion.Cli;

/// <summary>--tag, --rating-min and --collection for commands that take no other search filters (dupes).</summary>
internal sealed class CurationFilterOptions
{
    public CurationFilterOptions()
    {
        RatingMin.Between(0, 5);
        Collection.Accepting(CurationNames.IsCollectionName, CurationNames.CollectionRule);
    }

    public Option<string?> Tag { get; } = new("--tag") { Description = "only images with this tag (manual or a tagger pack's)", HelpName = "NAME" };

    public Option<int?> RatingMin { get; } = new("--rating-min") { Description = "only images rated at least this (0–5)", HelpName = "N" };

    public Option<string?> Collection { get; } = new("--collection") { Description = "only images in this collection", HelpName = "NAME" };

    public SearchFilters Read(ParseResult parse) => new() { Tag = parse.GetValue(Tag), RatingMin = parse.GetValue(RatingMin), Collection = parse.GetValue(Collection) };

    public SearchFilters Read(CommandResult result) => new() { Tag = result.Checked(Tag), RatingMin = result.Checked(RatingMin), Collection = result.Checked(Collection) };
}
