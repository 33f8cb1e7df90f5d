using DrawingFromDiffusion.App.Contracts;

namespace DrawingFromDiffusion.App.Browsing;

/// <summary>An uploaded query image, decoded; or why not (<paramref name="Fault"/> and a sentence for the user).</summary>
internal sealed record DecodedUpload(QueryImage? Image, UploadFault? Fault, string? Message);
