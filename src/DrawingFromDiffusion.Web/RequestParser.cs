using System.Globalization;
using DrawingFromDiffusion.App.Contracts;
using Microsoft.AspNetCore.Http;

namespace DrawingFromDiffusion.Web;

/// <summary>Parses and bounds query-string values; every failure becomes a 400 that names the parameter.</summary>
internal static class RequestParser
{
    public static bool TryId(string raw, out long id, out IResult? problem)
    {
        problem = null;
        if (long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id > 0)
        {
            return true;
        }

        problem = Problems.BadRequest("An image is named by its catalog id, a positive integer (e.g. /api/images/42).");
        return false;
    }

    public static bool TryInt(string? raw, string name, int min, int max, int fallback, out int value, out IResult? problem)
    {
        problem = null;
        value = fallback;
        if (string.IsNullOrEmpty(raw))
        {
            return true;
        }

        if (int.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value) && value >= min && value <= max)
        {
            return true;
        }

        problem = Problems.BadRequest($"'{name}' must be a whole number from {min} to {max}.");
        return false;
    }

    public static bool TryK(string? raw, out int k, out IResult? problem) =>
        TryInt(raw, "k", WebLimits.MinK, WebLimits.MaxK, WebLimits.DefaultK, out k, out problem);

    public static bool TryMode(string? raw, out SearchMode mode, out IResult? problem)
    {
        problem = null;
        mode = SearchMode.Auto;
        if (string.IsNullOrEmpty(raw))
        {
            return true;
        }

        if (Enum.TryParse(raw, ignoreCase: true, out mode) && Enum.IsDefined(mode) && !raw.Any(char.IsDigit))
        {
            return true;
        }

        problem = Problems.BadRequest("'mode' must be one of auto, text, prompt, hybrid.");
        return false;
    }

    public static bool TryQuery(string? raw, out string query, out IResult? problem)
    {
        problem = null;
        query = (raw ?? "").Trim();
        if (query.Length <= WebLimits.MaxQueryLength)
        {
            return true;
        }

        problem = Problems.BadRequest($"'q' is {query.Length} characters long; at most {WebLimits.MaxQueryLength} are allowed.");
        return false;
    }

    public static bool TryFilters(IQueryCollection query, out SearchFilters filters, out IResult? problem)
    {
        filters = SearchFilters.None;
        problem = null;
        string? Text(string name)
        {
            var value = query[name].ToString().Trim();
            return value.Length == 0 ? null : value;
        }

        var generator = Text("generator");
        var checkpoint = Text("checkpoint");
        var lora = Text("lora");
        foreach (var (name, value) in new[] { ("generator", generator), ("checkpoint", checkpoint), ("lora", lora) })
        {
            if (value is { Length: > WebLimits.MaxFilterLength })
            {
                problem = Problems.BadRequest($"'{name}' is longer than {WebLimits.MaxFilterLength} characters.");
                return false;
            }
        }

        if (!TrySeed(Text("seed_min"), "seed_min", out var seedMin, out problem) || !TrySeed(Text("seed_max"), "seed_max", out var seedMax, out problem))
        {
            return false;
        }

        if (seedMin > seedMax)
        {
            problem = Problems.BadRequest("'seed_min' is above 'seed_max'.");
            return false;
        }

        var tag = Text("tag");
        if (tag is { Length: > WebLimits.MaxFilterLength })
        {
            problem = Problems.BadRequest($"'tag' is longer than {WebLimits.MaxFilterLength} characters.");
            return false;
        }

        var collection = Text("collection");
        if (collection is not null && !Core.Curation.CurationNames.IsCollectionName(collection))
        {
            problem = Problems.BadRequest($"'collection' must be {Core.Curation.CurationNames.CollectionRule}.");
            return false;
        }

        if (!TryInt(Text("rating_min"), "rating_min", 0, 5, -1, out var ratingMin, out problem))
        {
            return false;
        }

        var favourites = Text("favourites") is { } f && (f == "1" || f.Equals("true", StringComparison.OrdinalIgnoreCase));
        filters = new SearchFilters(generator, checkpoint, lora, seedMin, seedMax, tag, ratingMin < 0 ? null : ratingMin, favourites, collection);
        return true;
    }

    private static bool TrySeed(string? raw, string name, out long? seed, out IResult? problem)
    {
        seed = null;
        problem = null;
        if (raw is null)
        {
            return true;
        }

        if (long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            seed = value;
            return true;
        }

        problem = Problems.BadRequest($"'{name}' must be a whole number (a seed).");
        return false;
    }
}
