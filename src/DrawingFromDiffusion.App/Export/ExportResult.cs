namespace DrawingFromDiffusion.App.Export;

/// <param name="VectorModel">whose vectors the items carry; null without --with-vectors.</param>
/// <param name="Items">one per catalogued file, read as they are enumerated.</param>
internal sealed record ExportResult(string? VectorModel, IEnumerable<ExportItem> Items);
