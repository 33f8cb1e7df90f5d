using System.Text.Json;

namespace DrawingFromDiffusion.Core.Metadata.Parsers;

/// <summary>
/// Reads generation values out of a ComfyUI graph: from the sampler that made the saved image back through links
/// to text encoders, loaders and latents. Every walk has a visited set and a depth limit, and the whole parse a
/// step budget, so link cycles and absurdly deep graphs end quickly.
/// </summary>
internal sealed partial class ComfyGraphWalker(ComfyGraph graph)
{
    private const int MaxDepth = 64;
    private const int MaxSteps = 200_000;

    private static readonly string[] _textInputs = ["text", "text_g", "text_l", "clip_l", "t5xxl", "prompt", "Text", "text_positive", "populated_text", "text_0"];
    private static readonly string[] _scalarInputs = ["value", "seed", "noise_seed", "int", "float", "number", "string", "text", "Text", "text_0"];
    private static readonly string[] _modelNames = ["ckpt_name", "unet_name", "model_name", "gguf_name", "base_ckpt_name"];
    private static readonly string[] _latentLinks = ["latent_image", "samples", "latent", "pixels", "image", "images", "LATENT"];

    private int _steps;

    public bool BudgetExceeded { get; private set; }

    public void Fill(GenerationMetadata metadata)
    {
        var samplers = graph.Nodes.Values.Where(IsSampler).ToList();
        if (samplers.Count == 0)
        {
            metadata.Warnings.Add("no sampler node in the ComfyUI graph");
            FillGlobals(metadata);
            return;
        }

        var upstream = samplers.ToDictionary(s => s.Id, s => FindLatentSource(s).Upstream, StringComparer.Ordinal);
        var feedsAnother = upstream.Values.OfType<ComfyNode>().Select(u => u.Id).ToHashSet(StringComparer.Ordinal);
        var final = FinalSampler() ?? samplers.FirstOrDefault(s => !feedsAnother.Contains(s.Id)) ?? samplers[^1];
        var chain = new List<ComfyNode> { final };
        while (upstream.TryGetValue(chain[^1].Id, out var before) && before is not null && chain.Count < MaxDepth && chain.All(n => n.Id != before.Id))
        {
            chain.Add(before);
        }

        chain.Reverse();
        var primary = chain[0];
        FillSampler(metadata, primary);
        if (chain.Count > 1)
        {
            metadata.Hires = Hires(chain[1]);
        }

        if (samplers.Count > 1)
        {
            metadata.Extra["comfy_sampler_count"] = samplers.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        FillGlobals(metadata);
        if (BudgetExceeded)
        {
            metadata.Warnings.Add("ComfyUI graph walk stopped at its step budget; values may be incomplete");
        }
    }

    private static bool IsSampler(ComfyNode node) =>
        node.Class.Contains("Sampler", StringComparison.OrdinalIgnoreCase)
        && (node.Inputs.ContainsKey("positive") || node.Inputs.ContainsKey("guider"));

    private void FillSampler(GenerationMetadata metadata, ComfyNode sampler)
    {
        var guider = graph.Source(sampler, "guider");
        var noise = graph.Source(sampler, "noise");
        var sigmas = graph.Source(sampler, "sigmas");
        var samplerSelect = graph.Source(sampler, "sampler");

        metadata.Seed = Json.AsSeed(Scalar(sampler, "seed") ?? Scalar(sampler, "noise_seed") ?? (noise is null ? null : Scalar(noise, "noise_seed") ?? Scalar(noise, "seed")));
        metadata.Steps = Json.AsInt(Scalar(sampler, "steps") ?? (sigmas is null ? null : Scalar(sigmas, "steps")));
        metadata.CfgScale = Json.AsDouble(Scalar(sampler, "cfg") ?? (guider is null ? null : Scalar(guider, "cfg")));
        metadata.Sampler = Json.AsString(Scalar(sampler, "sampler_name") ?? (samplerSelect is null ? null : Scalar(samplerSelect, "sampler_name")));
        metadata.Scheduler = Json.AsString(Scalar(sampler, "scheduler") ?? (sigmas is null ? null : Scalar(sigmas, "scheduler")));
        metadata.Denoise = Json.AsDouble(Scalar(sampler, "denoise") ?? (sigmas is null ? null : Scalar(sigmas, "denoise")));

        var conditioning = guider ?? sampler;
        var positive = graph.Source(conditioning, "positive") ?? graph.Source(conditioning, "conditioning");
        var negative = graph.Source(conditioning, "negative");
        metadata.Prompt = Texts(positive, "positive", out _);
        if (negative is not null)
        {
            metadata.NegativePrompt = Texts(negative, "negative", out var zeroOut) ?? (zeroOut ? "" : null);
        }

        var modelStart = graph.Source(sampler, "model") ?? (guider is null ? null : graph.Source(guider, "model")) ?? (sigmas is null ? null : graph.Source(sigmas, "model"));
        WalkModel(metadata, modelStart);

        var (_, sizeNode) = FindLatentSource(sampler);
        if (sizeNode is not null)
        {
            metadata.Width = Json.AsInt(Scalar(sizeNode, "width"));
            metadata.Height = Json.AsInt(Scalar(sizeNode, "height"));
            if (metadata.Width is null && (Json.AsString(Scalar(sizeNode, "dimensions")) ?? Json.AsString(Scalar(sizeNode, "resolution"))) is { } dimensions
                && Numbers.Size(dimensions) is { } size)
            {
                (metadata.Width, metadata.Height) = size;
            }
        }
    }

    private void FillGlobals(GenerationMetadata metadata)
    {
        foreach (var node in graph.Nodes.Values)
        {
            if (node.Class == "CLIPSetLastLayer" && Json.AsInt(node.Literal("stop_at_clip_layer")) is { } layer)
            {
                metadata.ClipSkip ??= Math.Abs(layer);
            }
            else if (node.Class == "VAELoader" && Json.AsString(node.Literal("vae_name")) is { } vae)
            {
                metadata.Vae ??= vae;
            }
            else if (metadata.Model is null && _modelNames.Any(n => Json.AsString(node.Literal(n)) is not null) && !node.Inputs.ContainsKey("lora_name"))
            {
                metadata.Model = _modelNames.Select(n => Json.AsString(node.Literal(n))).First(n => n is not null);
            }
        }
    }

    private HiresInfo Hires(ComfyNode second)
    {
        double? scale = null;
        string? upscaler = null;
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var node = Next(second, visited);
        for (var depth = 0; node is not null && depth < MaxDepth && !IsSampler(node) && Step(); depth++)
        {
            scale ??= Json.AsDouble(node.Literal("scale_by"));
            upscaler ??= Json.AsString(node.Literal("upscale_method"));
            if (graph.Source(node, "upscale_model") is { } loader)
            {
                upscaler = Json.AsString(loader.Literal("model_name")) ?? upscaler;
            }

            node = Next(node, visited);
        }

        return new HiresInfo
        {
            Scale = scale,
            Upscaler = upscaler,
            Steps = Json.AsInt(Scalar(second, "steps")),
            Denoise = Json.AsDouble(Scalar(second, "denoise")),
        };

        ComfyNode? Next(ComfyNode from, HashSet<string> seen)
        {
            foreach (var name in _latentLinks)
            {
                if (graph.Source(from, name) is { } next && seen.Add(next.Id))
                {
                    return next;
                }
            }

            return null;
        }
    }

    /// <summary>Follows the latent input back to the node that fixes the size (an empty latent), or to an earlier sampler.</summary>
    private (ComfyNode? Upstream, ComfyNode? SizeNode) FindLatentSource(ComfyNode sampler)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal) { sampler.Id };
        var frontier = new Queue<(ComfyNode Node, int Depth)>();
        Enqueue(sampler, 0);
        ComfyNode? sizeNode = null;
        while (frontier.Count > 0 && Step())
        {
            var (node, depth) = frontier.Dequeue();
            if (IsSampler(node))
            {
                return (node, sizeNode);
            }

            if (sizeNode is null && (node.Inputs.ContainsKey("width") && node.Inputs.ContainsKey("height") || node.Inputs.ContainsKey("dimensions")))
            {
                sizeNode = node;
            }

            Enqueue(node, depth);
        }

