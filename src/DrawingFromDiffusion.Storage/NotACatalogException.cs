namespace DrawingFromDiffusion.Storage;

/// <summary>The file is an SQLite database of some other program: dfd refuses it and leaves it untouched.</summary>
public sealed class NotACatalogException(string message) : Exception(message);
