namespace DrawingFromDiffusion.Core.Metadata;

/// <summary>A second (upscaling) pass: A1111 hires fix, a ComfyUI second sampler, SwarmUI refiner upscale.</summary>
public sealed record HiresInfo
{
    public double? Scale { get; init; }

    public string? Upscaler { get; init; }

    public int? Steps { get; init; }

    public double? Denoise { get; init; }

    public int? Width { get; init; }

    public int? Height { get; init; }
}
