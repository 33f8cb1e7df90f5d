namespace DrawingFromDiffusion.Onnx.Tagging;

/// <summary>A WD14 tagger's <c>selected_tags.csv</c> (tag_id,name,category,count): one row per output, in output order.</summary>
public sealed class SelectedTags
{
    private SelectedTags(IReadOnlyList<string> names, IReadOnlyList<string> categories)
    {
        Names = names;
        Categories = categories;
    }

    public IReadOnlyList<string> Names { get; }

    /// <summary>"rating" (9), "general" (0), "character" (4), or "other" for any other category number.</summary>
    public IReadOnlyList<string> Categories { get; }

    public static SelectedTags Load(string path)
    {
        var names = new List<string>();
        var categories = new List<string>();
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            if (line.Length == 0)
            {
                continue;
            }

            var parts = line.Split(',');
            if (parts.Length < 3)
            {
                throw new InvalidDataException($"{path}: '{line}' is not tag_id,name,category,count");
            }

            names.Add(parts[1]);
            categories.Add(parts[2].Trim() switch
            {
                "9" => "rating",
                "0" => "general",
                "4" => "character",
                _ => "other",
            });
        }

        return new SelectedTags(names, categories);
    }
}
