using System.Text.Json;

namespace DrawingFromDiffusion.Core.Metadata.Parsers;

/// <summary>
/// A ComfyUI graph reduced to what the walk needs: node id → class and inputs, each input a literal or a link.
/// Built from the API <c>prompt</c> or, as a fallback, from the UI <c>workflow</c>. Node ids stay strings ("4:1").
/// </summary>
internal sealed class ComfyGraph
{
    public const int MaxNodes = 10_000;

    private static readonly Dictionary<string, string?[]> _widgetNames = new(StringComparer.Ordinal)
    {
        ["KSampler"] = ["seed", null, "steps", "cfg", "sampler_name", "scheduler", "denoise"],
        ["KSamplerAdvanced"] = ["add_noise", "noise_seed", null, "steps", "cfg", "sampler_name", "scheduler", "start_at_step", "end_at_step", "return_with_leftover_noise"],
        ["CheckpointLoaderSimple"] = ["ckpt_name"],
        ["CheckpointLoader"] = ["config_name", "ckpt_name"],
        ["UNETLoader"] = ["unet_name", "weight_dtype"],
        ["CLIPTextEncode"] = ["text"],
        ["EmptyLatentImage"] = ["width", "height", "batch_size"],
        ["EmptySD3LatentImage"] = ["width", "height", "batch_size"],
        ["LoraLoader"] = ["lora_name", "strength_model", "strength_clip"],
        ["LoraLoaderModelOnly"] = ["lora_name", "strength_model"],
        ["VAELoader"] = ["vae_name"],
        ["CLIPSetLastLayer"] = ["stop_at_clip_layer"],
        ["RandomNoise"] = ["noise_seed", null],
        ["KSamplerSelect"] = ["sampler_name"],
        ["BasicScheduler"] = ["scheduler", "steps", "denoise"],
        ["CFGGuider"] = ["cfg"],
        ["LatentUpscaleBy"] = ["upscale_method", "scale_by"],
        ["LatentUpscale"] = ["upscale_method", "width", "height", "crop"],
        ["UpscaleModelLoader"] = ["model_name"],
        ["PrimitiveNode"] = ["value", null],
    };

    public Dictionary<string, ComfyNode> Nodes { get; } = new(StringComparer.Ordinal);

    /// <returns>null with <paramref name="error"/> when the object is not a usable API graph.</returns>
    public static ComfyGraph? FromApi(JsonElement root, out string? error)
    {
        error = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            error = "the prompt graph is not a JSON object";
            return null;
        }

        var graph = new ComfyGraph();
        foreach (var property in root.EnumerateObject())
        {
            if (graph.Nodes.Count >= MaxNodes)
            {
                error = $"the prompt graph has more than {MaxNodes} nodes; refused";
                return null;
            }

            var node = property.Value;
            if (node.Str("class_type") is not { } type)
            {
                continue;
            }

            var inputs = new Dictionary<string, ComfyInput>(StringComparer.Ordinal);
            if (node.Prop("inputs") is { ValueKind: JsonValueKind.Object } values)
            {
                foreach (var input in values.EnumerateObject())
                {
                    inputs[input.Name] = IsLink(input.Value, out var source)
                        ? new ComfyInput(source, null)
                        : new ComfyInput(null, input.Value);
                }
            }

            graph.Nodes[property.Name] = new ComfyNode(property.Name, type, inputs);
        }

        if (graph.Nodes.Count == 0)
        {
            error = "no node in the prompt graph has a class_type";
            return null;
        }

        return graph;
    }

    /// <summary>The UI graph: positional widget values mapped to names for the common core nodes; muted and bypassed nodes left out.</summary>
    public static ComfyGraph? FromWorkflow(JsonElement root, out string? error)
    {
        error = null;
        if (root.Prop("nodes") is not { ValueKind: JsonValueKind.Array } nodes)
        {
            error = "the workflow has no nodes list";
            return null;
        }

        if (nodes.GetArrayLength() > MaxNodes)
        {
            error = $"the workflow has more than {MaxNodes} nodes; refused";
            return null;
        }

        var linkSources = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.Prop("links") is { ValueKind: JsonValueKind.Array } links)
        {
            foreach (var link in links.EnumerateArray())
            {
                if (link.ValueKind == JsonValueKind.Array && link.GetArrayLength() >= 2)
                {
                    linkSources[link[0].GetRawText()] = Json.AsString(link[1]) ?? "";
                }
                else if (link.ValueKind == JsonValueKind.Object && link.Prop("id") is { } id && link.Str("origin_id") is { } origin)
                {
                    linkSources[id.GetRawText()] = origin;
                }
            }
        }

        var graph = new ComfyGraph();
        foreach (var node in nodes.EnumerateArray())
        {
            var type = node.Str("type");
            var id = node.Prop("id") is { } idValue ? Json.AsString(idValue) : null;
            if (type is null || id is null || node.Int("mode") is 2 or 4)
            {
                continue;
            }

            var inputs = new Dictionary<string, ComfyInput>(StringComparer.Ordinal);
            if (node.Prop("inputs") is { ValueKind: JsonValueKind.Array } nodeInputs)
            {
                foreach (var input in nodeInputs.EnumerateArray())
                {
                    if (input.Str("name") is { } name && input.Prop("link") is { } link && linkSources.TryGetValue(link.GetRawText(), out var source))
                    {
                        inputs[name] = new ComfyInput(source, null);
                    }
                }
            }

            if (node.Prop("widgets_values") is { ValueKind: JsonValueKind.Array } widgets && _widgetNames.TryGetValue(type, out var names))
            {
                var position = 0;
                foreach (var name in names)
                {
                    if (position >= widgets.GetArrayLength())
                    {
                        break;
                    }

                    if (name is null)
                    {
                        // control_after_generate: a string in current files, a bool in very old ones; absent in some.
                        if (widgets[position].ValueKind is JsonValueKind.String or JsonValueKind.True or JsonValueKind.False)
                        {
                            position++;
                        }

                        continue;
                    }

                    inputs.TryAdd(name, new ComfyInput(null, widgets[position++]));
                }
            }

            graph.Nodes[id] = new ComfyNode(id, type, inputs);
        }

        return graph.Nodes.Count == 0 ? null : graph;
    }

    public ComfyNode? Source(ComfyNode node, string input) =>
        node.Inputs.TryGetValue(input, out var value) && value.Link is { } link && Nodes.TryGetValue(link, out var source) ? source : null;

    private static bool IsLink(JsonElement value, out string? source)
    {
        source = null;
        if (value.ValueKind != JsonValueKind.Array || value.GetArrayLength() != 2 || value[1].ValueKind != JsonValueKind.Number)
        {
            return false;
        }

        source = Json.AsString(value[0]);
        return source is not null;
    }
}
