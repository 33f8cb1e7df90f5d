#:project ../../src/DrawingFromDiffusion.Onnx/DrawingFromDiffusion.Onnx.csproj
// The labelled set for `dfd similar`: Debian clip-art as shipped (openclipart-png, tuxpaint-stamps-default; PNGs keep
// their transparency), a few originals per clip-art folder so look-alike siblings compete with the copies, and for each
// original a seeded draw of altered copies.
//
//   dotnet run tests/tools/similar-set.cs -- generate OUT [--count 60] [--seed 7] [--copies 4] [--per-family 4] [--max-side 320] [--wide]
//   dotnet run tests/tools/similar-set.cs -- measure DIR [--dfd PATH] [-k 5] [--db CATALOG]
//
// generate writes OUT/originals, OUT/altered and OUT/labels.csv (file,original,family,alteration). Alteration kinds:
// jpeg-q50, webp-q40, resize-50, crop-10 (5–10 % cut), crop-20 (10–20 % cut), flip (mirrored), pad (12–25 % border
// of white), background (composited onto a random colour), brighten, blur, watermark. --wide adds: pad-colour (a
// 12–25 % border, everything flattened onto a random colour, JPEG), crop-flip (a 5–15 % crop, mirrored), jpeg-q20
// (60 % size, JPEG q20 on white), grayscale, darken (×0.7 + 23, on white, JPEG), rotate (2–5° either way on
// white), stretch (one side squeezed to 80–90 %), combo (two of the basic kinds in a row); the draw then differs from
// the same seed without --wide.
// measure runs `dfd index DIR` into a fresh catalog (offline resnet18-imagenet pack), then
// `dfd similar ORIGINAL -k 5 --json` for every original, and prints per alteration how many copies landed in the top k,
// and the CPU time (user + system) of the similar processes. --db keeps the catalog at CATALOG (a rerun with another
// dfd build then only rescans; the ranking rules do not change what is stored).
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SkiaSharp;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (args.Length < 2 || args[0] is not ("generate" or "measure"))
{
    Console.Error.WriteLine("usage: similar-set.cs generate OUT [--count N] [--seed S] [--copies C] [--per-family F] [--max-side PX] | measure DIR [--dfd PATH] [-k K] [--db CATALOG]");
    return 2;
}

return args[0] == "generate"
    ? SimilarSet.Generate(args[1], Option(args, "--count", 60), Option(args, "--seed", 7), Option(args, "--copies", 4), Option(args, "--per-family", 4), Option(args, "--max-side", 320), args.Contains("--wide"))
    : await SimilarMeasure.RunAsync(args[1], Text(args, "--dfd", DefaultDfd()), Option(args, "-k", 5), Text(args, "--db", ""));

static int Option(string[] args, string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

static string Text(string[] args, string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

static string DefaultDfd([System.Runtime.CompilerServices.CallerFilePath] string here = "") =>
    Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "../../src/DrawingFromDiffusion.Cli/bin/Release/net10.0/dfd"));

internal static class SimilarSet
{
    private static readonly string[] Roots = ["/usr/share/openclipart/png", "/usr/share/tuxpaint/stamps"];

    public static readonly string[] Kinds = ["jpeg-q50", "webp-q40", "resize-50", "crop-10", "crop-20", "flip", "pad", "background", "brighten", "blur", "watermark"];

    public static readonly string[] WideKinds = [.. Kinds, "pad-colour", "crop-flip", "jpeg-q20", "grayscale", "darken", "rotate", "stretch", "combo"];

