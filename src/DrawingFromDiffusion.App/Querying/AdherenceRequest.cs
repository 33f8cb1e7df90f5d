using DrawingFromDiffusion.Onnx.Execution;

namespace DrawingFromDiffusion.App.Querying;

/// <param name="Pack">the CLIP pack (null: an installed CLIP pack with vectors in the catalog).</param>
/// <param name="Below">list only images scoring below this cosine.</param>
/// <param name="Limit">list at most this many, lowest first (at least 1).</param>
internal sealed record AdherenceRequest(string? Pack, DeviceOptions Device, double? Below, int Limit);
