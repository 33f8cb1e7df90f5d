using System.Globalization;
using DrawingFromDiffusion.App.Clustering;

namespace DrawingFromDiffusion.Cli.Output;

/// <summary>Prints a cluster run as a table, JSON or CSV.</summary>
internal static class ClusterOutput
{
    public static void WriteTable(TextWriter output, ClustersRun run)
    {
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{run.K} clusters of {run.Images} images ({run.ModelId}, {run.Dimensions} dims, k {run.KChoice}, seed {run.Seed}, {run.Seconds:0.00} s)"));
        foreach (var c in run.Clusters)
        {
            output.WriteLine();
            var label = c.Words.Count + c.Styles.Count + c.PathWords.Count + c.Tags.Count > 0 ? " · " + ClusterAnalysis.Label(c) : "";
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cluster {c.Cluster}: {c.Size} images{label}"));
            output.WriteLine($"  medoid:      {c.MedoidPath ?? "–"}");
            output.WriteLine($"  words:       {Join(c.Words)}");
            output.WriteLine($"  path words:  {Join(c.PathWords)}");
            if (c.Tags.Count > 0)
            {
                output.WriteLine($"  tags:        {Join(c.Tags)}");
            }
            if (c.Styles.Count > 0)
            {
                output.WriteLine($"  style:       {Join(c.Styles)}");
            }

            output.WriteLine($"  checkpoints: {Join(c.Checkpoints.Select(Show))}");
            output.WriteLine($"  LoRAs:       {Join(c.Loras.Select(Show))}");
        }

        if (run.By is { } by)
        {
            output.WriteLine();
            output.WriteLine($"images per cluster, by {by.By}:");
            output.WriteLine($"{"",-32} {"total",6} " + string.Join(" ", run.Clusters.Select(c => $"{"c" + c.Cluster.ToString(CultureInfo.InvariantCulture),5}")));
            foreach (var row in by.Rows)
            {
                var name = row.Name.Length > 32 ? row.Name[..31] + "…" : row.Name;
                output.WriteLine($"{name,-32} {row.Images,6} " + string.Join(" ", row.PerCluster.Select(n => $"{n,5}")));
            }
        }

        if (run.Note is not null)
        {
            output.WriteLine();
            output.WriteLine($"note: {run.Note}");
        }
    }

    public static void WriteJson(TextWriter output, ClustersRun run) =>
        output.WriteLine(System.Text.Json.JsonSerializer.Serialize(run, Json.Options));

    public static void WriteCsv(TextWriter output, ClustersRun run)
    {
        output.WriteLine("cluster,size,medoid_image_id,medoid_path,words,styles,checkpoints,loras,path_words,tags");
        foreach (var c in run.Clusters)
        {
            output.WriteLine(string.Join(',',
                c.Cluster.ToString(CultureInfo.InvariantCulture),
                c.Size.ToString(CultureInfo.InvariantCulture),
                c.MedoidImageId?.ToString(CultureInfo.InvariantCulture),
                Csv.Field(c.MedoidPath),
                Csv.Field(string.Join(' ', c.Words)),
                Csv.Field(string.Join(';', c.Styles)),
                Csv.Field(string.Join(';', c.Checkpoints.Select(Show))),
                Csv.Field(string.Join(';', c.Loras.Select(Show))),
                Csv.Field(string.Join(' ', c.PathWords)),
                Csv.Field(string.Join(' ', c.Tags))));
        }
    }

    private static string Show(NameCount n) => string.Create(CultureInfo.InvariantCulture, $"{n.Name} ({n.Count})");

    private static string Join(IEnumerable<string> items)
    {
        var text = string.Join(", ", items);
        return text.Length == 0 ? "–" : text;
    }
}
