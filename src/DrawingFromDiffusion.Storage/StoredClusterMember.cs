namespace DrawingFromDiffusion.Storage;

/// <summary>One image's place in the latest cluster run.</summary>
public sealed record StoredClusterMember(long ImageId, int Cluster, float Similarity, float MapX, float MapY);
