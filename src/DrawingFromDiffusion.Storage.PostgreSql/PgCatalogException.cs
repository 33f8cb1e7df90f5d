namespace DrawingFromDiffusion.Storage.PostgreSql;

/// <summary>The PostgreSQL catalog cannot be used; the message says why, for the user.</summary>
public sealed class PgCatalogException(string message, Exception? inner = null) : Exception(message, inner);
