using System.Diagnostics;
using System.Globalization;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using DrawingFromDiffusion.Storage;
using DrawingFromDiffusion.Storage.VectorIndex;
using Microsoft.Data.Sqlite;

namespace DrawingFromDiffusion.Benchmarks.Catalog;

/// <summary>
/// Writes a synthetic catalog of COUNT images straight into SQLite, as `dfd index` would leave it: images (pHash/dHash),
/// files (2 % of images have a second path: identical copies), generation rows with prompts from a long-tailed vocabulary
/// (prompts_fts through the triggers), LoRAs, float16 512-d clustered vectors of MODEL (1 % of images are near copies of the
/// one before: a few hash bits flipped, the vector nudged), then builds and saves the index file beside it.
///   large-catalog DB_PATH COUNT MODEL_ID [DIMS=512] [--no-index]
/// </summary>
public static class LargeCatalog
{
    private static readonly string[] Subjects =
    [
        "fox", "knight", "cat", "dragon", "robot", "castle", "lighthouse", "astronaut", "samurai", "witch", "owl", "city",
        "forest", "mountain", "lake", "ship", "airship", "garden", "library", "market", "train", "temple", "wolf", "whale",
        "girl", "boy", "old man", "queen", "king", "monk", "tiger", "deer", "bicycle", "cafe", "street", "desert", "island",
        "volcano", "waterfall", "bridge", "cathedral", "spaceship", "mech", "portrait", "bowl of ramen", "teapot", "bookshop",
    ];

    private static readonly string[] Adjectives =
    [
        "red", "blue", "golden", "ancient", "futuristic", "misty", "snowy", "rainy", "glowing", "tiny", "giant", "ruined",
        "cozy", "abandoned", "floating", "crystal", "mechanical", "haunted", "sunlit", "moonlit", "neon", "rusty", "ornate",
        "minimalist", "baroque", "gothic", "pastel", "vibrant", "muted", "dusty", "wet", "frozen", "burning", "overgrown",
    ];

    private static readonly string[] Styles =
    [
        "watercolor", "oil painting", "pixel art", "concept art", "ukiyo-e", "line art", "3d render", "photograph",
        "charcoal sketch", "anime", "studio ghibli style", "art nouveau", "cyberpunk", "steampunk", "vaporwave", "low poly",
        "isometric", "comic book", "gouache", "pencil drawing", "film still", "matte painting", "claymation", "stained glass",
    ];

    private static readonly string[] Modifiers =
    [
        "highly detailed", "8k", "sharp focus", "dramatic lighting", "volumetric light", "bokeh", "golden hour", "soft light",
        "trending on artstation", "masterpiece", "best quality", "wide angle", "close-up", "depth of field", "rim light",
        "cinematic", "symmetrical", "intricate", "hdr", "octane render", "unreal engine", "35mm", "award winning",
    ];

    private static readonly string[] Syllables =
    [
        "ka", "ri", "mo", "zen", "tal", "vor", "ush", "el", "dra", "nim", "qua", "sel", "bo", "thi", "rax", "ul", "fen",
        "gor", "mi", "lun", "pe", "sha", "tor", "vy", "xe", "yan", "zo", "cal", "dre", "eth",
    ];

    private static readonly string[] Checkpoints =
        ["sdxl_base_1.0", "dreamshaper_8", "juggernautXL_v9", "realisticVision_v51", "animagineXL_3", "ponyDiffusionV6", "flux1-dev", "sd15"];

    private static readonly string[] Samplers = ["Euler a", "DPM++ 2M Karras", "DPM++ SDE", "DDIM", "UniPC", "euler"];

    private static readonly string[] Generators = ["automatic1111", "comfyui", "invokeai", "fooocus", "novelai"];

    public static int Run(string[] args)
    {
        var dbPath = Path.GetFullPath(args[0]);
        var count = int.Parse(args[1], CultureInfo.InvariantCulture);
        var modelId = args[2];
        var dims = args.Length > 3 && int.TryParse(args[3], CultureInfo.InvariantCulture, out var d) ? d : 512;
        var buildIndex = !args.Contains("--no-index");
        if (File.Exists(dbPath))
        {
            throw new InvalidOperationException($"{dbPath} exists; give a new path.");
        }

        var clock = Stopwatch.StartNew();
        var database = CatalogDatabase.Open(dbPath);
        Fill(database, modelId, dims, count);
        Console.WriteLine($"{count:N0} images written in {clock.Elapsed.TotalSeconds:0.0} s ({new FileInfo(dbPath).Length / 1048576.0:0} MiB); load average {LoadAverage()}");
        if (buildIndex)
        {
            clock.Restart();
            using var index = VectorIndexStore.OpenAsync(database, modelId, dims, null, null, CancellationToken.None).GetAwaiter().GetResult();
            Console.WriteLine($"index {index.LastReport.Action} ({index.Count:N0} vectors) built and saved in {clock.Elapsed.TotalSeconds:0.0} s: {index.IndexPath}; load average {LoadAverage()}");
        }

        SqliteConnection.ClearAllPools();
        return 0;
    }

