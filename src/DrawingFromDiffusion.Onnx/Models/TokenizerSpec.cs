namespace DrawingFromDiffusion.Onnx.Models;

/// <summary>
/// The pack's tokenizer. "clip-bpe": the CLIP BPE vocabulary as the OpenAI .txt.gz, an HF merges.txt or tokenizer.json.
/// "sentencepiece": a SentencePiece .model (<see cref="Model"/>) or a tokenizer.json (Unigram, or Gemma-style BPE with byte fallback), with the family's rules.
/// </summary>
public sealed record TokenizerSpec
{
    public string Kind { get; init; } = "clip-bpe";

    public string? Vocab { get; init; }

    public string? Merges { get; init; }

    public string? TokenizerJson { get; init; }

    /// <summary>"openai" (ftfy + html) or "huggingface" (tokenizer.json normaliser); CLIP BPE only.</summary>
    public string Cleaning { get; init; } = "openai";

    /// <summary>A SentencePiece model file (sentencepiece only).</summary>
    public string? Model { get; init; }

    /// <summary>"siglip", "siglip2", "xlm-roberta" or "nllb" (sentencepiece only; models/README.md, "Model families").</summary>
    public string? Family { get; init; }

    /// <summary>"none" or "canonicalize" (open_clip's canonicalize_text, SigLIP and SigLIP 2).</summary>
    public string Clean { get; init; } = "none";

    public bool AddBos { get; init; }

    public bool AddEos { get; init; } = true;

    /// <summary>"none" or "fairseq" (XLM-RoBERTa and NLLB .model files: ids shifted past &lt;s&gt; &lt;pad&gt; &lt;/s&gt; &lt;unk&gt;).</summary>
    public string IdOffset { get; init; } = "none";

    /// <summary>NLLB: the language codes, in id order after the pieces.</summary>
    public List<string>? Languages { get; init; }

    /// <summary>NLLB: the language code put before a query when none is asked for.</summary>
    public string? Language { get; init; }
}
