using System.CommandLine;
using DrawingFromDiffusion.Onnx.Execution;

namespace DrawingFromDiffusion.Cli;

/// <summary>--device, --require-gpu, --threads: the same on every command that runs a model.</summary>
internal sealed class DeviceCliOptions
{
    public Option<string> Device { get; } = new("--device") { Description = "where models run: auto (CUDA when its libraries load, else CPU), cpu, cuda or cuda:N", DefaultValueFactory = _ => "auto", HelpName = "DEVICE" };

    public Option<bool> RequireGpu { get; } = new("--require-gpu") { Description = "fail instead of falling back to CPU when CUDA cannot be used" };

    public Option<int> Threads { get; } = new("--threads") { Description = "ONNX Runtime intra-op threads per model (default: one per core)", DefaultValueFactory = _ => 0 };

    public IEnumerable<Option> All => [Device, RequireGpu, Threads];

    public DeviceOptions Read(ParseResult parse) =>
        new(parse.GetValue(Device) ?? "auto", parse.GetValue(RequireGpu), Math.Max(0, parse.GetValue(Threads)));
}
