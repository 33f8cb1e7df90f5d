namespace DrawingFromDiffusion.App.Contracts;

/// <summary>Where the duplicate groups stand, so the page can say what a first, long computation is doing.</summary>
/// <param name="Ready">groups for the catalog as it is now are at hand: asking for them answers at once.</param>
/// <param name="Running">a computation is under way.</param>
/// <param name="PixelChecks">pairs the visual tier has compared so far.</param>
/// <param name="PixelChecksTotal">pairs it will compare (0 until the nominations are known).</param>
/// <param name="Seconds">how long the computation has run.</param>
public sealed record DuplicatesProgress(bool Ready, bool Running, long PixelChecks, long PixelChecksTotal, double Seconds);
