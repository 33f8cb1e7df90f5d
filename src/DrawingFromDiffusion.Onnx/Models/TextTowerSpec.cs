namespace DrawingFromDiffusion.Onnx.Models;

public sealed record TextTowerSpec
{
    public required string File { get; init; }

    public required string Input { get; init; }

    /// <summary>"int64" or "int32".</summary>
    public string InputDtype { get; init; } = "int64";

    public string? Output { get; init; }

    public required TokenizerSpec Tokenizer { get; init; }

    public int ContextLength { get; init; } = 77;

    public int PadId { get; init; }

    /// <summary>The graph accepts fewer than ContextLength ids (causal attention: same output, less work).</summary>
    public bool DynamicLength { get; init; }

    /// <summary>Name of an attention-mask input, when the graph has one.</summary>
    public string? AttentionMask { get; init; }

    public int? FixedBatch { get; init; }

    /// <summary>The same tower with int8 MatMul weights (models/tools/quantize_int8.py), used only when asked for.</summary>
    public string? Int8File { get; init; }
}
