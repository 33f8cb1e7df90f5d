namespace DrawingFromDiffusion.Core.Metadata.Parsers;

/// <summary>Midjourney website downloads: <c>Description</c> = prompt, <c>--</c> parameters, then <c>Job ID: …</c>.</summary>
public sealed class MidjourneyParser : IMetadataParser
{
    private static readonly HashSet<string> _flags = new(StringComparer.OrdinalIgnoreCase) { "raw", "tile", "turbo", "relax", "fast", "draft" };

    public MetadataParseResult Parse(MetadataSource source)
    {
        var description = source.Get("Description") ?? source.Get("ImageDescription");
        if (description is null || !description.Contains("Job ID:", StringComparison.Ordinal))
        {
            return MetadataParseResult.NotMine;
        }

        var metadata = new GenerationMetadata { Generator = "midjourney", Raw = description };
        var job = description.IndexOf(" Job ID:", StringComparison.Ordinal);
        var body = job >= 0 ? description[..job] : description;
        if (job >= 0)
        {
            metadata.Extra["job_id"] = description[(job + " Job ID:".Length)..].Trim();
        }

        var dash = body.IndexOf(" --", StringComparison.Ordinal);
        metadata.Prompt = (dash >= 0 ? body[..dash] : body).Trim();
        if (dash >= 0)
        {
            var tokens = body[dash..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            for (var i = 0; i < tokens.Length; i++)
            {
                if (!tokens[i].StartsWith("--", StringComparison.Ordinal))
                {
                    continue;
                }

                var name = tokens[i][2..];
                var values = new List<string>();
                while (i + 1 < tokens.Length && !tokens[i + 1].StartsWith("--", StringComparison.Ordinal) && !_flags.Contains(name))
                {
                    values.Add(tokens[++i]);
                }

                var value = string.Join(' ', values);
                switch (name)
                {
                    case "seed": metadata.Seed = Numbers.Seed(value); break;
                    case "no": metadata.NegativePrompt = value; break;
                    case "ar" or "aspect": metadata.Extra["aspect_ratio"] = value; break;
                    case "v" or "version": metadata.Model = "Midjourney v" + value; break;
                    case "niji": metadata.Model = "niji " + value; break;
                    default: metadata.Extra[name] = value.Length == 0 ? "true" : value; break;
                }
            }
        }

        if (source.Get("Author") is { } author)
        {
            metadata.Extra["author"] = author;
        }

        return MetadataParseResult.Parsed(metadata);
    }
}
