namespace DrawingFromDiffusion.Core.Tagging;

/// <summary>A tag a tagger pack gave an image: its name, category ("rating", "general", "character") and score (0–1).</summary>
public sealed record ImageTag(string Name, string Category, float Score);
