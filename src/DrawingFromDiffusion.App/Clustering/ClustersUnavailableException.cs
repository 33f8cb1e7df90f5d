namespace DrawingFromDiffusion.App.Clustering;

/// <summary>The catalog has no vectors to cluster (of the asked model); the message is for the user.</summary>
internal sealed class ClustersUnavailableException(string message) : Exception(message);
