using System.Text.Json;

namespace DrawingFromDiffusion.Core.Metadata.Parsers;

/// <summary>Prompt texts: followed from a sampler's conditioning inputs back to their encoders.</summary>
internal partial class ComfyGraphWalker
{
    /// <summary>Text reached from a conditioning input; several encoders (area composition) are joined by newlines.</summary>
    private string? Texts(ComfyNode? start, string polarity, out bool zeroOut)
    {
        zeroOut = false;
        var texts = new List<string>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<(ComfyNode Node, int Depth)>();
        if (start is not null)
        {
            stack.Push((start, 0));
        }

        while (stack.Count > 0 && Step())
        {
            var (node, depth) = stack.Pop();
            if (!visited.Add(node.Id) || depth > MaxDepth)
            {
                continue;
            }

            if (node.Class == "ConditioningZeroOut")
            {
                zeroOut = true;
                continue;
            }

            var found = false;
            foreach (var name in _textInputs.Append(polarity))
            {
                if (!node.Inputs.TryGetValue(name, out var input))
                {
                    continue;
                }

                var text = input.Value is { ValueKind: JsonValueKind.String } literal ? Json.Text(literal) : input.Link is not null ? ResolveText(graph.Source(node, name), depth) : null;
                if (text is not null)
                {
                    found = true;
                    if (!texts.Contains(text))
                    {
                        texts.Add(text);
                    }
                }
            }

            if (found)
            {
                continue;
            }

            // Pushed in reverse so the first input is walked first.
            foreach (var (name, input) in node.Inputs.Reverse())
            {
                if (input.Link is not null && (name.Contains("conditioning", StringComparison.OrdinalIgnoreCase) || name == polarity || name == "cond")
                    && graph.Nodes.TryGetValue(input.Link, out var next))
                {
                    stack.Push((next, depth + 1));
                }
            }
        }

        return texts.Count == 0 ? null : string.Join("\n", texts);
    }

    private string? ResolveText(ComfyNode? node, int depth)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal);
        while (node is not null && depth++ < MaxDepth && visited.Add(node.Id) && Step())
        {
            ComfyNode? next = null;
            foreach (var name in _scalarInputs)
            {
                if (!node.Inputs.TryGetValue(name, out var input))
                {
                    continue;
                }

                if (input.Value is { ValueKind: JsonValueKind.String } literal)
                {
                    return Json.Text(literal);
                }

                next ??= input.Link is not null ? graph.Source(node, name) : null;
            }

            node = next;
        }

        return null;
    }
}
