namespace DrawingFromDiffusion.Storage;

/// <summary>The prompt words are not a valid full-text query; the message says how to write one.</summary>
public sealed class PromptQueryException(string message, Exception inner) : Exception(message, inner);
