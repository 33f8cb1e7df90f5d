using System.Text.Json;
using DrawingFromDiffusion.App.Watching;

namespace DrawingFromDiffusion.Cli.Output;

/// <summary>One line per batch: words on stderr, or JSON on stdout.</summary>
internal sealed class WatchLines(bool json, Action<WatchEvent>? then = null) : IProgress<WatchEvent>
{
    private readonly Lock _gate = new();

    public void Report(WatchEvent value)
    {
        lock (_gate)
        {
            if (json && value.Kind is WatchEventKind.Watching or WatchEventKind.Indexed)
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(Shape(value), Json.Compact));
                Console.Out.Flush();
            }
            else if (Describe(value) is { } line)
            {
                Console.Error.WriteLine($"dfd: {line}");
            }
        }

        then?.Invoke(value);
    }

    private static object Shape(WatchEvent e) => new
    {
        @event = e.Kind.ToString().ToLowerInvariant(),
        paths = e.Paths,
        rescan = e.Rescan,
        added = e.Scan?.Added,
        updated = e.Scan?.Updated,
        moved = e.Scan?.Moved,
        removed = (e.Scan?.Removed ?? 0) + e.Removed,
        failed = e.Scan?.Failed,
        embedded = e.Embedded,
        problem = e.Problem,
        elapsed_seconds = Math.Round(e.Elapsed.TotalSeconds, 3),
        catalog_version = e.CatalogVersion,
    };

    private static string? Describe(WatchEvent e) => e.Kind switch
    {
        WatchEventKind.Watching => $"watching {string.Join(", ", e.Paths)} (Ctrl+C stops)",
        WatchEventKind.Overflow => $"events were lost under {e.Paths[0]}; rescanning",
        WatchEventKind.Indexed when e.Changed || e.Scan is { Failed: > 0 } || e.Problem is not null =>
            $"{(e.Rescan ? "rescan" : $"{e.Paths.Count} path(s)")}: added {e.Scan?.Added ?? 0}, updated {e.Scan?.Updated ?? 0}, moved {e.Scan?.Moved ?? 0}, "
            + $"removed {(e.Scan?.Removed ?? 0) + e.Removed}, failed {e.Scan?.Failed ?? 0}, embedded {e.Embedded} in {e.Elapsed.TotalSeconds:0.00} s"
            + (e.Problem is null ? "" : $" (embedding: {e.Problem})"),
        _ => null,
    };
}
