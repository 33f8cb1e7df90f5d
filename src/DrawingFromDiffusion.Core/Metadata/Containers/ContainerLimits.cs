namespace DrawingFromDiffusion.Core.Metadata.Containers;

/// <summary>Caps that keep hostile files cheap: metadata comes from untrusted sources.</summary>
internal sealed record ContainerLimits
{
    public static ContainerLimits Default { get; } = new();

    /// <summary>ComfyUI workflows of several MiB are normal; anything past this is cut and reported truncated.</summary>
    public int MaxInflatedBytes { get; init; } = 8 * 1024 * 1024;

    public int MaxTextChars { get; init; } = 8 * 1024 * 1024;

    public long MaxTotalChars { get; init; } = 32L * 1024 * 1024;
}