    public static int Generate(string outDir, int count, int seed, int copies, int perFamily, int maxSide, bool wide)
    {
        var sources = Roots.Where(Directory.Exists)
            .SelectMany(root => Directory.EnumerateFiles(root, "*.png", SearchOption.AllDirectories))
            .Where(p => !p.Contains("/.thumbs/", StringComparison.Ordinal) && !p.EndsWith("_mirror.png", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (sources.Count == 0)
        {
            Console.Error.WriteLine("no clip-art found: apt-get install openclipart-png tuxpaint-stamps-default");
            return 1;
        }

        var random = new Random(seed);
        var families = sources.GroupBy(p => Path.GetDirectoryName(p)!).Select(g => g.ToList()).ToList();
        Shuffle(families, random);
        Directory.CreateDirectory(Path.Combine(outDir, "originals"));
        Directory.CreateDirectory(Path.Combine(outDir, "altered"));
        using var labels = new StreamWriter(Path.Combine(outDir, "labels.csv"));
        labels.WriteLine("file,original,family,alteration");
        using var typeface = File.Exists("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
            ? SKTypeface.FromFile("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
            : SKTypeface.Default;
        var picked = new List<byte[]>();
        foreach (var family in families)
        {
            Shuffle(family, random);
            var taken = 0;
            foreach (var source in family)
            {
                if (picked.Count >= count || taken >= perFamily)
                {
                    break;
                }

                using var raw = Decode(source);
                if (raw is null || Math.Min(raw.Width, raw.Height) < 48)
                {
                    continue;
                }

                using var image = Shrink(raw, maxSide);
                var gray = Gray16(image);

                // Look-alike siblings stay in (they are the point); only re-exports of one drawing, which no one could
                // label as a different picture, are left out.
                if (gray.Max() - gray.Min() < 24 || picked.Any(p => p.Zip(gray, (x, y) => Math.Abs(x - y)).Average() < 2))
                {
                    continue;
                }

                var name = $"{picked.Count:000}";
                picked.Add(gray);
                taken++;
                var family_ = Path.GetRelativePath("/usr/share", Path.GetDirectoryName(source)!).Replace(',', '_');
                File.WriteAllBytes(Path.Combine(outDir, "originals", name + ".png"), Encode(image, SKEncodedImageFormat.Png, 100));
                labels.WriteLine($"originals/{name}.png,{name},{family_},original");
                var kinds = (wide ? WideKinds : Kinds).ToList();
                Shuffle(kinds, random);
                foreach (var kind in kinds.Take(copies))
                {
                    var (extension, bytes) = Alter(image, kind, random, typeface);
                    var file = $"altered/{name}-{kind}.{extension}";
                    File.WriteAllBytes(Path.Combine(outDir, file), bytes);
                    labels.WriteLine($"{file},{name},{family_},{kind}");
                }
            }

            if (picked.Count >= count)
            {
                break;
            }
        }

        Console.Error.WriteLine($"{picked.Count} originals × {copies} copies in {outDir}");
        return 0;
    }

    private static (string Extension, byte[] Bytes) Alter(SKBitmap image, string kind, Random random, SKTypeface typeface)
    {
        switch (kind)
        {
            case "jpeg-q50":
            {
                using var flat = OnBackground(image, SKColors.White);
                return ("jpg", Encode(flat, SKEncodedImageFormat.Jpeg, 50));
            }

            case "webp-q40":
                return ("webp", Encode(image, SKEncodedImageFormat.Webp, 40));
            case "resize-50":
            {
                using var half = image.Resize(new SKImageInfo(Math.Max(1, image.Width / 2), Math.Max(1, image.Height / 2), SKColorType.Rgba8888, SKAlphaType.Unpremul), new SKSamplingOptions(SKCubicResampler.Mitchell));
                return ("png", Encode(half, SKEncodedImageFormat.Png, 100));
            }

            case "crop-10" or "crop-20":
            {
                var cut = kind == "crop-10" ? 0.05 + (random.NextDouble() * 0.05) : 0.10 + (random.NextDouble() * 0.10);
                var dx = (int)Math.Round(image.Width * cut);
                var dy = (int)Math.Round(image.Height * cut);
                var left = random.Next(dx + 1);
                var top = random.Next(dy + 1);
                using var cropped = new SKBitmap(new SKImageInfo(image.Width - dx, image.Height - dy, SKColorType.Rgba8888, SKAlphaType.Unpremul));
                image.ExtractSubset(cropped, new SKRectI(left, top, left + cropped.Width, top + cropped.Height));
                return ("png", Encode(cropped, SKEncodedImageFormat.Png, 100));
            }

            case "flip":
            {
                using var mirrored = Draw(image, image.Width, image.Height, c => c.Scale(-1, 1, image.Width / 2f, 0));
                return ("png", Encode(mirrored, SKEncodedImageFormat.Png, 100));
            }

            case "pad":
            {
                var border = 0.12 + (random.NextDouble() * 0.13);
                var width = (int)Math.Round(image.Width * (1 + border));
                var height = (int)Math.Round(image.Height * (1 + border));
                var x = random.Next(width - image.Width + 1);
                var y = random.Next(height - image.Height + 1);
                using var padded = Draw(image, width, height, c => c.Translate(x, y), SKColors.White);
                return ("png", Encode(padded, SKEncodedImageFormat.Png, 100));
            }

            case "background":
            {
                var colour = new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
                using var flat = OnBackground(image, colour);
                return ("jpg", Encode(flat, SKEncodedImageFormat.Jpeg, 90));
            }

            case "brighten":
            {
                const float Gain = 1.2f, Offset = 30 / 255f;
                using var filter = SKColorFilter.CreateColorMatrix([Gain, 0, 0, 0, Offset, 0, Gain, 0, 0, Offset, 0, 0, Gain, 0, Offset, 0, 0, 0, 1, 0]);
                using var paint = new SKPaint { ColorFilter = filter };
                using var bright = Draw(image, image.Width, image.Height, _ => { }, null, paint);
                return ("png", Encode(bright, SKEncodedImageFormat.Png, 100));
            }

            case "pad-colour":
            {
                var colour = new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
                var border = 0.12 + (random.NextDouble() * 0.13);
                var width = (int)Math.Round(image.Width * (1 + border));
                var height = (int)Math.Round(image.Height * (1 + border));
                var x = random.Next(width - image.Width + 1);
                var y = random.Next(height - image.Height + 1);
                using var padded = Draw(image, width, height, c => c.Translate(x, y), colour);
                return ("jpg", Encode(padded, SKEncodedImageFormat.Jpeg, 85));
            }

            case "crop-flip":
            {
                var cut = 0.05 + (random.NextDouble() * 0.10);
                var dx = (int)Math.Round(image.Width * cut);
                var dy = (int)Math.Round(image.Height * cut);
                var left = random.Next(dx + 1);
                var top = random.Next(dy + 1);
                using var cropped = new SKBitmap(new SKImageInfo(image.Width - dx, image.Height - dy, SKColorType.Rgba8888, SKAlphaType.Unpremul));
                image.ExtractSubset(cropped, new SKRectI(left, top, left + cropped.Width, top + cropped.Height));
                using var mirrored = Draw(cropped, cropped.Width, cropped.Height, c => c.Scale(-1, 1, cropped.Width / 2f, 0));
                return ("png", Encode(mirrored, SKEncodedImageFormat.Png, 100));
            }

            case "jpeg-q20":
            {
                var width = Math.Max(1, (int)Math.Round(image.Width * 0.6));
                var height = Math.Max(1, (int)Math.Round(image.Height * 0.6));
                using var small = Draw(image, width, height, c => c.Scale(width / (float)image.Width, height / (float)image.Height), SKColors.White);
                return ("jpg", Encode(small, SKEncodedImageFormat.Jpeg, 20));
            }

            case "grayscale":
            {
                using var filter = SKColorFilter.CreateColorMatrix([0.299f, 0.587f, 0.114f, 0, 0, 0.299f, 0.587f, 0.114f, 0, 0, 0.299f, 0.587f, 0.114f, 0, 0, 0, 0, 0, 1, 0]);
                using var paint = new SKPaint { ColorFilter = filter };
                using var grey = Draw(image, image.Width, image.Height, _ => { }, null, paint);
                return ("png", Encode(grey, SKEncodedImageFormat.Png, 100));
            }

            case "darken":
            {
                const float Gain = 0.7f, Offset = 23 / 255f;
                using var filter = SKColorFilter.CreateColorMatrix([Gain, 0, 0, 0, Offset, 0, Gain, 0, 0, Offset, 0, 0, Gain, 0, Offset, 0, 0, 0, 1, 0]);
                using var paint = new SKPaint { ColorFilter = filter };
                using var dark = Draw(image, image.Width, image.Height, _ => { }, SKColors.White, paint);
                return ("jpg", Encode(dark, SKEncodedImageFormat.Jpeg, 85));
            }

            case "rotate":
            {
                var degrees = (float)((2 + (random.NextDouble() * 3)) * (random.Next(2) == 0 ? -1 : 1));
                using var turned = Draw(image, image.Width, image.Height, c => c.RotateDegrees(degrees, image.Width / 2f, image.Height / 2f), SKColors.White);
                return ("png", Encode(turned, SKEncodedImageFormat.Png, 100));
            }

            case "stretch":
            {
                var squeeze = 0.8 + (random.NextDouble() * 0.1);
                var horizontal = random.Next(2) == 0;
                var width = Math.Max(1, (int)Math.Round(image.Width * (horizontal ? squeeze : 1)));
                var height = Math.Max(1, (int)Math.Round(image.Height * (horizontal ? 1 : squeeze)));
                using var squeezed = image.Resize(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul), new SKSamplingOptions(SKCubicResampler.Mitchell));
                return ("png", Encode(squeezed, SKEncodedImageFormat.Png, 100));
            }

            case "combo":
            {
                var first = Kinds[random.Next(Kinds.Length)];
                var second = Kinds.Where(k => k != first).ElementAt(random.Next(Kinds.Length - 1));
                var (_, once) = Alter(image, first, random, typeface);
                using var between = SKBitmap.Decode(once);
                using var converted = Shrink(between, int.MaxValue);
                return Alter(converted, second, random, typeface);
            }

            case "blur":
            {
                var sigma = Math.Max(1.5f, Math.Max(image.Width, image.Height) / 100f);
                using var filter = SKImageFilter.CreateBlur(sigma, sigma, SKShaderTileMode.Decal);
                using var paint = new SKPaint { ImageFilter = filter };
                using var blurred = Draw(image, image.Width, image.Height, _ => { }, SKColors.White, paint);
                return ("jpg", Encode(blurred, SKEncodedImageFormat.Jpeg, 92));
            }

            default:
            {
                using var marked = Draw(image, image.Width, image.Height, _ => { }, SKColors.White);
                using var canvas = new SKCanvas(marked);
                using var font = new SKFont(typeface, Math.Max(9f, image.Height / 12f));
                using var paint = new SKPaint { Color = new SKColor(60, 60, 60, 170), IsAntialias = true };
                const string Mark = "© dfd 2024";
                canvas.DrawText(Mark, image.Width - font.MeasureText(Mark) - (image.Width * 0.03f), image.Height * 0.94f, SKTextAlign.Left, font, paint);
                return ("png", Encode(marked, SKEncodedImageFormat.Png, 100));
            }
        }
    }

    private static SKBitmap OnBackground(SKBitmap image, SKColor colour) => Draw(image, image.Width, image.Height, _ => { }, colour);

    private static SKBitmap Draw(SKBitmap image, int width, int height, Action<SKCanvas> place, SKColor? background = null, SKPaint? paint = null)
    {
        var result = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, background is null ? SKAlphaType.Unpremul : SKAlphaType.Opaque));
        using var canvas = new SKCanvas(result);
        canvas.Clear(background ?? SKColors.Transparent);
        place(canvas);
        using var source = SKImage.FromBitmap(image);
        canvas.DrawImage(source, 0, 0, new SKSamplingOptions(SKFilterMode.Linear), paint);
        return result;
    }

    private static SKBitmap? Decode(string path)
    {
        try
        {
            return SKBitmap.Decode(path);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return null;
        }
    }

    /// <summary>Large clip-art shrunk to <paramref name="maxSide"/>, transparency kept.</summary>
    private static SKBitmap Shrink(SKBitmap raw, int maxSide)
    {
        var scale = Math.Min(1.0, (double)maxSide / Math.Max(raw.Width, raw.Height));
        var info = new SKImageInfo(Math.Max(1, (int)Math.Round(raw.Width * scale)), Math.Max(1, (int)Math.Round(raw.Height * scale)), SKColorType.Rgba8888, SKAlphaType.Unpremul);
        return raw.Resize(info, new SKSamplingOptions(SKCubicResampler.Mitchell));
    }

    private static byte[] Encode(SKBitmap bitmap, SKEncodedImageFormat format, int quality)
    {
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, quality);
        return data.ToArray();
    }

