namespace DrawingFromDiffusion.App.Clustering;

/// <param name="K">null for auto.</param>
internal sealed record ClusterSettings(string DbPath, int? K, string? ModelId, string? By, ClusterFormat Format, string? OutDir, int Seed);
