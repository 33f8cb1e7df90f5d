namespace DrawingFromDiffusion.Cli.Clustering;

internal enum ClusterFormat
{
    Table,
    Json,
    Csv,
}
