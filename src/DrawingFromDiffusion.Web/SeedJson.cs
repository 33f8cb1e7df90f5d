using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using DrawingFromDiffusion.Core.Catalog;

namespace DrawingFromDiffusion.Web;

/// <summary>
/// The API writes a generation's seed as a JSON number, as it always has (the catalog keeps it as text, which
/// `dfd export` writes as is); a seed that is not a whole number stays a string.
/// </summary>
internal static class SeedJson
{
    public static void WriteSeedAsNumber(JsonTypeInfo type)
    {
        if (type.Type != typeof(GenerationSummary))
        {
            return;
        }

        foreach (var property in type.Properties.Where(p => p.Name == "seed"))
        {
            property.CustomConverter = new SeedConverter();
        }
    }

    private sealed class SeedConverter : JsonConverter<string?>
    {
        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.Number ? reader.GetInt64().ToString(CultureInfo.InvariantCulture) : reader.GetString();

        public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
        {
            if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
            {
                writer.WriteNumberValue(number);
            }
            else
            {
                writer.WriteStringValue(value);
            }
        }
    }
}
