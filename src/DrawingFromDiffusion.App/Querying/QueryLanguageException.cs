namespace DrawingFromDiffusion.App.Querying;

/// <summary>A query language the pack's text tower cannot take (a usage error): the message lists what it takes.</summary>
internal sealed class QueryLanguageException(string message) : Exception(message);
