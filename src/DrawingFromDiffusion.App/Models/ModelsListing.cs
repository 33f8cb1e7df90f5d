using DrawingFromDiffusion.Onnx.Models;

namespace DrawingFromDiffusion.App.Models;

/// <param name="Root">where installed packs live.</param>
/// <param name="DefaultPack">the pack `dfd index` uses when no model is given.</param>
/// <param name="Installed">installed and bundled packs; a broken one has no pack and a problem.</param>
/// <param name="Catalog">the packs `pull` can fetch.</param>
internal sealed record ModelsListing(
    string Root,
    string? DefaultPack,
    IReadOnlyList<(ModelPack? Pack, string Directory, bool Bundled, string? Problem)> Installed,
    IReadOnlyList<CatalogPack> Catalog);
