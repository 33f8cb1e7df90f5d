namespace DrawingFromDiffusion.Core.Metadata.Parsers;

/// <summary>The prompt's extra-network tags, matched to the LoRAs its hashes listed.</summary>
public sealed partial class A1111Parser
{
    /// <summary>
    /// Extra-network tags in a prompt: <c>&lt;lora:name:weight&gt;</c>, <c>&lt;lyco:…&gt;</c>; weight 1 when omitted.
    /// A tag gives its weight to the first listed LoRA of that name still without one (from the hashes), else is added.
    /// Linear in the prompt: one pass over it, and the weightless entries looked up by name.
    /// </summary>
    /// <param name="names">compares LoRA names; ordinal unless a test counts the comparisons.</param>
    internal static void AddLoraTags(GenerationMetadata metadata, string? prompt, IEqualityComparer<string>? names = null)
    {
        if (string.IsNullOrEmpty(prompt) || !prompt.Contains('<', StringComparison.Ordinal))
        {
            return;
        }

        var weightless = new Dictionary<string, Queue<int>>(names ?? StringComparer.Ordinal);
        for (var i = 0; i < metadata.Loras.Count; i++)
        {
            if (metadata.Loras[i].Weight is null)
            {
                Enqueue(weightless, metadata.Loras[i].Name, i);
            }
        }

        foreach (var tag in LoraTags.Find(prompt))
        {
            var name = tag.Name.Trim();
            var weight = tag.Weight is null ? 1.0 : Numbers.Double(tag.Weight);
            if (weightless.TryGetValue(name, out var waiting) && waiting.TryDequeue(out var existing))
            {
                metadata.Loras[existing] = metadata.Loras[existing] with { Weight = weight };
                if (weight is null)
                {
                    waiting.Enqueue(existing);
                }
            }
            else
            {
                metadata.Loras.Add(new LoraReference(name, weight));
                if (weight is null)
                {
                    Enqueue(weightless, name, metadata.Loras.Count - 1);
                }
            }
        }
    }

    private static void Enqueue(Dictionary<string, Queue<int>> weightless, string name, int index)
    {
        if (!weightless.TryGetValue(name, out var queue))
        {
            weightless[name] = queue = new Queue<int>();
        }

        queue.Enqueue(index);
    }
}
