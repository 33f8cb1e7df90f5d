using DrawingFromDiffusion.Core.Grids;
using DrawingFromDiffusion.Onnx.Execution;

namespace DrawingFromDiffusion.App.Grids;

/// <summary>`dfd grid`: the parameter to vary, and which prompt group (words of its prompt, or one of its image ids; null: list them).</summary>
internal sealed record GridRequest(GridAxis Axis, string? PromptGroup, string? Pack, DeviceOptions Device, int Limit = 20);

/// <summary>The grids found (most images first) and, when a group was asked for, that grid with per-cell adherence.</summary>
/// <param name="Adherence">cosine of each cell's image with its own prompt through the pack's text tower; empty without one.</param>
/// <param name="AdherenceNote">why there is no adherence, for the user; null when there is.</param>
internal sealed record GridResult(
    GridAxis Axis,
    IReadOnlyList<PromptGrid> Grids,
    PromptGrid? Chosen,
    IReadOnlyDictionary<long, double> Adherence,
    string? AdherenceModel,
    string? AdherenceNote,
    IReadOnlyDictionary<long, string> Paths);
