#:project ../../src/DrawingFromDiffusion.Onnx/DrawingFromDiffusion.Onnx.csproj
// The labelled near-duplicate set for the visual tier: Debian clip-art (openclipart-png,
// tuxpaint-stamps-default) flattened onto white, each with generated alterations.
//
//   dotnet run tests/tools/make-dupes-fixture.cs -- generate OUT [--count 30] [--max-side 160] [--seed 6]
//       [--source DIR --per-family 1]   (photos instead of clip-art, e.g. /usr/share/backgrounds, /usr/share/wallpapers)
//       [--keep-look-alikes]   (keep recoloured or reshaped siblings such as jigsaw pieces as negatives; drop only re-exports)
//   dotnet run tests/tools/make-dupes-fixture.cs -- measure DIR
//   dotnet run tests/tools/make-dupes-fixture.cs -- score DIR DUPES.json [SECONDS]
//
// generate writes OUT/originals and OUT/altered plus OUT/labels.csv (file,original,family,alteration).
// Originals are drawn a few per clip-art folder, so different images of one family (stars, birds,
// flat icons) stand as look-alike negatives. measure hashes every file with the real analyzer
// (SkiaImageAnalyzer) and prints precision and recall over pairs for pHash, dHash and combined rules.
// score reads a `dfd dupes --json` report of DIR and prints its pair precision and recall (tests/tools/measure-dupes.sh).
// Pair scores are computed by Core's PairScores, the one copy the acceptance tests use too.
using System.Globalization;
using System.Text.Json;
using DrawingFromDiffusion.Core.Catalog;
using DrawingFromDiffusion.Core.Duplicates;
using DrawingFromDiffusion.Core.Imaging;
using DrawingFromDiffusion.Onnx.Imaging;
using SkiaSharp;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (args.Length < 2 || args[0] is not ("generate" or "measure" or "score") || (args[0] == "score" && args.Length < 3))
{
    Console.Error.WriteLine("usage: make-dupes-fixture.cs generate OUT [--count N] [--max-side PX] [--seed S] | measure DIR | score DIR DUPES.json [SECONDS]");
    return 2;
}

if (args[0] == "score")
{
    return Score.Run(args[1], args[2], args.Length > 3 ? double.Parse(args[3], CultureInfo.InvariantCulture) : null);
}

var sourceAt = Array.IndexOf(args, "--source");
if (sourceAt >= 0 && sourceAt + 1 < args.Length)
{
    Fixture.Roots = [.. args[(sourceAt + 1)..].TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).Select(Path.GetFullPath)];
}

Fixture.PerFamily = Option(args, "--per-family", Fixture.PerFamily);
Fixture.KeepLookAlikes = args.Contains("--keep-look-alikes");
return args[0] == "generate" ? Fixture.Generate(args[1], Option(args, "--count", 30), Option(args, "--max-side", 160), Option(args, "--seed", 6)) : Measure.Run(args[1]);

