namespace DrawingFromDiffusion.App.Curation;

/// <summary>What went wrong with a curation request, so each front end can answer in its own terms (exit code, HTTP status).</summary>
public enum CurationFault
{
    /// <summary>A name or value does not follow the rules.</summary>
    Invalid,

    /// <summary>An image or collection that the catalog does not hold.</summary>
    NotFound,

    /// <summary>The catalog is opened read-only.</summary>
    ReadOnly,
}

/// <summary>A curation request the catalog cannot carry out; the message is for the user.</summary>
public sealed class CurationException(CurationFault fault, string message) : Exception(message)
{
    public CurationFault Fault { get; } = fault;
}
