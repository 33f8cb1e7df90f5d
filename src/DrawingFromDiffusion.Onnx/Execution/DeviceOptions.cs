namespace DrawingFromDiffusion.Onnx.Execution;

/// <param name="Device">"auto" (CUDA when it loads, else CPU), "cpu", "cuda" or "cuda:N".</param>
/// <param name="RequireGpu">fail instead of falling back to CPU.</param>
/// <param name="Threads">intra-op threads per session; 0 = one per core.</param>
/// <param name="AllowSpinning">let idle ORT threads spin; off by default so decode workers get the cores.</param>
public sealed record DeviceOptions(string Device = "auto", bool RequireGpu = false, int Threads = 0, bool AllowSpinning = false)
{
    public int EffectiveThreads => Threads > 0 ? Threads : Environment.ProcessorCount;
}
