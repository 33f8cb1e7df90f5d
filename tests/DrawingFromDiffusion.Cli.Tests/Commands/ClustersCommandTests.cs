using System.Text.Json;
using DrawingFromDiffusion.App.Clustering;
using DrawingFromDiffusion.Cli.Commands;
using DrawingFromDiffusion.App.Browsing;
using DrawingFromDiffusion.Web;
using DrawingFromDiffusion.Core.Embeddings;
using DrawingFromDiffusion.Core.Library;
using DrawingFromDiffusion.Onnx.Imaging;
using DrawingFromDiffusion.Storage;
using SkiaSharp;

namespace DrawingFromDiffusion.Cli.Tests.Commands;

/// <summary>
/// `dfd clusters` end to end on a real catalog: scanned pictures, planted vectors in three tight groups (stored as a
/// model would store them), prompts and LoRAs that tell the groups apart.
/// </summary>
public sealed class ClustersCommandTests : IAsyncLifetime
{
    private const string Model = "planted-test";
    private const int PerGroup = 5;
    private static readonly string[] _prompts = ["watercolor portrait of a woman", "neon cyberpunk city street", "pixel art dragon sprite"];
    private readonly string _root = Path.Combine(Path.GetTempPath(), "dfd-clusters-" + Guid.NewGuid().ToString("N"));
    private string DbPath => Path.Combine(_root, "catalog.db");

