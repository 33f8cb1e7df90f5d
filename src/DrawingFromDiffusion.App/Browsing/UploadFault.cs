namespace DrawingFromDiffusion.App.Browsing;

/// <summary>Why an uploaded query image was refused.</summary>
internal enum UploadFault
{
    /// <summary>Not an image format dfd reads.</summary>
    Unsupported,

    /// <summary>Its header or pixels cannot be read (truncated or corrupt).</summary>
    Unreadable,

    /// <summary>It declares more pixels than the cap.</summary>
    TooLarge,
}
