using DrawingFromDiffusion.Core.Progress;
using DrawingFromDiffusion.Onnx.Execution;

namespace DrawingFromDiffusion.App.Querying;

/// <summary>Which pack answers a query, on which device.</summary>
/// <param name="Pack">the pack id (null: an installed pack with vectors in the catalog).</param>
/// <param name="Int8Text">use the pack's int8 text tower when it has one.</param>
/// <param name="Language">the NLLB language code of text queries (null: the pack's default, else eng_Latn).</param>
internal sealed record EngineOptions(string? Pack, DeviceOptions Device, bool Int8Text = false, string? Language = null)
{
    /// <summary>The vector index's build, load or catch-up when the query opens it.</summary>
    public IProgress<StageProgress>? IndexProgress { get; init; }
}
