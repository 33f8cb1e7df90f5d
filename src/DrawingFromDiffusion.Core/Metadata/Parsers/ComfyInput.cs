using System.Text.Json;

namespace DrawingFromDiffusion.Core.Metadata.Parsers;

/// <summary>Either a link to another node's output (<see cref="Link"/> = source node id) or a literal widget value.</summary>
internal readonly record struct ComfyInput(string? Link, JsonElement? Value);
