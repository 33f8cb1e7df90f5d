namespace DrawingFromDiffusion.App.Models;

/// <summary>A models request names a pack that is not there (or lacks what is asked); the message is for the user.</summary>
internal sealed class ModelsUnavailableException(string message) : Exception(message);
