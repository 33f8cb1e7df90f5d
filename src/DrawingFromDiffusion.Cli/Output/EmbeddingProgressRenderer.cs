using System.Globalization;
using DrawingFromDiffusion.Core.Embeddings;

namespace DrawingFromDiffusion.Cli.Output;

/// <summary>
/// Embedding progress on stderr: one redrawn line on a terminal; otherwise (a log, nohup, CI) a plain line every
/// few seconds with the rate and time left, so a long run is never silent.
/// </summary>
internal sealed class EmbeddingProgressRenderer(TextWriter error, bool terminal) : IProgress<EmbeddingProgress>
{
    private static readonly TimeSpan _plainInterval = TimeSpan.FromSeconds(5);
    private readonly object _gate = new();
    private TimeSpan _lastPlain = TimeSpan.Zero;
    private bool _drewLine;

    public EmbeddingProgressRenderer()
        : this(Console.Error, !Console.IsErrorRedirected)
    {
    }

    public void Report(EmbeddingProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (_gate)
        {
            if (terminal)
            {
                error.Write("\r\u001b[K" + Describe(value));
                _drewLine = true;
            }
            else if (value.Elapsed - _lastPlain >= _plainInterval)
            {
                _lastPlain = value.Elapsed;
                error.WriteLine("dfd: " + Describe(value));
            }
        }
    }

    /// <summary>Ends the redrawn line so later output starts on a fresh line.</summary>
    public void Finish()
    {
        lock (_gate)
        {
            if (_drewLine)
            {
                error.WriteLine();
                _drewLine = false;
            }
        }
    }

    internal static string Describe(EmbeddingProgress p)
    {
        var rate = p.Elapsed.TotalSeconds > 0 ? p.Embedded / p.Elapsed.TotalSeconds : 0;
        var left = p.Total - p.Embedded - p.Failed;
        var eta = left <= 0 ? "0:00" : rate > 0 ? ScanProgressRenderer.FormatDuration(TimeSpan.FromSeconds(left / rate)) : "…";
        return string.Create(CultureInfo.InvariantCulture, $"embedding {p.Embedded}/{p.Total} images  {rate:0.0} images/s  ETA {eta}  failed {p.Failed}");
    }
}
