namespace DrawingFromDiffusion.Onnx.Models;

/// <summary>A pack is missing, malformed, or does not match its model.json; the message says which file or tensor.</summary>
public sealed class ModelPackException(string message, Exception? inner = null) : Exception(message, inner);
