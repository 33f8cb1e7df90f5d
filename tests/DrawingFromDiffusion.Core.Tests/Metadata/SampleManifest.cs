using System.Globalization;
using System.Text.Json;
using DrawingFromDiffusion.Core.Metadata;

namespace DrawingFromDiffusion.Core.Tests.Metadata;

/// <summary>The shared samples and their expected values (TestData/Metadata/manifest.json), compared field by field.</summary>
internal static class SampleManifest
{
    public static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "TestData", "Metadata");

    /// <summary>Fields deliberately read differently from the upstream test, with the reason.</summary>
    private static readonly Dictionary<(string File, string Field), string> _deviations = new()
    {
        // sd-metadata leaves NovelAI's model undefined; we report the Source string (name + 8-hex id), as sd-parsers does for the 2022 sample.
        [("novelai/novelai-full-3char.png", "model")] = "model from Source",
    };

    public static IEnumerable<object[]> Files()
    {
        using var document = Load();
        foreach (var file in document.RootElement.GetProperty("files").EnumerateArray())
        {
            yield return [file.GetProperty("file").GetString()!];
        }
    }

    public static JsonDocument Load() => JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Folder, "manifest.json")));

    public static JsonElement Entry(JsonDocument manifest, string file) =>
        manifest.RootElement.GetProperty("files").EnumerateArray().First(f => f.GetProperty("file").GetString() == file);

    /// <summary>Each expected field as (field, matched, detail).</summary>
    public static List<(string Field, bool Ok, string Detail)> Compare(string file, GenerationMetadata? actual, JsonElement expected)
    {
        var results = new List<(string, bool, string)>();
        foreach (var property in expected.EnumerateObject())
        {
            if (_deviations.ContainsKey((file, property.Name)))
            {
                continue;
            }

            var want = property.Value;
            var (known, ok, got) = property.Name switch
            {
                "generation_metadata" => (true, want.ValueKind == JsonValueKind.Null ? actual is null : actual is not null, actual?.Generator),
                "has_prompt" => (true, !string.IsNullOrEmpty(actual?.Prompt) == want.GetBoolean(), actual?.Prompt),
                "software" => (true, actual?.Generator == want.GetString(), actual?.Generator),
                "prompt" => Text(want, actual?.Prompt),
                "negative_prompt" => Text(want, actual?.NegativePrompt),
                "model" => Text(want, actual?.Model),
                "model_hash" => Text(want, actual?.ModelHash),
                "sampler" => Text(want, actual?.Sampler),
                "scheduler" => Text(want, actual?.Scheduler),
                "seed" => Number(want, actual?.Seed),
                "steps" => Number(want, actual?.Steps),
                "cfg_scale" => Number(want, (decimal?)actual?.CfgScale),
                "width" => Number(want, actual?.Width),
                "height" => Number(want, actual?.Height),
                "clip_skip" => Number(want, actual?.ClipSkip),
                "size" => (true, want.GetString() == $"{actual?.Width}x{actual?.Height}", $"{actual?.Width}x{actual?.Height}"),
                "loras" => (true, want.GetArrayLength() == (actual?.Loras.Count ?? 0), actual?.Loras.Count.ToString(CultureInfo.InvariantCulture)),
                "vae" => Text(want, actual?.Vae),
                "character_prompts" => (true, actual is not null && actual.Extra.TryGetValue("character_prompts", out var chars)
                    && JsonDocument.Parse(chars).RootElement.GetArrayLength() == want.GetArrayLength(), actual?.Extra.GetValueOrDefault("character_prompts")),
                "c2pa" => (true, actual?.C2pa is { } c2pa && c2pa.Vendor == want.GetProperty("vendor").GetString() && c2pa.AiGenerated == want.GetProperty("aiGenerated").GetBoolean()
                    && c2pa.DigitalSourceType == want.GetProperty("digitalSourceType").GetString() && c2pa.ClaimGenerator == want.GetProperty("claimGenerator").GetString(), actual?.C2pa?.ToString()),
                _ => (false, true, null),
            };
            if (known)
            {
                results.Add((property.Name, ok, $"expected {want.GetRawText()}, got {got ?? "null"}"));
            }
        }

        return results;
    }

    private static (bool, bool, string?) Text(JsonElement want, string? got) =>
        (true, want.ValueKind == JsonValueKind.Null ? got is null : want.GetString() == got, got);

    private static (bool, bool, string?) Number(JsonElement want, decimal? got)
    {
        var expected = want.ValueKind == JsonValueKind.String
            ? decimal.Parse(want.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture)
            : want.GetDecimal();
        return (true, got == expected, got?.ToString(CultureInfo.InvariantCulture));
    }
}
