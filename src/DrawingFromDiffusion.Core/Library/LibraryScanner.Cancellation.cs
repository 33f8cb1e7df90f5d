using DrawingFromDiffusion.Core.Catalog;

namespace DrawingFromDiffusion.Core.Library;

/// <summary>
/// Cancellation within one file: the token reaches every read (of the file, and through the analyzer the decoder's
/// reads), and a worker stops waiting for a file's work the moment the scan is cancelled, so neither a huge image nor
/// a read stuck in the operating system (a hung network share) holds up Ctrl+C. What was committed stays committed.
/// </summary>
public partial class LibraryScanner
{
    /// <summary>Reads of a large file are split so that a cancelled token stops them between pieces.</summary>
    internal const int ReadPieceBytes = 1 << 20;

    /// <summary>
    /// The file's work as a task of its own: when the scan is cancelled the worker returns at once, and the abandoned work
    /// ends at its next read (its outcome, if any, is dropped: nothing of it reaches the catalog).
    /// </summary>
    private async Task<ScanOutcome?> LookAbandonableAsync(ScanOptions options, CatalogSnapshot snapshot, FoundFile file, CancellationToken cancellationToken)
    {
        var look = Task.Run(() => LookAsync(options, snapshot, file, cancellationToken), CancellationToken.None);
        try
        {
            return await look.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!look.IsCompleted)
        {
            _ = look.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            throw;
        }
    }

    /// <summary>Fills <paramref name="buffer"/> from <paramref name="stream"/> a piece at a time; the count read.</summary>
    /// <exception cref="EndOfStreamException">the stream ended first and <paramref name="throwOnEndOfStream"/> is set.</exception>
    internal static async Task<int> ReadInPiecesAsync(Stream stream, Memory<byte> buffer, CancellationToken cancellationToken, bool throwOnEndOfStream = true)
    {
        var filled = 0;
        while (filled < buffer.Length)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var piece = buffer.Slice(filled, Math.Min(ReadPieceBytes, buffer.Length - filled));
            var read = await stream.ReadAsync(piece, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return throwOnEndOfStream ? throw new EndOfStreamException() : filled;
            }

            filled += read;
        }

        return filled;
    }
}
