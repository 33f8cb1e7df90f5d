using DrawingFromDiffusion.Onnx.Execution;

namespace DrawingFromDiffusion.App.Tagging;

/// <param name="General">smallest score of a general tag.</param>
/// <param name="Character">smallest score of a character tag.</param>
/// <param name="Retag">tag again images this pack already tagged.</param>
internal sealed record TagRequest(DeviceOptions Device, float General, float Character, bool Retag);
