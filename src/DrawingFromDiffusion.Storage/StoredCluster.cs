namespace DrawingFromDiffusion.Storage;

/// <summary>One cluster of the latest `dfd clusters` run, as stored.</summary>
public sealed record StoredCluster(int Cluster, string ModelId, int Size, long? MedoidImageId, string Label, IReadOnlyList<string> Terms, DateTimeOffset CreatedAt);
