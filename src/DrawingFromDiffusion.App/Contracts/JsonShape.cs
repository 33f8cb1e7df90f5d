using System.Text.Json;
using System.Text.Json.Serialization;

namespace DrawingFromDiffusion.App.Contracts;

/// <summary>One JSON shape for every file and `--json` output dfd writes: snake_case, indented, nulls kept out.</summary>
internal static class JsonShape
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
