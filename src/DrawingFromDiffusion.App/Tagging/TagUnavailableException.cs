namespace DrawingFromDiffusion.App.Tagging;

/// <summary>No tagger pack to use (none installed, several, or the asked one is not a tagger); the message is for the user.</summary>
internal sealed class TagUnavailableException(string message) : Exception(message);
