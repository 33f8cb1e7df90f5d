namespace DrawingFromDiffusion.Core.Duplicates;

/// <summary>
/// The default largest cosine distance of the semantic tier per model pack. The scale of distances depends on the
/// model, so one number cannot serve every pack; unknown packs get <see cref="Fallback"/>.
/// </summary>
public static class SemanticDefaults
{
    /// <summary>For packs without a measured value: tight, so an unknown model errs towards missing pairs.</summary>
    public const double Fallback = 0.05;

    // resnet18-imagenet: on the labelled clip-art set (tests/.../TestData/Dupes, 300 files) the first false pair
    // appears at 0.10; on a held-out set from make-dupes-fixture (seed 11, 400 files) already at 0.06. 0.05 keeps
    // precision 1.0 on both (pair recall 0.42/0.43; 0.61/0.59 once grouped). tiny-clip is a test pack only.
    private static readonly Dictionary<string, double> _byPack = new(StringComparer.OrdinalIgnoreCase)
    {
        ["resnet18-imagenet"] = 0.05,
        ["tiny-clip"] = 0.02,
    };

    public static double MaxDistanceFor(string modelId) =>
        _byPack.TryGetValue(modelId, out var value) ? value : Fallback;
}
