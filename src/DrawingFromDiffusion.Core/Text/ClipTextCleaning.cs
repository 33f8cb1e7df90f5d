namespace DrawingFromDiffusion.Core.Text;

/// <summary>How text is normalised before BPE; the two conventions differ on entities, quotes, width forms and casing.</summary>
public enum ClipTextCleaning
{
    /// <summary>OpenAI / open_clip: ftfy, <c>html.unescape</c> twice, whitespace collapse, Python lower-casing.</summary>
    OpenAi,

    /// <summary>Hugging Face fast tokenizer (tokenizer.json; Xenova, Immich): NFC, whitespace collapse, per-character lower-casing.</summary>
    HuggingFace,
}
