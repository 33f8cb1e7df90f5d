namespace DrawingFromDiffusion.App.Querying;

/// <summary>A query that cannot run as asked (no pack, no text tower, terms cancelling out); the message is for the user.</summary>
internal sealed class SearchUnavailableException(string message) : Exception(message);
