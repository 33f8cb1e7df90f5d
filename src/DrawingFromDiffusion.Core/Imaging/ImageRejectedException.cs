namespace DrawingFromDiffusion.Core.Imaging;

/// <summary>A file is not a usable image; the message is the reason stored in the errors table.</summary>
public sealed class ImageRejectedException(string reason) : Exception(reason);
