namespace DrawingFromDiffusion.Core.Library;

/// <summary>A file named on the command line that cannot be used as input; the message says why, with the path.</summary>
public sealed class InputFileException : Exception
{
    public InputFileException()
    {
    }

    public InputFileException(string message)
        : base(message)
    {
    }

    public InputFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
