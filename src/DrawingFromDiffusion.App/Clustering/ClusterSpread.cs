namespace DrawingFromDiffusion.App.Clustering;

/// <summary>`--by`: how the images of each LoRA, checkpoint or generator spread over the clusters.</summary>
internal sealed record ClusterSpread(string By, IReadOnlyList<SpreadRow> Rows);