        return (null, sizeNode);

        void Enqueue(ComfyNode from, int depth)
        {
            if (depth >= MaxDepth)
            {
                return;
            }

            foreach (var name in _latentLinks)
            {
                if (graph.Source(from, name) is { } next && visited.Add(next.Id))
                {
                    frontier.Enqueue((next, depth + 1));
                }
            }
        }
    }

    /// <summary>The sampler whose output reaches a save/preview node, walking back from that node's images.</summary>
    private ComfyNode? FinalSampler()
    {
        foreach (var save in graph.Nodes.Values.Where(n => n.Class.Contains("Save", StringComparison.OrdinalIgnoreCase) && n.Inputs.ContainsKey("images")))
        {
            var visited = new HashSet<string>(StringComparer.Ordinal);
            var frontier = new Queue<ComfyNode>();
            frontier.Enqueue(save);
            while (frontier.Count > 0 && Step())
            {
                var node = frontier.Dequeue();
                if (!visited.Add(node.Id) || visited.Count > MaxDepth * 4)
                {
                    continue;
                }

                if (IsSampler(node))
                {
                    return node;
                }

                foreach (var name in _latentLinks)
                {
                    if (graph.Source(node, name) is { } next)
                    {
                        frontier.Enqueue(next);
                    }
                }
            }
        }

        return null;
    }

    private void WalkModel(GenerationMetadata metadata, ComfyNode? node)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var loras = new List<LoraReference>();
        for (var depth = 0; node is not null && depth < MaxDepth && visited.Add(node.Id) && Step(); depth++)
        {
            if (Json.AsString(node.Literal("lora_name")) is { } lora)
            {
                loras.Add(new LoraReference(lora, Json.AsDouble(node.Literal("strength_model")) ?? Json.AsDouble(node.Literal("strength")), null));
            }

            foreach (var (_, input) in node.Inputs)
            {
                // rgthree Power Lora Loader and similar stacks: {"on": true, "lora": "x.safetensors", "strength": 0.8}
                if (input.Value is { ValueKind: JsonValueKind.Object } stacked && stacked.Str("lora") is { } stackedName && stacked.Prop("on") is not { ValueKind: JsonValueKind.False })
                {
                    loras.Add(new LoraReference(stackedName, stacked.Dbl("strength"), null));
                }
            }

            var name = _modelNames.Select(n => Json.AsString(node.Literal(n))).FirstOrDefault(n => n is not null)
                ?? (node.Class.Contains("Loader", StringComparison.Ordinal) ? Json.AsString(node.Literal("model")) : null);
            if (name is not null && !node.Inputs.ContainsKey("lora_name"))
            {
                metadata.Model = name;
                break;
            }

            node = graph.Source(node, "model") ?? graph.Source(node, "unet") ?? graph.Source(node, "MODEL");
        }

        // Walked from the sampler back to the loader: the chain is applied in the reverse order.
        loras.Reverse();
        metadata.Loras.AddRange(loras);
    }

    /// <summary>A literal input, or the literal a linked primitive/seed node holds.</summary>
    private JsonElement? Scalar(ComfyNode node, string name)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var current = node;
        var key = name;
        for (var depth = 0; depth < 16 && visited.Add(current.Id) && Step(); depth++)
        {
            if (!current.Inputs.TryGetValue(key, out var input))
            {
                var alternative = _scalarInputs.FirstOrDefault(current.Inputs.ContainsKey);
                if (alternative is null || current == node)
                {
                    return null;
                }

                input = current.Inputs[alternative];
            }

            if (input.Value is { } literal)
            {
                return literal;
            }

            if (input.Link is null || !graph.Nodes.TryGetValue(input.Link, out var source))
            {
                return null;
            }

            current = source;
        }

        return null;
    }

    private bool Step()
    {
        if (++_steps <= MaxSteps)
        {
            return true;
        }

        BudgetExceeded = true;
        return false;
    }
}
