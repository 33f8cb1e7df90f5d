using DrawingFromDiffusion.App.Duplicates;
using DrawingFromDiffusion.Core.Duplicates;
using DrawingFromDiffusion.Core.Embeddings;
using DrawingFromDiffusion.Core.Tagging;
using DrawingFromDiffusion.Storage;
using SkiaSharp;

namespace DrawingFromDiffusion.Cli.Tests.Web;

/// <summary>
/// A catalog shaped like clip art, for the page's own behaviour: four families of pictures (transparent line-art
/// clocks and stars, tall and wide bars), prompts only on the clocks, planted vectors per family with the clusters a
/// `dfd clusters` run would store, tags on one clock, and stored duplicate groups (one pair per two pictures, one
/// member tentative) that the server reuses as it reuses a `dfd dupes` run's.
/// </summary>
public sealed class PageCatalog : IAsyncLifetime
{
    public const string Model = "planted-test";
    public const int PerFamily = 12;
    public static readonly string[] Families = ["clock", "star", "tall", "wide"];

    public TestCatalog Catalog { get; private set; } = null!;

    public TestServer Server { get; private set; } = null!;

    public int GroupCount => Families.Length * PerFamily / 2;

    public string Folder => Catalog.ImagesFolder;

    public long IdOf(string fileName) => Catalog.IdOf(fileName);

    public async Task InitializeAsync()
    {
        Catalog = await TestCatalog.CreateEmptyAsync(CancellationToken.None);
        foreach (var family in Families)
        {
            for (var i = 1; i <= PerFamily; i++)
            {
                Draw(Path.Combine(Folder, $"{family}-{i:00}.png"), family, i);
            }
        }

        var database = Catalog.Database;
        await TestCatalog.IndexAsync(database, Folder, CancellationToken.None);
        var ids = Families.ToDictionary(f => f, f => Enumerable.Range(1, PerFamily).Select(i => IdOf($"{f}-{i:00}.png")).ToList());
        using (var connection = database.Connect())
        {
            foreach (var (id, n) in ids["clock"].Select((id, n) => (id, n)))
            {
                using var insert = connection.CreateCommand();
                insert.CommandText = "INSERT INTO generation (image_id, generator, prompt, seed) VALUES ($id, 'A1111', $prompt, $seed)";
                insert.Parameters.AddWithValue("$id", id);
                insert.Parameters.AddWithValue("$prompt", $"line art of a clock face showing {n + 1} o'clock");
                insert.Parameters.AddWithValue("$seed", 500 + n);
                insert.ExecuteNonQuery();
            }
        }

        new TagStore(database).Save("tiny-tagger", [(ids["clock"][0], [new ImageTag("clock", "general", 0.91f), new ImageTag("no_humans", "general", 0.72f), new ImageTag("general", "rating", 0.97f)])]);
        await PlantVectorsAndClustersAsync(database, ids);
        await StoreGroupsAsync(database);
        Server = await TestServer.StartAsync(database, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Catalog.Dispose();
    }

    private static async Task PlantVectorsAndClustersAsync(CatalogDatabase database, Dictionary<string, List<long>> ids)
    {
        var random = new Random(5);
        var vectors = new List<ImageEmbedding>();
        var clusters = new List<StoredCluster>();
        var members = new List<StoredClusterMember>();
        for (var f = 0; f < Families.Length; f++)
        {
            var family = ids[Families[f]];
            foreach (var id in family)
            {
                var v = new float[16];
                v[f] = 1;
                for (var j = 0; j < v.Length; j++)
                {
                    v[j] += 0.15f * (float)random.NextDouble();
                }

                VectorMath.Normalize(v);
                vectors.Add(new ImageEmbedding(id, v));
                members.Add(new StoredClusterMember(id, f + 1, 0.9f, f, f));
            }

            clusters.Add(new StoredCluster(f + 1, Model, family.Count, family[0], $"{Families[f]} · {Families[f]}-01", [Families[f]], DateTimeOffset.UtcNow));
        }

        using (var store = new SqliteEmbeddingStore(database))
        {
            await store.SaveAsync(Model, 0, vectors, VectorPrecision.Float32, CancellationToken.None);
        }

        new ClusterStore(database).Replace(clusters, members, CancellationToken.None);
    }

    /// <summary>Pairs of neighbours in each family; the second member of the first group came in by a tentative link.</summary>
    private static async Task StoreGroupsAsync(CatalogDatabase database)
    {
        var candidates = new DuplicateCandidates(database).All(CancellationToken.None).OrderBy(c => c.Path, StringComparer.Ordinal).ToList();
        var groups = new List<DuplicateGroup>();
        for (var i = 0; i + 1 < candidates.Count; i += 2)
        {
            var (keeper, other) = (candidates[i], candidates[i + 1]);
            var tentative = i == 0;
            groups.Add(new DuplicateGroup(
                groups.Count + 1,
                [
                    new DuplicateMember(keeper, true, null, null, null, null),
                    new DuplicateMember(other, false, DuplicateTier.Visual, 3, tentative ? "pHash 3, dHash 2, pixels r 0.981 (tentative)" : "pHash 1, dHash 0, pixels r 0.998", keeper.Path, tentative),
                ],
                "largest file"));
        }

        await StoredDuplicates.GetOrComputeAsync(database, StoredDuplicates.DefaultSettings, () => Task.FromResult((groups, (string?)null)));
    }

    /// <summary>Clocks and stars: black lines on a transparent canvas; tall and wide: opaque bars of 1:4 and 4:1.</summary>
    private static void Draw(string path, string family, int n)
    {
        var (width, height) = family switch { "tall" => (60, 240), "wide" => (240, 60), _ => (160, 160) };
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(family is "clock" or "star" ? SKColors.Transparent : SKColor.FromHsl(n * 29 % 360, 70, 45));
            using var pen = new SKPaint { Color = SKColors.Black, IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 4 };
            if (family == "clock")
            {
                canvas.DrawCircle(80, 80, 70, pen);
                var angle = n * Math.PI / 6;
                canvas.DrawLine(80, 80, 80 + (float)(55 * Math.Sin(angle)), 80 - (float)(55 * Math.Cos(angle)), pen);
                canvas.DrawLine(80, 80, 80, 40, pen);
            }
            else if (family == "star")
            {
                var points = 4 + n;
                var previous = (X: 80f, Y: 8f);
                for (var k = 1; k <= 2 * points; k++)
                {
                    var r = k % 2 == 0 ? 72 : 30;
                    var a = k * Math.PI / points;
                    var next = (X: 80 + (float)(r * Math.Sin(a)), Y: 80 - (float)(r * Math.Cos(a)));
                    canvas.DrawLine(previous.X, previous.Y, next.X, next.Y, pen);
                    previous = next;
                }
            }
            else
            {
                using var fill = new SKPaint { Color = SKColors.White };
                canvas.DrawCircle(width / 2f, height / 2f, Math.Min(width, height) / 3f, fill);
            }
        }

        using var image = SKImage.FromBitmap(bitmap);
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, png.ToArray());
    }
}
