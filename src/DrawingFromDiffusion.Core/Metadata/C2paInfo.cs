namespace DrawingFromDiffusion.Core.Metadata;

/// <summary>What a C2PA Content Credentials manifest says about the image's origin. It never holds a prompt.</summary>
public sealed record C2paInfo
{
    /// <summary>openai, google, adobe, microsoft, or null when the signer is not recognised.</summary>
    public string? Vendor { get; init; }

    public bool AiGenerated { get; init; }

    public string? DigitalSourceType { get; init; }

    public string? ClaimGenerator { get; init; }

    public string? SoftwareAgent { get; init; }
}
