using System.Text.Json;
using System.Text.Json.Serialization;

namespace DrawingFromDiffusion.Onnx.Models;

/// <summary><c>model.json</c>: everything needed to run a pack exactly as its reference does (models/README.md).</summary>
public sealed record ModelManifest
{
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public int Format { get; init; } = 1;

    public required string Id { get; init; }

    /// <summary>"clip" (image + text towers sharing one space), "image" (image tower only) or "tagger" (WD14: tags from pixels).</summary>
    public string Family { get; init; } = "clip";

    public string? Description { get; init; }

    public required int EmbeddingSize { get; init; }

    /// <summary>The graphs already L2-normalise (Immich); vectors are normalised again regardless (idempotent).</summary>
    public bool OutputsNormalized { get; init; }

    public ImageTowerSpec? Image { get; init; }

    public TextTowerSpec? Text { get; init; }

    /// <summary>A tagger pack's selected_tags.csv (one row per model output).</summary>
    public string? Tags { get; init; }

    /// <summary>Pack-relative path → SHA-256 (lower-case hex) of every file the pack needs.</summary>
    public Dictionary<string, string> Files { get; init; } = [];

    public static ModelManifest Parse(string json) =>
        JsonSerializer.Deserialize<ModelManifest>(json, JsonOptions) ?? throw new InvalidDataException("model.json is empty");

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);
}
