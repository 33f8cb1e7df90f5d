using Microsoft.ML.OnnxRuntime;

namespace DrawingFromDiffusion.Onnx.Execution;

/// <summary>
/// Creates ONNX Runtime sessions on one device, decided at the first session: CUDA when asked (or on
/// auto, when its libraries load), else CPU with one logged line. Threads are always explicit.
/// </summary>
public sealed class OnnxSessionFactory(DeviceOptions options, Action<string>? log = null)
{
    private readonly Lock _gate = new();
    private bool? _useCuda;

    public DeviceOptions Options { get; } = options;

    /// <summary>"cpu" or "cuda:N" once a session exists; null before.</summary>
    public string? ActiveDevice { get; private set; }

    /// <summary>Why CUDA is not used, when it was tried and failed.</summary>
    public string? CudaFailure { get; private set; }

    private static readonly Lazy<OrtEnv> _env = new(() =>
    {
        // ORT's own logger would print the CUDA load failure in colour on stderr; dfd reports it once itself.
        var options = new EnvironmentCreationOptions { logId = "dfd", logLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL };
        return OrtEnv.CreateInstanceWithOptions(ref options);
    });

    public static string OrtVersion => _env.Value.GetVersionString();

    public static IReadOnlyList<string> AvailableProviders => _env.Value.GetAvailableProviders();

    /// <summary>The CUDA 13 libraries the CUDA provider needs that the loader cannot find.</summary>
    public static IReadOnlyList<string> MissingCudaLibraries() =>
        new[] { "libcuda.so.1", "libcudart.so.13", "libcublasLt.so.13", "libcublas.so.13", "libcudnn.so.9", "libcurand.so.10" }
            .Where(name =>
            {
                if (System.Runtime.InteropServices.NativeLibrary.TryLoad(name, out var handle))
                {
                    System.Runtime.InteropServices.NativeLibrary.Free(handle);
                    return false;
                }

                return true;
            })
            .ToList();

    /// <summary>Graph optimisation for sessions created by <see cref="Create(string)"/>.</summary>
    public GraphOptimizationLevel DefaultOptimization { get; init; } = GraphOptimizationLevel.ORT_ENABLE_ALL;

    public InferenceSession Create(string modelPath) => Create(modelPath, DefaultOptimization);

    public InferenceSession Create(string modelPath, GraphOptimizationLevel optimization)
    {
        _ = _env.Value;
        lock (_gate)
        {
            var (wantCuda, deviceId) = Parse(Options.Device);
            if (_useCuda is null)
            {
                _useCuda = false;
                if (wantCuda)
                {
                    try
                    {
                        var session = new InferenceSession(modelPath, Build(optimization, deviceId));
                        _useCuda = true;
                        ActiveDevice = $"cuda:{deviceId}";
                        return session;
                    }
                    catch (Exception ex) when (ex is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException)
                    {
                        var missing = MissingCudaLibraries();
                        CudaFailure = missing.Count > 0 ? $"missing {string.Join(", ", missing)}" : FirstLine(ex.Message);
                        if (Options.RequireGpu || Options.Device.StartsWith("cuda", StringComparison.OrdinalIgnoreCase))
                        {
                            throw new GpuUnavailableException($"CUDA device {deviceId} is not usable: {CudaFailure}", ex);
                        }

                        log?.Invoke($"dfd: CUDA not available ({CudaFailure}); using CPU with {Options.EffectiveThreads} threads");
                    }
                }
                else if (Options.RequireGpu)
                {
                    throw new GpuUnavailableException("--require-gpu was given with --device cpu");
                }

                ActiveDevice = "cpu";
            }

            return new InferenceSession(modelPath, Build(optimization, _useCuda == true ? deviceId : null));
        }
    }

    private SessionOptions Build(GraphOptimizationLevel optimization, int? cudaDevice)
    {
        var so = new SessionOptions
        {
            GraphOptimizationLevel = optimization,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = Options.EffectiveThreads,
            InterOpNumThreads = 1,
        };
        so.AddSessionConfigEntry("session.intra_op.allow_spinning", Options.AllowSpinning ? "1" : "0");
        if (cudaDevice is { } id)
        {
            so.AppendExecutionProvider_CUDA(id);
        }

        return so;
    }

    private static (bool Cuda, int DeviceId) Parse(string device)
    {
        var d = device.Trim().ToLowerInvariant();
        if (d is "auto" or "cuda")
        {
            return (true, 0);
        }

        if (d == "cpu")
        {
            return (false, 0);
        }

        if (d.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(d[5..], out var id) && id >= 0)
        {
            return (true, id);
        }

        throw new ArgumentException($"unknown device '{device}': use auto, cpu, cuda or cuda:N");
    }

    private static string FirstLine(string message)
    {
        var line = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? message;
        return line.Length > 300 ? line[..300] + "…" : line;
    }
}
