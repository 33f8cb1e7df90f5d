namespace DrawingFromDiffusion.Core.Duplicates;

/// <summary>
/// The default largest cosine distance of the semantic tier per model pack. The scale of distances depends on the
/// model, so one number cannot serve every pack; unknown packs get <see cref="Fallback"/>.
/// </summary>
public static class SemanticDefaults
{
    /// <summary>For packs without a measured value: tight, so an unknown model errs towards missing pairs.</summary>
    public const double Fallback = 0.05;

    // resnet18-imagenet: measured on openclipart images with re-encoded, resized, cropped, brightened, blurred
    // and watermarked copies (see README, "Duplicate tiers").
    private static readonly Dictionary<string, double> _byPack = new(StringComparer.OrdinalIgnoreCase)
    {
        ["resnet18-imagenet"] = 0.08,
        ["tiny-clip"] = 0.02,
    };

    public static double MaxDistanceFor(string modelId) =>
        _byPack.TryGetValue(modelId, out var value) ? value : Fallback;
}
