namespace DrawingFromDiffusion.Core.Clustering;

/// <summary>
/// The words of file paths, for labelling clusters of images that carry no prompt: folder and file names split on
/// separators, camelCase and letter/digit boundaries, lower-cased; the extension, numbers, single letters and words
/// that name no subject (image, copy, final…) are dropped, and so are the folders every path shares.
/// </summary>
public static class PathTokens
{
    private static readonly HashSet<string> _stopWords = new(StringComparer.Ordinal)
    {
        "the", "of", "and", "or", "in", "on", "at", "with", "by", "for", "to", "from",
        "png", "jpg", "jpeg", "webp", "gif", "bmp", "tif", "tiff", "svg", "img", "image", "images", "pic", "pics",
        "picture", "pictures", "photo", "photos", "file", "files", "copy", "final", "new", "old", "tmp", "temp",
        "output", "outputs", "out", "home", "users", "user", "usr", "share", "mnt", "media", "var", "opt", "data",
        "desktop", "downloads", "documents", "grid", "sample", "samples", "txt2img", "img2img",
    };

    /// <summary>
    /// The folder words and the file-name words of each path, with the leading folders that all
    /// <paramref name="paths"/> share left out. Kept apart because one folder's words name all its images alike,
    /// so only file names tell apart the clusters a big folder splits into.
    /// </summary>
    public static IReadOnlyList<(IReadOnlyList<string> Folders, IReadOnlyList<string> Name)> Of(IReadOnlyList<string?> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var split = paths.Select(p => p is null ? [] : p.Split(['/', '\\'], StringSplitOptions.RemoveEmptyEntries)).ToList();
        var shared = SharedFolders(split);
        return [.. split.Select(parts => parts.Length == 0
            ? ((IReadOnlyList<string>)[], (IReadOnlyList<string>)[])
            : ((IReadOnlyList<string>)[.. parts.Skip(shared).SkipLast(1).SelectMany(Words)],
               (IReadOnlyList<string>)[.. Words(Path.GetFileNameWithoutExtension(parts[^1]))]))];
    }

    /// <summary>The words of one folder or file name (no extension handling).</summary>
    public static IEnumerable<string> Words(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var start = 0;
        for (var i = 1; i <= name.Length; i++)
        {
            if (i == name.Length || IsBoundary(name, i))
            {
                var word = Clean(name[start..i]);
                start = i;
                if (word is not null)
                {
                    yield return word;
                }
            }
        }
    }

    // A word ends before a separator, at a lower→Upper step (camelCase), at the last capital of a run followed by a
    // lower-case letter (HTMLPage → html, page), and where letters meet digits.
    private static bool IsBoundary(string name, int i)
    {
        char previous = name[i - 1], current = name[i];
        if (!char.IsLetterOrDigit(previous) || !char.IsLetterOrDigit(current))
        {
            return true;
        }

        if (char.IsLower(previous) && char.IsUpper(current))
        {
            return true;
        }

        if (char.IsUpper(previous) && char.IsUpper(current) && i + 1 < name.Length && char.IsLower(name[i + 1]))
        {
            return true;
        }

        return char.IsDigit(previous) != char.IsDigit(current);
    }

    private static string? Clean(string piece)
    {
        var word = new string([.. piece.Where(char.IsLetterOrDigit)]).ToLowerInvariant();
        return word.Length < 2 || word.All(char.IsDigit) || _stopWords.Contains(word) ? null : word;
    }

    private static int SharedFolders(List<string[]> split)
    {
        var withPaths = split.Where(p => p.Length > 0).ToList();
        if (withPaths.Count < 2)
        {
            // One path shares everything with itself; keep its last folder so a lone image still has words.
            return withPaths.Count == 1 ? Math.Max(0, withPaths[0].Length - 2) : 0;
        }

        var shortest = withPaths.Min(p => p.Length) - 1; // the file name itself is never shared
        var shared = 0;
        while (shared < shortest && withPaths.All(p => string.Equals(p[shared], withPaths[0][shared], StringComparison.Ordinal)))
        {
            shared++;
        }

        return shared;
    }
}
