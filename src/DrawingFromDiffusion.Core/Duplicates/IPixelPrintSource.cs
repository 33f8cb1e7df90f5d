namespace DrawingFromDiffusion.Core.Duplicates;

/// <summary>The <see cref="PixelPrint"/> of a catalogued image. Called from several threads at once.</summary>
public interface IPixelPrintSource
{
    /// <returns>null when the image has no readable thumbnail.</returns>
    PixelPrint? Get(long imageId);
}

/// <summary>No pixels at all: the visual tier falls back to hashes alone (tests and the hash benchmark).</summary>
public sealed class NoPixelPrints : IPixelPrintSource
{
    public static NoPixelPrints Instance { get; } = new();

    public PixelPrint? Get(long imageId) => null;
}
