namespace DrawingFromDiffusion.Core.Grids;

/// <summary>The generation parameter a comparison grid varies along its columns.</summary>
public enum GridAxis
{
    Lora,
    Checkpoint,
    Seed,
    Cfg,
}
