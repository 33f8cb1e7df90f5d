#:project ../../src/DrawingFromDiffusion.Core/DrawingFromDiffusion.Core.csproj
// Times `dfd clusters`' pure part on synthetic unit vectors: auto-k (k-means fits on a 2,000-row sample scored by
// modularity on its 10-nearest-neighbour graph, silhouette beside it), spherical k-means++ on all rows, and the map
// layout (ClusterLayout: two PCAs, discs pushed apart).
//
//   dotnet run -c Release benchmarks/clustering/time-kmeans.cs -- [N ...] [--dims 512] [--k 20]
using System.Diagnostics;
using DrawingFromDiffusion.Core.Clustering;
using DrawingFromDiffusion.Core.Embeddings;

var sizes = args.TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).Select(int.Parse).DefaultIfEmpty(10_000).ToList();
var dims = Option("--dims", 512);
var k = Option("--k", 20);
Console.WriteLine($"{Environment.ProcessorCount} cores, dims {dims}, planted k {k}");
foreach (var n in sizes)
{
    var random = new Random(1);
    var centres = new float[k][];
    for (var c = 0; c < k; c++)
    {
        centres[c] = [.. Enumerable.Range(0, dims).Select(_ => (float)(random.NextDouble() - 0.5))];
        VectorMath.Normalize(centres[c]);
    }

    var data = new float[n * dims];
    for (var i = 0; i < n; i++)
    {
        var row = data.AsSpan(i * dims, dims);
        for (var j = 0; j < dims; j++)
        {
            row[j] = centres[i % k][j] + (0.04f * (float)(random.NextDouble() - 0.5));
        }

        VectorMath.Normalize(row);
    }

    var watch = Stopwatch.StartNew();
    var (chosen, _) = AutoK.Choose(data, dims, 2, 30, 42);
    var autoSeconds = watch.Elapsed.TotalSeconds;
    watch.Restart();
    var fit = SphericalKMeans.Fit(data, dims, chosen, 42);
    var fitSeconds = watch.Elapsed.TotalSeconds;
    watch.Restart();
    ClusterLayout.Place(data, dims, fit.Assignment, fit.Centroids, 42);
    var pcaSeconds = watch.Elapsed.TotalSeconds;
    Console.WriteLine($"N={n}: auto-k {autoSeconds:0.00} s (picked {chosen}), k-means {fitSeconds:0.00} s ({fit.Iterations} iterations), map {pcaSeconds:0.00} s");
}

int Option(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1]) : fallback;
}
