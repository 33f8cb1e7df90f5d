using System.CommandLine;
using DrawingFromDiffusion.App.Indexing;
using DrawingFromDiffusion.Core.Embeddings;
using DrawingFromDiffusion.Core.Library;

namespace DrawingFromDiffusion.Cli;

/// <summary>The embedding options of `dfd index`.</summary>
internal sealed class EmbeddingCliOptions
{
    public Option<string?> Model { get; } = new("--model") { Description = "pack to embed with (default: an installed CLIP pack, else the bundled offline image pack resnet18-imagenet)", HelpName = "ID" };

    public Option<bool> NoEmbed { get; } = new("--no-embed") { Description = "catalog only; compute no vectors" };

    public Option<int> BatchSize { get; } = new Option<int>("--batch-size") { Description = "images per model call (towers exported with a fixed batch use theirs)", DefaultValueFactory = _ => 8 }.Between(1, 1024);

    public Option<string> Precision { get; } = new Option<string>("--precision") { Description = "stored vector precision: f16 or f32", DefaultValueFactory = _ => "f16", HelpName = "f16|f32" }
        .Accepting(p => p is "f16" or "f32", "f16 or f32");

    public DeviceCliOptions Device { get; } = new();

    public EmbeddingRequest Read(ParseResult parse, ScanOptions scan) => new(
        parse.GetValue(Model),
        Device.Read(parse),
        parse.GetValue(BatchSize),
        parse.GetValue(Precision) == "f32" ? VectorPrecision.Float32 : VectorPrecision.Float16,
        scan.Workers,
        scan.Limits.MaxPixels,
        scan.RetryErrors);

    public IEnumerable<Option> All => new Option[] { Model, NoEmbed, BatchSize, Precision }.Concat(Device.All);
}
