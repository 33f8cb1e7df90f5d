namespace DrawingFromDiffusion.App.Duplicates;

/// <summary>The only tier asked for cannot run on this catalog; the message is for the user.</summary>
internal sealed class TierUnavailableException(string message) : Exception(message);
