using System.Text.Json;
using System.Text.RegularExpressions;

namespace DrawingFromDiffusion.Core.Metadata.Parsers;

/// <summary>
/// The A1111 "infotext" family: A1111, Forge, reForge, EasyReforge, Forge Classic/Neo, SD.Next, Civitai text,
/// ComfyUI savers that imitate it. Prompt lines, an optional <c>Negative prompt:</c> block, one parameter line
/// found bottom-up (so dynamic-prompts <c>Template:</c> lines after it do not hide it), then trailing extras.
/// </summary>
public sealed partial class A1111Parser : IMetadataParser
{
    private static readonly HashSet<string> _knownKeys = new(StringComparer.Ordinal)
    {
        "Steps", "Sampler", "Schedule type", "CFG scale", "Seed", "Size", "Model", "Model hash", "Clip skip",
        "Denoising strength", "Version", "VAE", "VAE hash", "App", "Pipeline", "Hires upscale", "Hires steps", "Created Date",
    };

    public MetadataParseResult Parse(MetadataSource source)
    {
        foreach (var key in (string[])["parameters", "UserComment", "stealth", "Comment", "XPComment"])
        {
            var text = source.Get(key);
            if (text is null || Json.LooksLikeJsonObject(text))
            {
                continue;
            }

            var result = ParseText(text, strict: key != "parameters");
            if (result.Status != ParseStatus.NotMine)
            {
                return result;
            }
        }

        return MetadataParseResult.NotMine;
    }

    /// <param name="strict">when true, text without a parameter line is not claimed (a free-text comment); otherwise it is malformed infotext.</param>
    public static MetadataParseResult ParseText(string text, bool strict)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        var parameterLine = -1;
        List<KeyValuePair<string, string>>? parameters = null;
        for (var i = lines.Length - 1; i >= 0 && parameterLine < 0; i--)
        {
            if (lines[i].Length == 0 || lines[i].StartsWith("Negative prompt:", StringComparison.Ordinal))
            {
                continue;
            }

            var items = InfotextLine.Split(lines[i]);
            if (items.Count(item => _knownKeys.Contains(item.Key)) >= 3)
            {
                parameterLine = i;
                parameters = items;
            }
        }

        var metadata = new GenerationMetadata { Generator = "sd-webui", Raw = text };
        if (parameters is null)
        {
            if (strict)
            {
                return MetadataParseResult.NotMine;
            }

            metadata.Prompt = text.Trim();
            AddLoraTags(metadata, metadata.Prompt);
            return MetadataParseResult.Malformed("A1111 text without a parameter line (Steps:, Sampler:, Seed: …); kept the text as the prompt", metadata);
        }

        var prompt = new List<string>();
        List<string>? negative = null;
        for (var i = 0; i < parameterLine; i++)
        {
            if (negative is null && lines[i].StartsWith("Negative prompt:", StringComparison.Ordinal))
            {
                negative = [lines[i]["Negative prompt:".Length..]];
            }
            else
            {
                (negative ?? prompt).Add(lines[i]);
            }
        }