static int Option(string[] args, string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

internal static class Fixture
{
    public static string[] Roots { get; set; } = ["/usr/share/openclipart/png", "/usr/share/tuxpaint/stamps"];

    public static int PerFamily { get; set; } = 3;

    public static bool KeepLookAlikes { get; set; }

    public static int Generate(string outDir, int count, int maxSide, int seed)
    {
        var sources = Roots.Where(Directory.Exists)
            .SelectMany(root => Directory.EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
            .Where(p => p.EndsWith(".png", StringComparison.OrdinalIgnoreCase) || p.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase) || p.EndsWith(".jpeg", StringComparison.OrdinalIgnoreCase))
            .Where(p => !p.Contains("/.thumbs/", StringComparison.Ordinal) && !p.EndsWith("_mirror.png", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (sources.Count == 0)
        {
            Console.Error.WriteLine("no clip-art found: apt-get install openclipart-png tuxpaint-stamps-default");
            return 1;
        }

        var random = new Random(seed);
        var families = sources.GroupBy(Family).Select(g => g.ToList()).ToList();
        Shuffle(families, random);
        Directory.CreateDirectory(Path.Combine(outDir, "originals"));
        Directory.CreateDirectory(Path.Combine(outDir, "altered"));
        var picked = new List<(string Name, string Family, SKBitmap Bitmap, byte[] Gray)>();
        var skippedBlank = 0;
        var skippedTwin = 0;
        foreach (var family in families)
        {
            Shuffle(family, random);
            var taken = 0;
            foreach (var source in family)
            {
                if (picked.Count >= count || taken >= PerFamily)
                {
                    break;
                }

                using var raw = Decode(source);
                if (raw is null || Math.Min(raw.Width, raw.Height) < 48)
                {
                    continue;
                }

                var flat = Flatten(raw, maxSide);
                var gray = Gray16(flat);
                if (Spread(gray) < 12)
                {
                    skippedBlank++;
                    flat.Dispose();
                    continue;
                }

                // Clip-art collections hold the same drawing twice (re-exported, or recoloured: a red and
                // a green flag). Grey-level hashes cannot tell a recolouring apart, and whether it is a
                // duplicate is a matter of taste, so the second copy is left out of the labelled set.
                if (picked.Any(p => KeepLookAlikes ? MeanAbsDiff(p.Gray, gray) < 2 : MeanAbsDiff(p.Gray, gray) < 6 || StructureDiff(p.Gray, gray) < 0.35))
                {
                    skippedTwin++;
                    flat.Dispose();
                    continue;
                }

                var name = $"{picked.Count:000}";
                picked.Add((name, Family(source), flat, gray));
                taken++;
            }

            if (picked.Count >= count)
            {
                break;
            }
        }

        using var labels = new StreamWriter(Path.Combine(outDir, "labels.csv"));
        labels.WriteLine("file,original,family,alteration");
        using var typeface = File.Exists("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
            ? SKTypeface.FromFile("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
            : SKTypeface.Default;
        foreach (var (name, family, bitmap, _) in picked)
        {
            var originalFile = $"originals/{name}.png";
            Save(bitmap, Path.Combine(outDir, originalFile), SKEncodedImageFormat.Png, 100);
            labels.WriteLine($"{originalFile},{name},{family},original");
            foreach (var (alteration, file, altered) in Alterations(bitmap, name, random, typeface))
            {
                labels.WriteLine($"{file},{name},{family},{alteration}");
                File.WriteAllBytes(Path.Combine(outDir, file), altered);
            }

            bitmap.Dispose();
        }

        Console.Error.WriteLine($"{picked.Count} originals × 9 alterations in {outDir} (left out: {skippedBlank} nearly blank, {skippedTwin} twins of a picked image)");
        return 0;
    }

    private static IEnumerable<(string Alteration, string File, byte[] Bytes)> Alterations(SKBitmap image, string name, Random random, SKTypeface typeface)
    {
        yield return ("jpeg-q70", $"altered/{name}-jpeg70.jpg", Encode(image, SKEncodedImageFormat.Jpeg, 70));
        yield return ("jpeg-q40", $"altered/{name}-jpeg40.jpg", Encode(image, SKEncodedImageFormat.Jpeg, 40));
        using (var half = Resized(image, 0.5))
        {
            yield return ("resize-50", $"altered/{name}-half.png", Encode(half, SKEncodedImageFormat.Png, 100));
        }

        using (var twice = Resized(image, 2.0))
        {
            yield return ("resize-200", $"altered/{name}-double.jpg", Encode(twice, SKEncodedImageFormat.Jpeg, 90));
        }

        using (var cropped = Crop(image, 0.02 + (random.NextDouble() * 0.06), random))
        {
            yield return ("crop", $"altered/{name}-crop.png", Encode(cropped, SKEncodedImageFormat.Png, 100));
        }

        using (var bright = Brighten(image, 1.15f, 25))
        {
            yield return ("brighten", $"altered/{name}-bright.png", Encode(bright, SKEncodedImageFormat.Png, 100));
        }

        using (var blurred = Blur(image, Math.Max(1f, Math.Max(image.Width, image.Height) / 120f)))
        {
            yield return ("blur", $"altered/{name}-blur.jpg", Encode(blurred, SKEncodedImageFormat.Jpeg, 92));
        }

        using (var marked = Watermark(image, typeface))
        {
            yield return ("watermark", $"altered/{name}-mark.png", Encode(marked, SKEncodedImageFormat.Png, 100));
        }

        yield return ("recompress-webp", $"altered/{name}-recompress.webp", Encode(image, SKEncodedImageFormat.Webp, 45));
    }

    /// <summary>Null for a file SkiaSharp cannot decode or hold (some clip-art is too large to allocate).</summary>
    private static SKBitmap? Decode(string path)
    {
        try
        {
            return SKBitmap.Decode(path);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Console.Error.WriteLine($"skipped {path}: {ex.Message}");
            return null;
        }
    }

    private static string Family(string path)
    {
        var root = Roots.First(r => path.StartsWith(r, StringComparison.Ordinal));
        var folder = Path.GetDirectoryName(path)![root.Length..].Trim('/');
        return Path.GetFileName(root) + "/" + folder.Replace(',', '_');
    }

    private static SKBitmap Flatten(SKBitmap raw, int maxSide)
    {
        var scale = Math.Min(1.0, (double)maxSide / Math.Max(raw.Width, raw.Height));
        var width = Math.Max(1, (int)Math.Round(raw.Width * scale));
        var height = Math.Max(1, (int)Math.Round(raw.Height * scale));
        var flat = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using var canvas = new SKCanvas(flat);
        canvas.Clear(SKColors.White);
        using var image = SKImage.FromBitmap(raw);
        canvas.DrawImage(image, new SKRect(0, 0, width, height), new SKSamplingOptions(SKCubicResampler.Mitchell));
        return flat;
    }

    private static SKBitmap Resized(SKBitmap image, double factor) =>
        image.Resize(
            new SKImageInfo(Math.Max(1, (int)Math.Round(image.Width * factor)), Math.Max(1, (int)Math.Round(image.Height * factor)), SKColorType.Rgba8888, SKAlphaType.Opaque),
            new SKSamplingOptions(SKCubicResampler.Mitchell));

    private static SKBitmap Crop(SKBitmap image, double fraction, Random random)
    {
        var dx = (int)Math.Round(image.Width * fraction);
        var dy = (int)Math.Round(image.Height * fraction);
        var left = random.Next(dx + 1);
        var top = random.Next(dy + 1);
        var cropped = new SKBitmap(new SKImageInfo(image.Width - dx, image.Height - dy, SKColorType.Rgba8888, SKAlphaType.Opaque));
        image.ExtractSubset(cropped, new SKRectI(left, top, left + cropped.Width, top + cropped.Height));
        return cropped.Copy();
    }

    private static SKBitmap Brighten(SKBitmap image, float gain, float offset)
    {
        var o = offset / 255f;
        using var filter = SKColorFilter.CreateColorMatrix([gain, 0, 0, 0, o, 0, gain, 0, 0, o, 0, 0, gain, 0, o, 0, 0, 0, 1, 0]);
        using var paint = new SKPaint { ColorFilter = filter };
        return Draw(image, paint);
    }

    private static SKBitmap Blur(SKBitmap image, float sigma)
    {
        using var filter = SKImageFilter.CreateBlur(sigma, sigma, SKShaderTileMode.Clamp);
        using var paint = new SKPaint { ImageFilter = filter };
        return Draw(image, paint);
    }

    private static SKBitmap Watermark(SKBitmap image, SKTypeface typeface)
    {
        var marked = Draw(image, null);
        using var canvas = new SKCanvas(marked);
        using var font = new SKFont(typeface, Math.Max(8f, image.Height / 16f));
        using var paint = new SKPaint { Color = new SKColor(90, 90, 90, 150), IsAntialias = true };
        const string Text = "© dfd 2024";
        var width = font.MeasureText(Text);
        canvas.DrawText(Text, image.Width - width - (image.Width * 0.03f), image.Height * 0.95f, SKTextAlign.Left, font, paint);
        return marked;
    }

    private static SKBitmap Draw(SKBitmap image, SKPaint? paint)
    {
        var result = new SKBitmap(new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using var canvas = new SKCanvas(result);
        canvas.Clear(SKColors.White);
        using var source = SKImage.FromBitmap(image);
        canvas.DrawImage(source, 0, 0, new SKSamplingOptions(SKFilterMode.Linear), paint);
        return result;
    }

    private static byte[] Encode(SKBitmap bitmap, SKEncodedImageFormat format, int quality)
    {
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, quality);
        return data.ToArray();
    }

    private static void Save(SKBitmap bitmap, string path, SKEncodedImageFormat format, int quality) =>
        File.WriteAllBytes(path, Encode(bitmap, format, quality));

    private static byte[] Gray16(SKBitmap image)
    {
        using var small = image.Resize(new SKImageInfo(16, 16, SKColorType.Rgba8888, SKAlphaType.Opaque), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        var span = small.GetPixelSpan();
        var gray = new byte[256];
        for (var i = 0; i < gray.Length; i++)
        {
            gray[i] = (byte)(((span[i * 4] * 299) + (span[(i * 4) + 1] * 587) + (span[(i * 4) + 2] * 114)) / 1000);
        }

        return gray;
    }

    private static double Spread(byte[] gray)
    {
        var mean = gray.Average(g => (double)g);
        return Math.Sqrt(gray.Average(g => (g - mean) * (g - mean)));
    }

    private static double MeanAbsDiff(byte[] a, byte[] b) => a.Zip(b, (x, y) => Math.Abs(x - y)).Average();

    /// <summary>Mean absolute difference of the two grey images after each is scaled to zero mean and unit spread: small for the same drawing in other colours.</summary>
    private static double StructureDiff(byte[] a, byte[] b)
    {
        var za = Standardise(a);
        var zb = Standardise(b);
        return za.Zip(zb, (x, y) => Math.Abs(x - y)).Average();
    }

    private static double[] Standardise(byte[] gray)
    {
        var spread = Math.Max(1e-6, Spread(gray));
        var mean = gray.Average(g => (double)g);
        return [.. gray.Select(g => (g - mean) / spread)];
    }

    private static void Shuffle<T>(List<T> list, Random random)
    {
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }
}

internal static class Measure
{
    public static int Run(string dir)
    {
        var rows = File.ReadAllLines(Path.Combine(dir, "labels.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        var analyzer = new SkiaImageAnalyzer();
        var hashes = new (ulong P, ulong D)[rows.Count];
        Parallel.For(0, rows.Count, i =>
        {
            using var stream = File.OpenRead(Path.Combine(dir, rows[i][0]));
            var facts = analyzer.Analyze(stream, ImageFormat.Unknown, new ImageLimits());
            hashes[i] = (facts.PHash, facts.DHash);
        });

        var originals = rows.Select(r => r[1]).ToArray();
        var positives = 0L;
        var negatives = 0L;
        var pairs = new List<(int A, int B, int P, int D, bool Same)>();
        for (var a = 0; a < rows.Count; a++)
        {
            for (var b = a + 1; b < rows.Count; b++)
            {
                var same = originals[a] == originals[b];
                _ = same ? positives++ : negatives++;
                pairs.Add((a, b, System.Numerics.BitOperations.PopCount(hashes[a].P ^ hashes[b].P), System.Numerics.BitOperations.PopCount(hashes[a].D ^ hashes[b].D), same));
            }
        }

        Console.WriteLine($"{rows.Count} images, {originals.Distinct().Count()} originals, {positives} positive pairs, {negatives} negative pairs");
        Console.WriteLine("rule | threshold | edge P | edge R | group P | group R");
        Console.WriteLine("---|---|---|---|---|---");
        foreach (var t in new[] { 6, 8, 10, 12, 14 })
        {
            Row("pHash ≤ t", $"{t}", pairs, rows.Count, p => p.P <= t, originals);
        }

        foreach (var t in new[] { 4, 6, 8, 10, 12 })
        {
            Row("dHash ≤ t", $"{t}", pairs, rows.Count, p => p.D <= t, originals);
        }

        foreach (var t in new[] { 12, 16, 20, 24 })
        {
            Row("pHash + dHash ≤ t", $"{t}", pairs, rows.Count, p => p.P + p.D <= t, originals);
        }

        if (Environment.GetEnvironmentVariable("DUPES_SEARCH") == "1")
        {
            Search(pairs, rows.Count, originals);
        }
        // Hashes alone: what the visual tier falls back to without thumbnails. The full tier (pixel check, neighbours)
        // is measured end to end by tests/tools/measure-dupes.sh.
        var rule = VisualRule.Default;
        bool Links((int A, int B, int P, int D, bool Same) p) => rule.LinksByHashesAlone(p.P, p.D);
        Row("hash-only fallback", rule.MaxHashDistance.ToString(CultureInfo.InvariantCulture), pairs, rows.Count, Links, originals);
        Console.WriteLine();
        Console.WriteLine("hash-only fallback, original ~ altered copy, by alteration (edge recall):");
        var kinds = rows.Select(r => r[3]).ToArray();
        foreach (var kind in kinds.Where(k => k != "original").Distinct())
        {
            var edges = pairs.Where(p => p.Same && ((kinds[p.A] == "original" && kinds[p.B] == kind) || (kinds[p.B] == "original" && kinds[p.A] == kind))).ToList();
            Console.WriteLine($"  {kind}: {edges.Count(Links)}/{edges.Count}");
        }

        Console.WriteLine("positive pairs missed by the fallback, by alteration (pHash/dHash distances):");
        var alterations = rows.Select(r => r[3]).ToArray();
        foreach (var miss in pairs.Where(p => p.Same && !Links(p) && (alterations[p.A] == "original" || alterations[p.B] == "original")).Take(30))
        {
            Console.WriteLine($"  {rows[miss.A][0]} ~ {rows[miss.B][0]}: {miss.P}/{miss.D}");
        }

        Console.WriteLine("negative pairs the fallback links, by pair of originals:");
        foreach (var near in pairs.Where(p => !p.Same && Links(p)).GroupBy(p => (originals[p.A], originals[p.B])).OrderByDescending(g => g.Count()).Take(25))
        {
            var first = near.First();
            Console.WriteLine($"  {near.Key.Item1} ~ {near.Key.Item2} ({rows[first.A][2]} ~ {rows[first.B][2]}): {near.Count()} pairs, closest {near.Min(p => p.P)}/{near.Min(p => p.D)}");
        }

        return 0;
    }

    /// <summary>Grid search over two-step staircase rules (pHash ≤ a1 and dHash ≤ b1) or (pHash ≤ a2 and dHash ≤ b2), best group recall at group precision ≥ 0.99.</summary>
    private static void Search(List<(int A, int B, int P, int D, bool Same)> pairs, int count, string[] originals)
    {
        var candidates = new List<(int A1, int B1, int A2, int B2)>();
        for (var a1 = 0; a1 <= 24; a1 += 2)
        {
            for (var b1 = 0; b1 <= 24; b1 += 2)
            {
                for (var a2 = a1; a2 <= 24; a2 += 2)
                {
                    for (var b2 = 0; b2 <= b1; b2 += 2)
                    {
                        candidates.Add((a1, b1, a2, b2));
                    }
                }
            }
        }

        var linkable = pairs.Where(p => p.P <= 24 && p.D <= 24).ToList();
        var scored = new (double P, double R, (int A1, int B1, int A2, int B2) Rule)[candidates.Count];
        Parallel.For(0, candidates.Count, i =>
        {
            var (a1, b1, a2, b2) = candidates[i];
            var (gp, gr) = GroupScore(linkable, count, originals, p => (p.P <= a1 && p.D <= b1) || (p.P <= a2 && p.D <= b2));
            scored[i] = (gp, gr, candidates[i]);
        });

        Console.WriteLine();
        Console.WriteLine("best staircase rules at group P ≥ 0.99 (a1/b1 or a2/b2: group P, group R):");
        foreach (var s in scored.Where(s => s.P >= 0.99).OrderByDescending(s => s.R).ThenByDescending(s => s.P).Take(15))
        {
            Console.WriteLine($"  (p≤{s.Rule.A1} ∧ d≤{s.Rule.B1}) ∨ (p≤{s.Rule.A2} ∧ d≤{s.Rule.B2}): {s.P:0.0000} {s.R:0.0000}");
        }
    }

    private static (double P, double R) GroupScore(List<(int A, int B, int P, int D, bool Same)> pairs, int count, string[] originals, Func<(int A, int B, int P, int D, bool Same), bool> links)
    {
        var set = new DisjointSet(count);
        foreach (var p in pairs)
        {
            if (links(p))
            {
                set.Union(p.A, p.B);
            }
        }

        var groups = Enumerable.Range(0, count).GroupBy(set.Find).Select(g => (IReadOnlyList<string>)[.. g.Select(i => originals[i])]);
        var (precision, recall, _) = PairScores.Score(groups, originals);
        return (precision, recall);
    }

    private static void Row(string rule, string threshold, List<(int A, int B, int P, int D, bool Same)> pairs, int count, Func<(int A, int B, int P, int D, bool Same), bool> links, string[] originals)
    {
        long tp = 0, fp = 0, fn = 0;
        var set = new DisjointSet(count);
        foreach (var p in pairs)
        {
            var linked = links(p);
            if (linked)
            {
                set.Union(p.A, p.B);
            }

            _ = (linked, p.Same) switch
            {
                (true, true) => tp++,
                (true, false) => fp++,
                (false, true) => fn++,
                _ => 0,
            };
        }

        long gtp = 0, gfp = 0, gfn = 0;
        foreach (var p in pairs)
        {
            var grouped = set.Find(p.A) == set.Find(p.B);
            _ = (grouped, p.Same) switch
            {
                (true, true) => gtp++,
                (true, false) => gfp++,
                (false, true) => gfn++,
                _ => 0,
            };
        }

        Console.WriteLine($"{rule} | {threshold} | {Ratio(tp, tp + fp)} | {Ratio(tp, tp + fn)} | {Ratio(gtp, gtp + gfp)} | {Ratio(gtp, gtp + gfn)}");
    }

    private static string Ratio(long a, long b) => b == 0 ? "—" : ((double)a / b).ToString("0.0000", CultureInfo.InvariantCulture);
}

/// <summary>Pair precision and recall of a `dfd dupes --json` report over a labelled folder, and per alteration whether a copy landed with its original.</summary>
internal static class Score
{
    public static int Run(string folder, string reportPath, double? seconds)
    {
        folder = Path.GetFullPath(folder);
        var rows = File.ReadAllLines(Path.Combine(folder, "labels.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        var original = rows.ToDictionary(r => Path.Combine(folder, r[0]), r => r[1], StringComparer.Ordinal);
        using var report = JsonDocument.Parse(File.ReadAllText(reportPath));
        var groups = report.RootElement.GetProperty("groups").EnumerateArray()
            .Select(g => (Number: g.GetProperty("group").GetInt32(), Paths: g.GetProperty("members").EnumerateArray().Select(m => m.GetProperty("path").GetString()!).ToList()))
            .ToList();
        var (precision, recall, wrong) = PairScores.Score(groups.Select(g => (IReadOnlyList<string>)[.. g.Paths.Select(p => original[p])]), original.Values);
        var positives = original.Values.GroupBy(o => o, StringComparer.Ordinal).Sum(g => (long)g.Count() * (g.Count() - 1) / 2);
        Console.WriteLine($"{rows.Count} files, {positives} positive pairs, {groups.Count} groups" + (seconds is { } s ? $", dupes took {s:0.0} s" : ""));
        Console.WriteLine($"precision {precision:0.0000}  recall {recall:0.0000}  ({Math.Round(recall * positives)} right, {wrong} wrong pairs)");

        var groupOf = groups.SelectMany(g => g.Paths.Select(p => (p, g.Number))).ToDictionary(x => x.p, x => x.Number, StringComparer.Ordinal);
        var first = rows.Where(r => r[3] == "original").ToDictionary(r => r[1], r => Path.Combine(folder, r[0]), StringComparer.Ordinal);
        var byKind = rows.Where(r => r[3] != "original")
            .GroupBy(r => r[3], StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => $"{g.Key} {g.Count(r => groupOf.TryGetValue(Path.Combine(folder, r[0]), out var n) && groupOf.TryGetValue(first[r[1]], out var m) && n == m)}/{g.Count()}");
        Console.WriteLine("copy grouped with its original: " + string.Join(", ", byKind));
        return 0;
    }
}
