namespace DrawingFromDiffusion.App.Export;

/// <summary>The export cannot run as asked (no vectors of the model); the message is for the user.</summary>
internal sealed class ExportUnavailableException(string message) : Exception(message);
