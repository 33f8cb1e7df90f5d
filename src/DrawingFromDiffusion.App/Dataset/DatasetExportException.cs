namespace DrawingFromDiffusion.App.Dataset;

/// <summary>A training-set export that cannot start (the output folder is not safe to write); the message is for the user.</summary>
public sealed class DatasetExportException(string message) : Exception(message);
