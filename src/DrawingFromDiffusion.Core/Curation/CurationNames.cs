namespace DrawingFromDiffusion.Core.Curation;

/// <summary>The rules for names people give: manual tags and collections.</summary>
public static class CurationNames
{
    public const int MaxLength = 100;

    /// <summary>The model id manual tags are stored under, beside the tagger packs' ids.</summary>
    public const string UserTagModel = "user";

    /// <summary>
    /// A manual tag as stored: trimmed, lower case, inner whitespace as '_' (the tagger packs' style, which the
    /// `--tag` filter also applies to what it is given). Null when nothing is left, it is too long, or it holds a
    /// comma or a control character (a tag must stay one item of a comma-separated caption).
    /// </summary>
    public static string? NormaliseTag(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var parts = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var tag = string.Join('_', parts).ToLowerInvariant();
        return tag.Length is 0 or > MaxLength || tag.Any(c => c == ',' || char.IsControl(c)) ? null : tag;
    }

    /// <summary>What a tag may be, for error messages.</summary>
    public const string TagRule = "a tag: 1 to 100 characters, no commas";

    /// <summary>
    /// A collection name: 1 to 100 characters of letters, digits, '-', '_', '.' and inner spaces, starting with a
    /// letter or digit (it may end up in a folder or file name; a digit-only name would read as an image id).
    /// </summary>
    public static bool IsCollectionName(string? name) =>
        name is { Length: > 0 and <= MaxLength }
        && char.IsLetterOrDigit(name[0])
        && name[^1] != ' '
        && !name.All(char.IsAsciiDigit)
        && name.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' or ' ');

    public const string CollectionRule = "a collection name: 1 to 100 letters, digits, '-', '_', '.' or spaces, starting with a letter or digit, not all digits";
}
