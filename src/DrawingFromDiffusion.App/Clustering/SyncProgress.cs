namespace DrawingFromDiffusion.App.Clustering;

/// <summary>Reports on the calling thread, so progress lines come out in order with the command's own output.</summary>
internal sealed class SyncProgress(Action<string> report) : IProgress<string>
{
    public void Report(string value) => report(value);
}
