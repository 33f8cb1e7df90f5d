namespace DrawingFromDiffusion.App.Browsing;

/// <summary>What a search can answer on this catalog with this pack.</summary>
/// <param name="Vectors">the catalog holds the pack's image vectors: similar and by-image rank by them (else by perceptual hash).</param>
/// <param name="Text">the pack has a text tower: text and hybrid search run (else text searches the prompts).</param>
/// <param name="Why">one line for the user saying which of these hold and why.</param>
public sealed record SearchCapabilities(bool Vectors, bool Text, string Why);
