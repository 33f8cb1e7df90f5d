namespace DrawingFromDiffusion.Onnx.Models;

/// <summary>A manifest for a folder and the files to copy into the pack (pack-relative path → source path).</summary>
public sealed record PackImport(string Layout, ModelManifest Manifest, IReadOnlyList<(string Relative, string Source)> Files);
