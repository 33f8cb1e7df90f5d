using DrawingFromDiffusion.Core.Catalog;

namespace DrawingFromDiffusion.App.Contracts;

/// <summary>An uploaded query image, already checked and decoded once (under the pixel cap) by the endpoint; held in memory only.</summary>
/// <param name="Bytes">the original upload, for the vector search, which embeds it itself.</param>
/// <param name="Facts">size and perceptual hashes from the one decode.</param>
public sealed record QueryImage(ReadOnlyMemory<byte> Bytes, ImageFormat Format, ImageFacts Facts);
