namespace DrawingFromDiffusion.Onnx.Models;

/// <summary>The CLIP BPE vocabulary as one of: OpenAI .txt.gz, HF merges.txt, or HF tokenizer.json.</summary>
public sealed record TokenizerSpec
{
    public string Kind { get; init; } = "clip-bpe";

    public string? Vocab { get; init; }

    public string? Merges { get; init; }

    public string? TokenizerJson { get; init; }

    /// <summary>"openai" (ftfy + html) or "huggingface" (tokenizer.json normaliser).</summary>
    public string Cleaning { get; init; } = "openai";
}
