using System.Text.Json;

namespace DrawingFromDiffusion.Core.Metadata.Parsers;

internal sealed record ComfyNode(string Id, string Class, Dictionary<string, ComfyInput> Inputs)
{
    public JsonElement? Literal(string name) => Inputs.TryGetValue(name, out var input) ? input.Value : null;
}
