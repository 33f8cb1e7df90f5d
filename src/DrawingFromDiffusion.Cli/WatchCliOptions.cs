using System.CommandLine;
using DrawingFromDiffusion.App.Watching;
using DrawingFromDiffusion.Core.Imaging;
using DrawingFromDiffusion.Core.Library;

namespace DrawingFromDiffusion.Cli;

/// <summary>The options of `dfd watch`, shared by `dfd serve --watch`: the scan and embedding options of `dfd index`, and the pacing.</summary>
internal sealed class WatchCliOptions
{
    public Option<string[]> Exclude { get; } = new("--exclude") { Description = "skip names or paths matching this glob (repeatable)", HelpName = "GLOB", AllowMultipleArgumentsPerToken = false };

    public Option<bool> IncludeHidden { get; } = new("--include-hidden") { Description = "also watch hidden files and folders (names starting with '.')" };

    public Option<int> SettleMs { get; } = new Option<int>("--settle-ms") { Description = "how often pending files are checked; a file is indexed once two checks in a row see it unchanged", DefaultValueFactory = _ => 400 }.Between(50, 60_000);

    public Option<double> RescanMinutes { get; } = new Option<double>("--rescan-minutes") { Description = "full incremental rescan of the folders this often, for events the system missed", DefaultValueFactory = _ => 5 }.Between(0.05);

    public EmbeddingCliOptions Embedding { get; } = new();

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Exclude, IncludeHidden, SettleMs, RescanMinutes }.Concat(Embedding.All))
        {
            command.Options.Add(option);
        }
    }

    public WatchRequest Read(ParseResult parse, IReadOnlyList<string> folders)
    {
        var scan = new ScanOptions
        {
            Roots = folders,
            ExcludeGlobs = parse.GetValue(Exclude) ?? [],
            IncludeHidden = parse.GetValue(IncludeHidden),
            Limits = new ImageLimits(MaxPixels: 100_000_000),
            Workers = Math.Max(1, Environment.ProcessorCount / 2),
            // A batch of arrivals is small: commit it at once rather than after the scan's usual delay.
            MaxBatchDelay = TimeSpan.FromMilliseconds(50),
        };
        return new WatchRequest(folders, scan, parse.GetValue(Embedding.NoEmbed) ? null : Embedding.Read(parse, scan))
        {
            SettleInterval = TimeSpan.FromMilliseconds(parse.GetValue(SettleMs)),
            RescanInterval = TimeSpan.FromMinutes(parse.GetValue(RescanMinutes)),
        };
    }
}