    private static void Fill(CatalogDatabase database, string modelId, int dims, int count)
    {
        var random = new Random(20261205);
        var rareWords = Enumerable.Range(0, 20_000).Select(_ => RareWord(random)).Distinct().ToArray();
        var artists = Enumerable.Range(0, 400).Select(_ => Capitalised(RareWord(random)) + " " + Capitalised(RareWord(random))).ToArray();
        var centres = Enumerable.Range(0, 1000).Select(_ => Unit(Gaussian(random, dims, 1f))).ToArray();
        using var connection = database.Connect();
        Execute(connection, "PRAGMA synchronous = OFF");
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO images (id, content_hash, format, width, height, byte_size, phash, dhash, added_at)
                VALUES ($id, $hash, $format, $width, $height, $bytes, $phash, $dhash, '2026-12-05T00:00:00Z');
            INSERT INTO files (path, image_id, size, mtime_ticks, metadata_read) VALUES ($path, $id, $bytes, $id, 1);
            INSERT INTO generation (image_id, generator, prompt, negative_prompt, model, seed, seed_text, steps, sampler, cfg_scale, width, height)
                VALUES ($id, $generator, $prompt, 'blurry, lowres, watermark', $checkpoint, $seed, $seed, $steps, $sampler, 7.0, $width, $height);
            INSERT INTO embeddings (image_id, model_id, dims, dtype, vector) VALUES ($id, $model, $dims, 'f16', $vector);
            """;
        var id = command.Parameters.Add("$id", SqliteType.Integer);
        var hash = command.Parameters.Add("$hash", SqliteType.Blob);
        var format = command.Parameters.Add("$format", SqliteType.Text);
        var width = command.Parameters.Add("$width", SqliteType.Integer);
        var height = command.Parameters.Add("$height", SqliteType.Integer);
        var bytes = command.Parameters.Add("$bytes", SqliteType.Integer);
        var phash = command.Parameters.Add("$phash", SqliteType.Integer);
        var dhash = command.Parameters.Add("$dhash", SqliteType.Integer);
        var path = command.Parameters.Add("$path", SqliteType.Text);
        var generator = command.Parameters.Add("$generator", SqliteType.Text);
        var prompt = command.Parameters.Add("$prompt", SqliteType.Text);
        var checkpoint = command.Parameters.Add("$checkpoint", SqliteType.Text);
        var seed = command.Parameters.Add("$seed", SqliteType.Integer);
        var steps = command.Parameters.Add("$steps", SqliteType.Integer);
        var sampler = command.Parameters.Add("$sampler", SqliteType.Text);
        var vector = command.Parameters.Add("$vector", SqliteType.Blob);
        command.Parameters.AddWithValue("$model", modelId);
        command.Parameters.AddWithValue("$dims", dims);

        using var copy = connection.CreateCommand();
        copy.CommandText = "INSERT INTO files (path, image_id, size, mtime_ticks, metadata_read) VALUES ($path, $id, 1, 0, 1)";
        var copyPath = copy.Parameters.Add("$path", SqliteType.Text);
        var copyId = copy.Parameters.Add("$id", SqliteType.Integer);
        using var lora = connection.CreateCommand();
        lora.CommandText = "INSERT INTO loras (image_id, name, weight) VALUES ($id, $name, 0.8)";
        var loraId = lora.Parameters.Add("$id", SqliteType.Integer);
        var loraName = lora.Parameters.Add("$name", SqliteType.Text);

        var phashes = new long[count + 1];
        var vectors = new Half[dims];
        var lastVector = new float[dims];
        var contentHash = new byte[16];
        SqliteTransaction? transaction = null;
        for (var i = 1; i <= count; i++)
        {
            if ((i - 1) % 50_000 == 0)
            {
                transaction?.Commit();
                transaction?.Dispose();
                transaction = connection.BeginTransaction();
                command.Transaction = copy.Transaction = lora.Transaction = transaction;
                if (i > 1)
                {
                    Console.Error.WriteLine($"  {i - 1:N0} rows");
                }
            }

            var nearCopyOf = i > 1 && random.NextDouble() < 0.01 ? i - 1 : 0;
            float[] v;
            if (nearCopyOf > 0)
            {
                // A near copy: the same picture re-encoded or resized; its hashes differ in a few bits, its vector barely.
                phashes[i] = FlipBits(random, phashes[nearCopyOf], random.Next(0, 4));
                v = Unit(Add(Gaussian(random, dims, 0.1f / MathF.Sqrt(dims)), lastVector));
            }
            else
            {
                phashes[i] = random.NextInt64();
                v = Unit(Add(Gaussian(random, dims, 0.5f / MathF.Sqrt(dims) * 4), centres[random.Next(centres.Length)]));
            }

            v.CopyTo(lastVector, 0);
            TensorPrimitives.ConvertToHalf(v, vectors);
            BitConverter.TryWriteBytes(contentHash, (long)i);
            BitConverter.TryWriteBytes(contentHash.AsSpan(8), 0x5EED_0000_0000_0000L ^ i);
            id.Value = i;
            hash.Value = contentHash.ToArray();
            format.Value = (i % 10) switch { < 6 => "png", < 9 => "jpeg", _ => "webp" };
            var side = 512 + (64 * random.Next(0, 9));
            width.Value = side;
            height.Value = random.Next(2) == 0 ? side : 768;
            bytes.Value = 200_000 + random.Next(1_500_000);
            phash.Value = phashes[i];
            dhash.Value = FlipBits(random, phashes[i], 7);
            path.Value = $"/studio/{Generators[i % Generators.Length]}/{i / 1000:0000}/{i:0000000}.png";
            generator.Value = Generators[random.Next(Generators.Length)];
            prompt.Value = Prompt(random, rareWords, artists);
            checkpoint.Value = Checkpoints[random.Next(Checkpoints.Length)] + ".safetensors";
            seed.Value = random.NextInt64(0, 4_294_967_295);
            steps.Value = 20 + random.Next(31);
            sampler.Value = Samplers[random.Next(Samplers.Length)];
            vector.Value = MemoryMarshal.AsBytes(vectors.AsSpan()).ToArray();
            command.ExecuteNonQuery();
            if (random.NextDouble() < 0.02)
            {
                copyPath.Value = $"/studio/copies/{i:0000000}.png";
                copyId.Value = i;
                copy.ExecuteNonQuery();
            }

            if (random.NextDouble() < 0.3)
            {
                loraId.Value = i;
                loraName.Value = "lora_" + rareWords[Zipf(random, 300)];
                lora.ExecuteNonQuery();
            }
        }

        transaction?.Commit();
        transaction?.Dispose();
        Execute(connection, "ANALYZE");
    }

    private static string Prompt(Random random, string[] rareWords, string[] artists)
    {
        var parts = new List<string>
        {
            $"{(random.Next(3) == 0 ? "a " : "")}{Adjectives[random.Next(Adjectives.Length)]} {Subjects[random.Next(Subjects.Length)]}",
            Styles[random.Next(Styles.Length)],
        };
        for (var m = random.Next(1, 5); m > 0; m--)
        {
            parts.Add(Modifiers[random.Next(Modifiers.Length)]);
        }

        if (random.Next(2) == 0)
        {
            parts.Add("by " + artists[Zipf(random, artists.Length)]);
        }

        // The long tail: words most prompts share, and words few do.
        for (var w = random.Next(0, 4); w > 0; w--)
        {
            parts.Add(rareWords[Zipf(random, rareWords.Length)]);
        }

        return string.Join(", ", parts);
    }

    private static int Zipf(Random random, int n) => Math.Min(n - 1, (int)Math.Floor(Math.Exp(random.NextDouble() * Math.Log(n + 1)) - 1));

    private static string RareWord(Random random)
    {
        var syllables = random.Next(2, 4);
        return string.Concat(Enumerable.Range(0, syllables).Select(_ => Syllables[random.Next(Syllables.Length)]));
    }

    private static string Capitalised(string word) => char.ToUpperInvariant(word[0]) + word[1..];

    private static long FlipBits(Random random, long value, int bits)
    {
        for (var b = 0; b < bits; b++)
        {
            value ^= 1L << random.Next(64);
        }

        return value;
    }

    private static float[] Gaussian(Random random, int dims, float scale)
    {
        var v = new float[dims];
        for (var i = 0; i < dims; i++)
        {
            // Box–Muller: cheap enough for a million rows.
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            v[i] = scale * (float)(Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
        }

        return v;
    }

    private static float[] Add(float[] a, float[] b)
    {
        TensorPrimitives.Add(a, b, a);
        return a;
    }

    private static float[] Unit(float[] v)
    {
        var norm = TensorPrimitives.Norm(v);
        TensorPrimitives.Divide(v, norm, v);
        return v;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
