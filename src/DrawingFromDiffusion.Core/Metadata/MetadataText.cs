namespace DrawingFromDiffusion.Core.Metadata;

/// <param name="Key">PNG keyword, EXIF tag name (UserComment, ImageDescription, Make, Model, Software…) or stealth signature.</param>
/// <param name="Location">where it was found, for people: "PNG tEXt", "EXIF UserComment"…</param>
public sealed record MetadataText(string Key, string Value, string Location);
