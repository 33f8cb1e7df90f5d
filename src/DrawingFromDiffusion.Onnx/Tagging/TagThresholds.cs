namespace DrawingFromDiffusion.Onnx.Tagging;

/// <summary>The WD14 defaults: general tags at 0.35, character tags at 0.85; the best rating is always kept.</summary>
public sealed record TagThresholds(float General = 0.35f, float Character = 0.85f);