    public async Task InitializeAsync()
    {
        var library = Path.Combine(_root, "library");
        Directory.CreateDirectory(library);
        for (var i = 0; i < 3 * PerGroup; i++)
        {
            using var bitmap = new SKBitmap(new SKImageInfo(64, 48, SKColorType.Rgba8888, SKAlphaType.Opaque));
            using (var canvas = new SKCanvas(bitmap))
            {
                canvas.Clear(SKColor.FromHsl(i * 24 % 360, 80, 50));
                using var paint = new SKPaint { Color = SKColors.Black };
                canvas.DrawCircle(i * 4 % 64, 24, 6 + i, paint);
            }

            using var image = SKImage.FromBitmap(bitmap);
            using var png = image.Encode(SKEncodedImageFormat.Png, 100);
            await File.WriteAllBytesAsync(Path.Combine(library, $"img{i:00}.png"), png.ToArray());
        }

        var database = CatalogDatabase.Open(DbPath);
        using (var catalog = new SqliteImageCatalog(database))
        {
            await new LibraryScanner(catalog, new SkiaImageAnalyzer()).ScanAsync(new ScanOptions { Roots = [library] }, null, CancellationToken.None);
        }

        var ids = new List<long>();
        using (var connection = database.Connect())
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT i.id FROM images i JOIN files f ON f.image_id = i.id ORDER BY f.path";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                ids.Add(reader.GetInt64(0));
            }
        }

        var random = new Random(3);
        var vectors = new List<ImageEmbedding>();
        using (var connection = database.Connect())
        {
            for (var i = 0; i < ids.Count; i++)
            {
                var group = i % 3;
                var v = new float[8];
                v[group] = 1;
                for (var j = 0; j < v.Length; j++)
                {
                    v[j] += 0.05f * (float)random.NextDouble();
                }

                VectorMath.Normalize(v);
                vectors.Add(new ImageEmbedding(ids[i], v));
                using var command = connection.CreateCommand();
                command.CommandText = """
                    INSERT INTO generation (image_id, generator, prompt, model, seed, steps) VALUES ($id, 'a1111', $p, $m, $seed, 20);
                    INSERT INTO loras (image_id, name, weight) VALUES ($id, $lora, 0.8);
                    """;
                command.Parameters.AddWithValue("$id", ids[i]);
                command.Parameters.AddWithValue("$p", $"masterpiece, {_prompts[group]}, variant {i}");
                command.Parameters.AddWithValue("$m", group == 1 ? "cyberMix" : "sdxl-base");
                command.Parameters.AddWithValue("$seed", 1000 + (i * 10));
                command.Parameters.AddWithValue("$lora", group == 2 ? "pixel-lora" : "detail-lora");
                command.ExecuteNonQuery();
            }
        }

        using var store = new SqliteEmbeddingStore(database);
        await store.SaveAsync(Model, 0, vectors, VectorPrecision.Float32, CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task RunAsync_PlantedGroups_ThreeClustersLabelledByTheirPrompts()
    {
        var (code, stdout, _) = await Run(new ClusterSettings(DbPath, 3, null, "lora", ClusterFormat.Json, null, 42));

        Assert.Equal(ExitCodes.Ok, code);
        using var json = JsonDocument.Parse(stdout);
        var clusters = json.RootElement.GetProperty("clusters").EnumerateArray().ToList();
        Assert.Equal(Model, json.RootElement.GetProperty("model_id").GetString());
        Assert.Equal(3, clusters.Count);
        Assert.All(clusters, c => Assert.Equal(PerGroup, c.GetProperty("size").GetInt32()));
        var words = clusters.Select(c => c.GetProperty("words").EnumerateArray().Select(w => w.GetString()).ToList()).ToList();
        Assert.Contains(words, w => w.Contains("watercolor") && w.Contains("portrait"));
        Assert.Contains(words, w => w.Contains("cyberpunk") && w.Contains("neon"));
        Assert.All(words, w => Assert.DoesNotContain("masterpiece", w));
        var pixel = clusters.Single(c => c.GetProperty("words").EnumerateArray().Any(w => w.GetString() == "pixel"));
        Assert.Equal("pixel-lora", pixel.GetProperty("loras")[0].GetProperty("name").GetString());
        var spread = json.RootElement.GetProperty("by").GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!);
        // Each LoRA's images fall in whole clusters: pixel-lora in one, detail-lora in the other two.
        Assert.Equal(1, spread["pixel-lora"].GetProperty("per_cluster").EnumerateArray().Count(n => n.GetInt32() > 0));
        Assert.Equal(2, spread["detail-lora"].GetProperty("per_cluster").EnumerateArray().Count(n => n.GetInt32() > 0));
    }

    [Fact]
    public async Task RunAsync_StoresAssignment_ReadableFromClusterStore()
    {
        await Run(new ClusterSettings(DbPath, 3, Model, null, ClusterFormat.Table, null, 42));

        var store = new ClusterStore(CatalogDatabase.Open(DbPath));
        var clusters = store.Clusters();
        var members = store.Members();
        Assert.Equal([1, 2, 3], clusters.Select(c => c.Cluster));
        Assert.Equal(3 * PerGroup, members.Count);
        Assert.All(clusters, c => Assert.Contains(members, m => m.ImageId == c.MedoidImageId && m.Cluster == c.Cluster));
    }

    [Fact]
    public async Task RunAsync_SameSeedTwice_SameAssignment()
    {
        await Run(new ClusterSettings(DbPath, 3, Model, null, ClusterFormat.Table, null, 7));
        var first = new ClusterStore(CatalogDatabase.Open(DbPath)).Members().ToDictionary(m => m.ImageId, m => m.Cluster);
        await Run(new ClusterSettings(DbPath, 3, Model, null, ClusterFormat.Table, null, 7));
        var second = new ClusterStore(CatalogDatabase.Open(DbPath)).Members().ToDictionary(m => m.ImageId, m => m.Cluster);

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task RunAsync_AutoK_KeepsThePlantedThreeApart()
    {
        var (code, stdout, _) = await Run(new ClusterSettings(DbPath, null, Model, null, ClusterFormat.Json, null, 42));

        Assert.Equal(ExitCodes.Ok, code);
        using var json = JsonDocument.Parse(stdout);
        // Auto-k takes the largest k near the best modularity: it may split a planted group (on 15 points the
        // 10-neighbour graph is flat), but never merges two.
        Assert.InRange(json.RootElement.GetProperty("k").GetInt32(), 3, 5);
        Assert.StartsWith("auto", json.RootElement.GetProperty("k_choice").GetString(), StringComparison.Ordinal);
        using var connection = CatalogDatabase.Open(DbPath).Connect();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT m.cluster, count(DISTINCT substr(g.prompt, 1, 30)) FROM cluster_members m
            JOIN generation g ON g.image_id = m.image_id GROUP BY m.cluster
            """;
        using var reader = command.ExecuteReader();
        var clusters = 0;
        while (reader.Read())
        {
            clusters++;
            Assert.Equal(1, reader.GetInt64(1));
        }

        Assert.Equal(json.RootElement.GetProperty("k").GetInt32(), clusters);
    }

    [Fact]
    public async Task RunAsync_Out_WritesMapPngAndOneSheetPerCluster()
    {
        var outDir = Path.Combine(_root, "out");

        var (code, _, _) = await Run(new ClusterSettings(DbPath, 3, Model, null, ClusterFormat.Table, outDir, 42));

        Assert.Equal(ExitCodes.Ok, code);
        using (var map = SKBitmap.Decode(Path.Combine(outDir, "map.png")))
        {
            Assert.NotNull(map);
            Assert.Equal((ClusterSheets.MapWidth, ClusterSheets.MapHeight), (map.Width, map.Height));
            var colours = new HashSet<SKColor>();
            for (var y = 0; y < map.Height; y += 3)
            {
                for (var x = 0; x < map.Width; x += 3)
                {
                    colours.Add(map.GetPixel(x, y));
                }
            }

            Assert.True(colours.Count > 3, $"{colours.Count} colours");
            // The legend's text is drawn (a typeface without glyphs drew nothing): dark pixels right of the swatches.
            var ink = 0;
            for (var y = 0; y < 120; y++)
            {
                for (var x = map.Width - 260; x < map.Width; x++)
                {
                    var pixel = map.GetPixel(x, y);
                    ink += pixel.Red < 80 && pixel.Green < 80 && pixel.Blue < 80 ? 1 : 0;
                }
            }

            Assert.True(ink > 30, $"{ink} dark pixels in the legend");
        }

        var sheets = Directory.GetFiles(outDir, "cluster-*.html").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["cluster-01.html", "cluster-02.html", "cluster-03.html"], sheets.Select(Path.GetFileName));
        var page = await File.ReadAllTextAsync(sheets[0]);
        Assert.Equal(PerGroup, CountOf(page, "src=\"data:image/webp;base64,"));
        Assert.Contains("class=\"medoid\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("http", page, StringComparison.Ordinal);
        // Captions name each file and link to the original.
        Assert.Equal(PerGroup, CountOf(page, $"<a href=\"{new Uri(Path.Combine(_root, "library")).AbsoluteUri}/img"));
        Assert.Matches(@">img\d\d\.png</a><br><span class=""folder"">library</span>", page);
    }

    [Fact]
    public void Caption_PathWithSpacesAndHash_LinksToTheEscapedFileUri()
    {
        var caption = ClusterSheets.Caption(7, "/srv/art work/cat #1.png");

        Assert.Contains("href=\"file:///srv/art%20work/cat%20%231.png\"", caption, StringComparison.Ordinal);
        Assert.Contains(">cat #1.png</a>", caption, StringComparison.Ordinal);
        Assert.Contains(">art work</span>", caption, StringComparison.Ordinal);
        Assert.Equal("#7", ClusterSheets.Caption(7, null));
    }

    [Fact]
    public async Task RunAsync_UnknownModel_FailsNamingTheModelsThere()
    {
        var (code, _, stderr) = await Run(new ClusterSettings(DbPath, 3, "nope", null, ClusterFormat.Table, null, 42));

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains(Model, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DupesRunAsync_SemanticTier_GroupsPlantedNeighbours()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = await DupesCommand.RunAsync(new DupesSettings(DbPath, "semantic", DupesFormat.Json, null, null, null, Model, 0.01), stdout, stderr, CancellationToken.None);

        Assert.Equal(ExitCodes.Ok, code);
        using var json = JsonDocument.Parse(stdout.ToString());
        Assert.Equal(Model, json.RootElement.GetProperty("semantic").GetProperty("model").GetString());
        var groups = json.RootElement.GetProperty("groups").EnumerateArray().ToList();
        Assert.NotEmpty(groups);
        Assert.All(groups, g => Assert.Equal(["semantic"], g.GetProperty("tiers").EnumerateArray().Select(t => t.GetString())));
        Assert.All(groups, g => Assert.InRange(g.GetProperty("size").GetInt32(), 2, PerGroup));
    }

    [Fact]
    public async Task AnalysisBackend_AfterClustersRun_ServesStoredClustersAndDefaultTierGroups()
    {
        await Run(new ClusterSettings(DbPath, 3, Model, null, ClusterFormat.Table, null, 42));
        using var backend = new AnalysisService(new ReadOnlyCatalog(CatalogDatabase.Open(DbPath)));

        var report = await backend.ClustersAsync(CancellationToken.None);
        var duplicates = await backend.DuplicatesAsync(0, 100, CancellationToken.None);

        Assert.Equal(3, report.Clusters.Count);
        Assert.Equal(3 * PerGroup, report.Map.Count);
        Assert.All(report.Map, p => Assert.InRange(p.X, 0, 1));
        Assert.All(report.Clusters, c => Assert.Equal(PerGroup, c.Sample.Count));
        var first = report.Map[0];
        Assert.Equal(first.Cluster, (await backend.ClusterOfAsync(first.ImageId, CancellationToken.None))!.Id);
        // The page shows `dfd dupes` at its defaults: the semantic tier is opt-in there, and these near-identical
        // vectors would have linked under it.
        Assert.DoesNotContain(duplicates.Groups, g => g.Kind == "semantic");
        Assert.Null(duplicates.Note);
    }

    [Fact]
    public async Task AnalysisBackend_NoClustersRun_SaysHowToMakeThem()
    {
        using var backend = new AnalysisService(new ReadOnlyCatalog(CatalogDatabase.Open(DbPath)));

        var report = await backend.ClustersAsync(CancellationToken.None);

        Assert.Empty(report.Clusters);
        Assert.Equal(AnalysisService.NoClustersNote, report.Note);
    }

    [Fact]
    public async Task ExportRunAsync_ParquetWithVectors_ReadsBackWithClustersAdherenceAndVectors()
    {
        await Run(new ClusterSettings(DbPath, 3, Model, null, ClusterFormat.Table, null, 42));
        var scored = new ClusterStore(CatalogDatabase.Open(DbPath)).Members().First().ImageId;
        new SearchCatalog(CatalogDatabase.Open(DbPath)).SaveAdherence(Model, [(scored, 0.3125)]);
        var file = Path.Combine(_root, "catalog.parquet");
        using var stderr = new StringWriter();

        var code = await ExportCommand.RunAsync(new ExportSettings(DbPath, "parquet", file, true, null), TextWriter.Null, stderr, CancellationToken.None);

        Assert.Equal(ExitCodes.Ok, code);
        await using var stream = File.OpenRead(file);
        var rows = (await Parquet.Serialization.ParquetSerializer.DeserializeAsync<DrawingFromDiffusion.App.Export.ExportRow>(stream)).Data;
        Assert.Equal(3 * PerGroup, rows.Count);
        Assert.All(rows, r => Assert.InRange(r.Cluster ?? 0, 1, 3));
        Assert.All(rows, r => Assert.Equal(1, System.Numerics.Tensors.TensorPrimitives.Norm(r.Vector!), 3));
        Assert.All(rows, r => Assert.StartsWith("masterpiece, ", r.Prompt, StringComparison.Ordinal));
        var stored = new ClusterStore(CatalogDatabase.Open(DbPath)).Members().ToDictionary(m => m.ImageId, m => m.Cluster);
        Assert.All(rows, r => Assert.Equal(stored[r.ImageId], r.Cluster));
        Assert.Contains(rows, r => r.DuplicateGroup is not null);
        Assert.All(rows, r => Assert.Equal(r.ImageId == scored ? 0.3125 : null, r.Adherence));
        Assert.All(rows, r => Assert.Equal(r.ImageId == scored ? Model : null, r.AdherenceModel));
    }

    [Fact]
    public async Task ExportRunAsync_Jsonl_AddsClusterAndDuplicateColumns()
    {
        await Run(new ClusterSettings(DbPath, 3, Model, null, ClusterFormat.Table, null, 42));
        using var stdout = new StringWriter();

        var code = await ExportCommand.RunAsync(new ExportSettings(DbPath, "jsonl", null, false, null), stdout, TextWriter.Null, CancellationToken.None);

        Assert.Equal(ExitCodes.Ok, code);
        var records = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(3 * PerGroup, records.Count);
        Assert.All(records, r => Assert.InRange(r.GetProperty("cluster").GetInt32(), 1, 3));
        Assert.All(records, r => Assert.True(r.TryGetProperty("duplicate_group", out _)));
        Assert.All(records, r => Assert.Equal(JsonValueKind.Null, r.GetProperty("adherence").ValueKind));
        Assert.All(records, r => Assert.False(r.TryGetProperty("vector", out _)));
    }

    [Fact]
    public async Task Run_TinyClipTextTower_NamesThePlantedStyles()
    {
        var pack = DrawingFromDiffusion.Onnx.Models.ModelPack.Load(Path.Combine(AppContext.BaseDirectory, "TestData", "tiny-clip"));
        using var text = new DrawingFromDiffusion.Onnx.Clip.OnnxTextEmbedder(pack, new DrawingFromDiffusion.Onnx.Execution.OnnxSessionFactory(new DrawingFromDiffusion.Onnx.Execution.DeviceOptions("cpu")));
        string[] planted = ["watercolor", "pixel art", "line art"];
        var centres = planted.Select(w => text.Embed(DrawingFromDiffusion.Core.Clustering.StyleVocabulary.Caption(w))).ToList();
        var database = CatalogDatabase.Open(DbPath);
        var ids = ImageIds(database);
        var random = new Random(5);
        var vectors = ids.Select((id, i) =>
        {
            var v = centres[i % 3].Select(x => x + (0.01f * (float)(random.NextDouble() - 0.5))).ToArray();
            VectorMath.Normalize(v);
            return new ImageEmbedding(id, v);
        }).ToList();
        using (var store = new SqliteEmbeddingStore(database))
        {
            await store.SaveAsync("tiny-clip", 0, vectors, VectorPrecision.Float32, CancellationToken.None);
        }

        var (run, _, _, _) = ClusterAnalysis.Run(database, "tiny-clip", new ClusterSettings(DbPath, 3, "tiny-clip", null, ClusterFormat.Json, null, 42), text, null, CancellationToken.None);

        Assert.Null(run.Note);
        Assert.Equal(planted.Order(StringComparer.Ordinal), run.Clusters.Select(c => c.Styles[0]).Order(StringComparer.Ordinal));
    }

    private static List<long> ImageIds(CatalogDatabase database)
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT i.id FROM images i JOIN files f ON f.image_id = i.id ORDER BY f.path";
        using var reader = command.ExecuteReader();
        var ids = new List<long>();
        while (reader.Read())
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    private static async Task<(int Code, string Stdout, string Stderr)> Run(ClusterSettings settings)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await ClustersCommand.RunAsync(settings, stdout, stderr, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