        metadata.Prompt = string.Join('\n', prompt).Trim();
        metadata.NegativePrompt = negative is null ? null : string.Join('\n', negative).Trim();
        Apply(metadata, parameters);
        for (var i = parameterLine + 1; i < lines.Length; i++)
        {
            var colon = lines[i].IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                metadata.Extra[lines[i][..colon].Trim()] = lines[i][(colon + 1)..].Trim();
            }
        }

        AddLoraTags(metadata, metadata.Prompt);
        AddLoraTags(metadata, metadata.NegativePrompt);
        return MetadataParseResult.Parsed(metadata);
    }

    private static void Apply(GenerationMetadata metadata, List<KeyValuePair<string, string>> parameters)
    {
        Dictionary<string, string>? loraHashes = null;
        double? denoise = null;
        var hires = new HiresInfo();
        var hasHires = false;
        foreach (var (key, value) in parameters)
        {
            switch (key)
            {
                case "Steps":
                    metadata.Steps = Numbers.Int(value) ?? Warn(metadata, key, value, (int?)null);
                    break;
                case "Sampler":
                    metadata.Sampler = value;
                    break;
                case "Schedule type":
                    metadata.Scheduler = value;
                    break;
                case "CFG scale":
                    metadata.CfgScale = Numbers.Double(value) ?? Warn(metadata, key, value, (double?)null);
                    break;
                case "Seed":
                    metadata.Seed = Numbers.Seed(value) ?? Warn(metadata, key, value, (decimal?)null);
                    break;
                case "Size" when Numbers.Size(value) is { } size:
                    (metadata.Width, metadata.Height) = size;
                    break;
                case "Model":
                    metadata.Model = value;
                    break;
                case "Model hash":
                    metadata.ModelHash = value;
                    break;
                case "VAE":
                    metadata.Vae = value;
                    break;
                case "Clip skip":
                    metadata.ClipSkip = Numbers.Int(value);
                    break;
                case "Denoising strength":
                    denoise = Numbers.Double(value);
                    break;
                case "Hires upscale":
                    hires = hires with { Scale = Numbers.Double(value) };
                    hasHires = true;
                    break;
                case "Hires resize" when Numbers.Size(value) is { } resize:
                    hires = hires with { Width = resize.Width, Height = resize.Height };
                    hasHires = true;
                    break;
                case "Hires steps":
                    hires = hires with { Steps = Numbers.Int(value) };
                    hasHires = true;
                    break;
                case "Hires upscaler":
                    hires = hires with { Upscaler = value };
                    hasHires = true;
                    break;
                case "Lora hashes":
                    loraHashes = NameHashPairs(value);
                    break;
                case "TI hashes":
                    foreach (var (name, hash) in NameHashPairs(value))
                    {
                        metadata.Embeddings.Add(new EmbeddingReference(name, hash));
                    }

                    break;
                case "Hashes":
                    metadata.Extra[key] = value;
                    ApplyHashes(metadata, value, ref loraHashes);
                    break;
                default:
                    metadata.Extra[key] = value;
                    break;
            }
        }

        if (hasHires)
        {
            metadata.Hires = hires with { Denoise = denoise };
        }
        else
        {
            metadata.Denoise = denoise;
        }

        metadata.Extra.TryGetValue("Version", out var version);
        metadata.Generator = Classify(version, metadata.Extra);
        if (loraHashes is not null)
        {
            metadata.Extra["Lora hashes"] = string.Join(", ", loraHashes.Select(p => $"{p.Key}: {p.Value}"));
            foreach (var (name, hash) in loraHashes)
            {
                metadata.Loras.Add(new LoraReference(name, null, hash));
            }
        }

        if (metadata.Extra.TryGetValue("Civitai resources", out var resources))
        {
            AddCivitaiResources(metadata, resources);
        }
    }

    /// <summary>Which member of the family wrote the text, from <c>Version:</c> and other markers.</summary>
    internal static string Classify(string? version, IReadOnlyDictionary<string, string> extra)
    {
        if (extra.TryGetValue("App", out var app) && app.Contains("SD.Next", StringComparison.OrdinalIgnoreCase))
        {
            return "sd-next";
        }

        if (extra.ContainsKey("Civitai resources") || extra.ContainsKey("Civitai metadata"))
        {
            return "civitai";
        }

        if (string.IsNullOrEmpty(version))
        {
            return "sd-webui";
        }

        if (version.StartsWith("Fooocus", StringComparison.OrdinalIgnoreCase))
        {
            return "fooocus";
        }

        if (version.StartsWith("ComfyUI", StringComparison.OrdinalIgnoreCase))
        {
            return "comfyui";
        }

        if (version.Contains("classic", StringComparison.OrdinalIgnoreCase))
        {
            return "forge-classic";
        }

        if (version.Contains("neo", StringComparison.OrdinalIgnoreCase))
        {
            return "forge-neo";
        }

        if (ForgeVersion().IsMatch(version))
        {
            return "forge";
        }

        if (ReForgeVersion().IsMatch(version))
        {
            return "reforge";
        }

        if (EasyReforgeVersion().IsMatch(version))
        {
            return "easy-reforge";
        }

        return version.Length > 1 && version[0] == 'f' && char.IsDigit(version[1]) ? "forge" : "sd-webui";
    }

    private static Dictionary<string, string> NameHashPairs(string value)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in value.Split(','))
        {
            var colon = part.LastIndexOf(':');
            if (colon > 0)
            {
                pairs[part[..colon].Trim()] = part[(colon + 1)..].Trim();
            }
        }

        return pairs;
    }

    private static void ApplyHashes(GenerationMetadata metadata, string value, ref Dictionary<string, string>? loraHashes)
    {
        using var document = Json.TryParse(value, out _);
        if (document is null || document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var property in document.RootElement.EnumerateObject())
        {
            var hash = Json.AsString(property.Value);
            if (hash is null)
            {
                continue;
            }

            if (property.Name == "model")
            {
                metadata.ModelHash ??= hash;
            }
            else if (property.Name.StartsWith("lora:", StringComparison.Ordinal))
            {
                loraHashes ??= new Dictionary<string, string>(StringComparer.Ordinal);
                loraHashes.TryAdd(property.Name[5..], hash);
            }
            else if (property.Name.StartsWith("embed:", StringComparison.Ordinal))
            {
                metadata.Embeddings.Add(new EmbeddingReference(property.Name[6..], hash));
            }
        }
    }

    private static void AddCivitaiResources(GenerationMetadata metadata, string value)
    {
        using var document = Json.TryParse(value, out _);
        if (document is null || document.RootElement.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        foreach (var resource in document.RootElement.EnumerateArray())
        {
            var type = resource.Str("type");
            var name = resource.Str("modelName");
            if (name is null)
            {
                continue;
            }

            if (string.Equals(type, "lora", StringComparison.OrdinalIgnoreCase) || string.Equals(type, "lycoris", StringComparison.OrdinalIgnoreCase))
            {
                metadata.Loras.Add(new LoraReference(name, resource.Dbl("weight")));
            }
            else if (string.Equals(type, "embed", StringComparison.OrdinalIgnoreCase) || string.Equals(type, "embedding", StringComparison.OrdinalIgnoreCase))
            {
                metadata.Embeddings.Add(new EmbeddingReference(name, null));
            }
        }
    }

    private static T Warn<T>(GenerationMetadata metadata, string key, string value, T fallback)
    {
        metadata.Warnings.Add($"{key}: '{(value.Length > 40 ? value[..40] + "…" : value)}' is not a number");
        return fallback;
    }

    [GeneratedRegex(@"^f\d+(\.\d+)*v\d+(\.\d+)+-previous", RegexOptions.None, matchTimeoutMilliseconds: 100)]
    private static partial Regex ForgeVersion();

    [GeneratedRegex(@"^f\d+(\.\d+)*v\d+(\.\d+)*-v", RegexOptions.None, matchTimeoutMilliseconds: 100)]
    private static partial Regex ReForgeVersion();

    [GeneratedRegex(@"^f\d+(\.\d+)*-v", RegexOptions.None, matchTimeoutMilliseconds: 100)]
    private static partial Regex EasyReforgeVersion();
}
