namespace DrawingFromDiffusion.Storage;

/// <summary>Another process holds the catalog's writer lock and the caller chose not to wait.</summary>
public sealed class CatalogInUseException(string message) : Exception(message);
