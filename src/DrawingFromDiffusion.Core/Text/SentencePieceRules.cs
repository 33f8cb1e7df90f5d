namespace DrawingFromDiffusion.Core.Text;

/// <summary>
/// What a family's tokenizer does around SentencePiece (models/README.md, "Model families"): cleaning, BOS/EOS,
/// the fairseq id shift of XLM-RoBERTa and NLLB, and NLLB's language code before the text.
/// </summary>
public sealed record SentencePieceRules
{
    /// <summary>"none", or "canonicalize" (open_clip: drop ASCII punctuation, '_' to space, lower-case, collapse spaces).</summary>
    public string Clean { get; init; } = "none";

    public bool AddBos { get; init; }

    public bool AddEos { get; init; } = true;

    /// <summary>"none", or "fairseq" (&lt;s&gt;=0 &lt;pad&gt;=1 &lt;/s&gt;=2 &lt;unk&gt;=3, pieces shifted by one; for a .model file only).</summary>
    public string IdOffset { get; init; } = "none";

    /// <summary>Language codes in id order after the pieces (NLLB); empty when the family has none.</summary>
    public IReadOnlyList<string> Languages { get; init; } = [];

    /// <summary>The language code put before the text when none is asked for.</summary>
    public string? Language { get; init; }
}
