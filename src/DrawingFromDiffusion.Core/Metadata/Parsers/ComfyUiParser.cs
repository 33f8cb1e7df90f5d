using System.Text.Json;

namespace DrawingFromDiffusion.Core.Metadata.Parsers;

/// <summary>
/// ComfyUI: the API graph from PNG <c>prompt</c>, EXIF <c>prompt:</c>/<c>Prompt:</c> tags (animated WebP,
/// save-image-extended), or UserComment JSON; the UI <c>workflow</c> only when no API graph is stored.
/// </summary>
public sealed class ComfyUiParser : IMetadataParser
{
    public MetadataParseResult Parse(MetadataSource source)
    {
        var (promptText, workflowText) = FindGraphs(source);
        if (promptText is null && workflowText is null)
        {
            return MetadataParseResult.NotMine;
        }

        return ParseGraphs(promptText, workflowText, "comfyui");
    }

    /// <summary>Parses an API graph (falling back to a UI workflow); also used by the hosted tools built on ComfyUI.</summary>
    public static MetadataParseResult ParseGraphs(string? promptText, string? workflowText, string generator)
    {
        var metadata = new GenerationMetadata { Generator = generator, Raw = promptText ?? workflowText };
        string? reason = null;
        if (promptText is not null)
        {
            using var document = Json.TryParse(promptText, out var error);
            using var unwrapped = document is null ? null : Json.Unwrap(document.RootElement);
            var root = unwrapped?.RootElement ?? document?.RootElement;
            if (root is null)
            {
                reason = $"ComfyUI prompt is not valid JSON ({error})";
            }
            else if (ComfyGraph.FromApi(root.Value, out var graphError) is { } graph)
            {
                new ComfyGraphWalker(graph).Fill(metadata);
                return MetadataParseResult.Parsed(metadata);
            }
            else
            {
                reason = $"ComfyUI prompt: {graphError}";
            }
        }

        if (workflowText is not null)
        {
            using var document = Json.TryParse(workflowText, out var error);
            if (document is null)
            {
                reason ??= $"ComfyUI workflow is not valid JSON ({error})";
            }
            else if (ComfyGraph.FromWorkflow(document.RootElement, out var graphError) is { } graph)
            {
                metadata.Warnings.Add("read from the UI workflow (no API prompt graph stored)");
                if (reason is not null)
                {
                    metadata.Warnings.Add(reason);
                }

                new ComfyGraphWalker(graph).Fill(metadata);
                return MetadataParseResult.Parsed(metadata);
            }
            else
            {
                reason ??= $"ComfyUI workflow: {graphError}";
            }
        }

        return MetadataParseResult.Malformed(reason ?? "ComfyUI metadata could not be read", metadata);
    }

    internal static (string? Prompt, string? Workflow) FindGraphs(MetadataSource source)
    {
        string? prompt = null, workflow = null;
        if (source.Get("prompt") is { } pngPrompt && Json.LooksLikeJsonObject(pngPrompt))
        {
            prompt = pngPrompt;
        }

        workflow = source.Get("workflow") is { } pngWorkflow && Json.LooksLikeJsonObject(pngWorkflow) ? pngWorkflow : null;
        foreach (var text in source.Texts)
        {
            if (text.Key is not ("Make" or "Model" or "ImageDescription" or "DocumentName" or "Software" or "Artist"))
            {
                continue;
            }

            if (StripPrefix(text.Value, "prompt") is { } exifPrompt)
            {
                prompt ??= exifPrompt;
            }
            else if (StripPrefix(text.Value, "workflow") is { } exifWorkflow)
            {
                workflow ??= exifWorkflow;
            }
        }

        if (prompt is null && source.Get("UserComment") is { } comment && Json.LooksLikeJsonObject(comment))
        {
            using var document = Json.TryParse(comment, out _);
            if (document?.RootElement is { ValueKind: JsonValueKind.Object } root)
            {
                if (root.Prop("prompt") is { } inner)
                {
                    prompt = inner.ValueKind == JsonValueKind.String ? Json.Text(inner) : inner.GetRawText();
                    workflow ??= root.Prop("workflow")?.GetRawText();
                }
                else if (LooksLikeApiGraph(root))
                {
                    prompt = comment;
                }
            }
        }

        return (prompt, workflow);
    }

    internal static bool LooksLikeApiGraph(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        var checkedNodes = 0;
        foreach (var property in root.EnumerateObject())
        {
            if (property.Value.ValueKind == JsonValueKind.Object && property.Value.Prop("class_type") is not null)
            {
                return true;
            }

            if (++checkedNodes > 64)
            {
                break;
            }
        }

        return false;
    }

    /// <summary>"prompt:{…}" (core animated WebP) or "Prompt: {…}" (save-image-extended).</summary>
    private static string? StripPrefix(string value, string key)
    {
        var span = value.AsSpan().TrimStart('\0');
        if (span.Length <= key.Length + 1 || !span.StartsWith(key, StringComparison.OrdinalIgnoreCase) || span[key.Length] != ':')
        {
            return null;
        }

        var rest = span[(key.Length + 1)..].TrimStart();
        return rest.Length > 0 && rest[0] == '{' ? rest.ToString() : null;
    }
}