    /// <summary>A 16 × 16 grey image over white, to leave out re-exports of one drawing.</summary>
    private static byte[] Gray16(SKBitmap image)
    {
        using var flat = OnBackground(image, SKColors.White);
        using var small = flat.Resize(new SKImageInfo(16, 16, SKColorType.Rgba8888, SKAlphaType.Opaque), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        var span = small.GetPixelSpan();
        var gray = new byte[256];
        for (var i = 0; i < gray.Length; i++)
        {
            gray[i] = (byte)(((span[i * 4] * 299) + (span[(i * 4) + 1] * 587) + (span[(i * 4) + 2] * 114)) / 1000);
        }

        return gray;
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

internal static class SimilarMeasure
{
    /// <summary>Results asked for per query, to see where the missed copies rank (the ranking does not depend on k).</summary>
    private const int Deep = 50;

    public static async Task<int> RunAsync(string dir, string dfd, int k, string keptDb)
    {
        dir = Path.GetFullPath(dir);
        var rows = File.ReadAllLines(Path.Combine(dir, "labels.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        var work = Directory.CreateTempSubdirectory("dfd-similar-measure-").FullName;
        try
        {
            var db = keptDb.Length > 0 ? Path.GetFullPath(keptDb) : Path.Combine(work, "catalog.db");
            var (indexCode, _, indexErr, _) = await RunAsync(dfd, ["index", dir, "--db", db, "--model", "resnet18-imagenet"]);
            if (indexCode != 0)
            {
                Console.Error.WriteLine(indexErr);
                return 1;
            }

            var found = new Dictionary<string, (int Found, int Total)>(StringComparer.Ordinal);
            var misses = new List<string>();
            var cpu = new List<double>();
            var ranks = new List<int>();
            var unchanged = new List<string>();
            foreach (var original in rows.Where(r => r[3] == "original"))
            {
                var (code, stdout, stderr, seconds) = await RunAsync(dfd, ["similar", Path.Combine(dir, original[0]), "--db", db, "-k", Math.Max(k, Deep).ToString(CultureInfo.InvariantCulture), "--json"]);
                if (code != 0)
                {
                    Console.Error.WriteLine(stderr);
                    return 1;
                }

                cpu.Add(seconds);
                var top = JsonDocument.Parse(stdout).RootElement.GetProperty("results").EnumerateArray()
                    .Select(r => Path.GetRelativePath(dir, r.GetProperty("path").GetString()!)).ToList();
                foreach (var copy in rows.Where(r => r[1] == original[1] && r[3] != "original"))
                {
                    var (f, t) = found.GetValueOrDefault(copy[3]);
                    var rank = top.IndexOf(copy[0]) + 1;
                    ranks.Add(rank == 0 ? int.MaxValue : rank);
                    var hit = rank is > 0 && rank <= k;
                    if (!hit && rank == 0 && SamePixels(Path.Combine(dir, original[0]), Path.Combine(dir, copy[0])))
                    {
                        // e.g. a grey copy of a grey original: the catalog may hold one image for both files, and the
                        // query leaves itself out, so such a copy cannot be listed; counted as a miss, and named apart.
                        unchanged.Add($"{copy[0]} ({copy[3]})");
                    }

                    found[copy[3]] = (f + (hit ? 1 : 0), t + 1);
                    if (!hit)
                    {
                        misses.Add($"{copy[0]} at rank {(rank == 0 ? $"> {Deep}" : rank)} (top {k}: {string.Join(" ", top.Take(k).Select(Path.GetFileNameWithoutExtension))})");
                    }
                }
            }

            var all = (Found: found.Values.Sum(v => v.Found), Total: found.Values.Sum(v => v.Total));
            Console.WriteLine($"{dir}: {cpu.Count} originals, {all.Total} copies; top-{k} recall {all.Found}/{all.Total} = {(double)all.Found / all.Total:P1}");
            foreach (var (kind, (f, t)) in found.OrderBy(x => x.Key, StringComparer.Ordinal))
            {
                Console.WriteLine($"  {kind,-11} {f,3}/{t,-3} {(double)f / t:P1}");
            }

            Console.WriteLine("copies within rank: " + string.Join(", ", new[] { 1, 5, 10, 20, 30, 50 }.Select(r => $"≤{r} {ranks.Count(x => x <= r)}")) + $", beyond {Deep} {ranks.Count(x => x > Deep)}");
            cpu.Sort();
            Console.WriteLine($"dfd similar process CPU (user+sys, includes start-up): p50 {cpu[cpu.Count / 2] * 1000:0} ms, mean {cpu.Average() * 1000:0} ms");
            Console.WriteLine($"missed copies with the original's very pixels (possibly one catalog image with it, which the query leaves out): {unchanged.Count} {string.Join(", ", unchanged)}");
            Console.WriteLine("missed:");
            foreach (var miss in misses)
            {
                Console.WriteLine("  " + miss);
            }

            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Whether two files decode to the same pixels (same size, same RGBA after premultiplied decoding).</summary>
    private static bool SamePixels(string a, string b)
    {
        using var first = SKBitmap.Decode(a);
        using var second = SKBitmap.Decode(b);
        return first is not null && second is not null && first.Width == second.Width && first.Height == second.Height
            && first.GetPixelSpan().SequenceEqual(second.GetPixelSpan());
    }

    private static async Task<(int Code, string Stdout, string Stderr, double CpuSeconds)> RunAsync(string file, string[] arguments)
    {
        // GNU time reports the child's CPU time; .NET cannot read it once the process has been reaped.
        var times = Path.GetTempFileName();
        var start = new ProcessStartInfo("/usr/bin/time") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["-f", "%U %S", "-o", times, file, .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        var cpu = File.ReadAllText(times).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).TakeLast(2).Sum(t => double.Parse(t, CultureInfo.InvariantCulture));
        File.Delete(times);
        return (process.ExitCode, await stdout, await stderr, cpu);
    }
}
