namespace DrawingFromDiffusion.Onnx.Execution;

/// <summary>CUDA was required (--device cuda or --require-gpu) and could not be used; the message says why.</summary>
public sealed class GpuUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
