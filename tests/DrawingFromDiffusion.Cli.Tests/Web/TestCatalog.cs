using DrawingFromDiffusion.Core.Library;
using DrawingFromDiffusion.Onnx.Imaging;
using DrawingFromDiffusion.Storage;
using SkiaSharp;

namespace DrawingFromDiffusion.Cli.Tests.Web;

/// <summary>
/// A small real catalog in a temp folder: distinct generated images with prompts, one exact copy
/// (same bytes at two paths) and one near copy (the first image re-encoded smaller as JPEG).
/// </summary>
public sealed class TestCatalog : IDisposable
{
    public static readonly string[] Subjects = ["castle", "fox", "lighthouse", "robot", "forest", "dragon", "city", "ocean"];

    private TestCatalog(string root)
    {
        Root = root;
        ImagesFolder = Path.Combine(root, "images");
        DbPath = Path.Combine(root, "catalog.db");
    }

    public string Root { get; }

    public string ImagesFolder { get; }

    public string DbPath { get; }

    public CatalogDatabase Database { get; private set; } = null!;

    /// <summary>The path of image 0, which has a near copy.</summary>
    public string OriginalPath => Path.Combine(ImagesFolder, "img00.png");

    public static async Task<TestCatalog> CreateAsync(int count, CancellationToken cancellationToken)
    {
        var catalog = new TestCatalog(Directory.CreateTempSubdirectory("dfd-web-").FullName);
        Directory.CreateDirectory(catalog.ImagesFolder);
        for (var i = 0; i < count; i++)
        {
            WritePng(Path.Combine(catalog.ImagesFolder, $"img{i:00}.png"), i, 320);
        }

        File.Copy(Path.Combine(catalog.ImagesFolder, "img01.png"), Path.Combine(catalog.ImagesFolder, "copy-of-img01.png"));
        using (var bitmap = Render(0, 200))
        using (var image = SKImage.FromBitmap(bitmap))
        using (var jpeg = image.Encode(SKEncodedImageFormat.Jpeg, 90))
        {
            await File.WriteAllBytesAsync(Path.Combine(catalog.ImagesFolder, "near-img00.jpg"), jpeg.ToArray(), cancellationToken);
        }

        catalog.Database = CatalogDatabase.Open(catalog.DbPath);
        await IndexAsync(catalog.Database, catalog.ImagesFolder, cancellationToken);
        catalog.AddGenerationMetadata();
        return catalog;
    }

    /// <summary>An empty catalog and images folder, for a fixture that draws its own pictures.</summary>
    public static Task<TestCatalog> CreateEmptyAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var catalog = new TestCatalog(Directory.CreateTempSubdirectory("dfd-page-").FullName);
        Directory.CreateDirectory(catalog.ImagesFolder);
        catalog.Database = CatalogDatabase.Open(catalog.DbPath);
        return Task.FromResult(catalog);
    }

    public static async Task IndexAsync(CatalogDatabase database, string folder, CancellationToken cancellationToken)
    {
        using var writer = new SqliteImageCatalog(database);
        await new LibraryScanner(writer, new SkiaImageAnalyzer()).ScanAsync(new ScanOptions { Roots = [folder], Workers = 2 }, null, cancellationToken);
    }

    /// <summary>A colourful, distinct picture per seed: a gradient and shapes placed by the seed.</summary>
    public static SKBitmap Render(int seed, int side)
    {
        var random = new Random(seed * 7919 + 17);
        var bitmap = new SKBitmap(side, side);
        using var canvas = new SKCanvas(bitmap);
        var hue = (seed * 47) % 360;
        using (var shader = SKShader.CreateLinearGradient(
            new SKPoint(0, 0),
            new SKPoint(side * (float)random.NextDouble(), side),
            [SKColor.FromHsl(hue, 70, 45), SKColor.FromHsl((hue + 120) % 360, 60, 20)],
            SKShaderTileMode.Clamp))
        using (var paint = new SKPaint { Shader = shader })
        {
            canvas.DrawRect(0, 0, side, side, paint);
        }

        using var shape = new SKPaint { IsAntialias = true };
        for (var s = 0; s < 6; s++)
        {
            shape.Color = SKColor.FromHsl((hue + (s * 60)) % 360, 80, 30 + (random.Next(50)));
            var x = (float)random.NextDouble() * side;
            var y = (float)random.NextDouble() * side;
            var r = side * (0.08f + ((float)random.NextDouble() * 0.25f));
            if (s % 2 == 0)
            {
                canvas.DrawCircle(x, y, r, shape);
            }
            else
            {
                canvas.DrawRect(x - r, y - r, r * 1.6f, r * 1.1f, shape);
            }
        }

        return bitmap;
    }

    public static void WritePng(string path, int seed, int side)
    {
        using var bitmap = Render(seed, side);
        using var image = SKImage.FromBitmap(bitmap);
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, png.ToArray());
    }

    public long IdOf(string fileName)
    {
        using var connection = Database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT image_id FROM files WHERE path = $path";
        command.Parameters.AddWithValue("$path", Path.Combine(ImagesFolder, fileName));
        return (long)command.ExecuteScalar()!;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A server still closing its files; the temp folder is left for the OS to clean.
        }
    }

    /// <summary>Prompts and parameters as the metadata parsers would store them: subject i % 8, generator i % 3.</summary>
    private void AddGenerationMetadata()
    {
        using var connection = Database.Connect();
        using var transaction = connection.BeginTransaction();
        var ids = new List<(long Id, string Path)>();
        using (var select = connection.CreateCommand())
        {
            select.CommandText = "SELECT image_id, min(path) FROM files GROUP BY image_id ORDER BY 2";
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                ids.Add((reader.GetInt64(0), reader.GetString(1)));
            }
        }

        string[] generators = ["A1111", "ComfyUI", "InvokeAI"];
        string[] checkpoints = ["sdxl_base_1.0", "dreamshaper_8"];
        foreach (var (id, path) in ids)
        {
            var name = Path.GetFileNameWithoutExtension(path);
            var n = int.Parse(name[^2..], System.Globalization.CultureInfo.InvariantCulture);
            using var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO generation (image_id, generator, prompt, negative_prompt, model, model_hash, seed, steps, sampler, cfg_scale, width, height, extra_json, raw)
                VALUES ($id, $generator, $prompt, 'blurry, lowres', $model, 'a1b2c3d4', $seed, 28, 'DPM++ 2M Karras', 6.5, 320, 320, '{"hires_upscale": 1.5}', $raw);
                """;
            var prompt = $"a painting of a {Subjects[n % Subjects.Length]} at dusk, number {n}, highly detailed";
            insert.Parameters.AddWithValue("$id", id);
            insert.Parameters.AddWithValue("$generator", generators[n % generators.Length]);
            insert.Parameters.AddWithValue("$prompt", prompt);
            insert.Parameters.AddWithValue("$model", checkpoints[n % checkpoints.Length]);
            insert.Parameters.AddWithValue("$seed", 1000 + n);
            insert.Parameters.AddWithValue("$raw", prompt + "\nNegative prompt: blurry, lowres\nSteps: 28");
            insert.ExecuteNonQuery();
            if (n % 2 == 0)
            {
                using var lora = connection.CreateCommand();
                lora.CommandText = "INSERT INTO loras (image_id, name, weight) VALUES ($id, 'add_detail', 0.7)";
                lora.Parameters.AddWithValue("$id", id);
                lora.ExecuteNonQuery();
            }
        }

        transaction.Commit();
    }
}
