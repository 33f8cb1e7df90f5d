namespace DrawingFromDiffusion.App.Contracts;

/// <summary>How a text query is matched. The service says in <see cref="SearchResponse.ModeUsed"/> which one it really ran.</summary>
public enum SearchMode
{
    /// <summary>Hybrid when a vector index exists, else prompt words.</summary>
    Auto,

    /// <summary>CLIP text → image vectors.</summary>
    Text,

    /// <summary>Words of the stored prompts.</summary>
    Prompt,

    /// <summary>Text and prompt results fused by reciprocal rank.</summary>
    Hybrid,
}
