namespace DrawingFromDiffusion.Storage;

/// <summary>The catalog file cannot be used by this build of dfd; the message says what to do.</summary>
public sealed class CatalogVersionException(string message) : Exception(message);
