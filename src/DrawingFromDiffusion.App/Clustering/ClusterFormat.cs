namespace DrawingFromDiffusion.App.Clustering;

internal enum ClusterFormat
{
    Table,
    Json,
    Csv,
}
