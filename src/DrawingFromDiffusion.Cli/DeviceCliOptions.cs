using System.CommandLine;
using DrawingFromDiffusion.Onnx.Execution;

namespace DrawingFromDiffusion.Cli;

/// <summary>--device, --require-gpu, --threads: the same on every command that runs a model.</summary>
internal sealed class DeviceCliOptions
{
    public Option<string> Device { get; } = new Option<string>("--device") { Description = "where models run: auto (CUDA when its libraries load, else CPU), cpu, cuda or cuda:N", DefaultValueFactory = _ => "auto", HelpName = "auto|cpu|cuda|cuda:N" }
        .Accepting(IsDevice, "auto, cpu, cuda or cuda:N");

    public Option<bool> RequireGpu { get; } = new("--require-gpu") { Description = "fail instead of falling back to CPU when CUDA cannot be used" };

    public Option<int> Threads { get; } = new Option<int>("--threads") { Description = "ONNX Runtime intra-op threads per model (0, the default: one per core)", DefaultValueFactory = _ => 0 }.Between(0, 1024);

    public IEnumerable<Option> All => [Device, RequireGpu, Threads];

    private static bool IsDevice(string text) =>
        text is "auto" or "cpu" or "cuda" || (text.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(text.AsSpan(5), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _));

    public DeviceOptions Read(ParseResult parse) =>
        new(parse.GetValue(Device) ?? "auto", parse.GetValue(RequireGpu), Math.Max(0, parse.GetValue(Threads)));
}
