#:project ../../src/DrawingFromDiffusion.Onnx/DrawingFromDiffusion.Onnx.csproj
// A near-duplicate set built like a real collection: whole Debian clip-art folders rich in look-alike siblings
// (star polygons, playing cards, clocks, flags, icon themes, tuxpaint stamps), copied AS THEY ARE (transparent
// originals stay transparent), with altered copies planted for some originals and sibling drawings made from others.
//
//   dotnet run tests/tools/make-real-dupes.cs -- OUT --selection tune|held-out|fresh [--seed 1] [--per-folder 160]
//
// Writes OUT/originals/<folder>/<file>, OUT/altered, OUT/siblings and OUT/labels.csv
// (file,original,family,alteration,source). measure with tests/tools/measure-dupes.sh OUT.
//
// Truth rule: two files are the same picture iff they share the `original` column — one is a planted alteration of
// the other, or both are alterations of one original. Every other pair is a negative, including the real look-alike
// siblings of a folder and the made siblings (one drawing with one local change: a line added, a small part
// recoloured or removed). Real copies inside the Debian folders (byte-identical files, or the same drawing exported
// twice: equal 32 px composites at the same aspect) are left out, so the negatives hold no unlabelled copies.
//
// Alterations (3 of them, drawn at random, for one original in three): jpeg-flat (flattened onto white, JPEG q75),
// webp-flat (flattened, WebP q60), resize (50–80 %, alpha kept), crop (2–8 % off, alpha kept), blur (alpha kept),
// brighten (×1.15 + 25, alpha kept), watermark (text, flattened, JPEG q90). One original in eight gets a made sibling,
// and the sibling gets a jpeg-flat copy of its own.
using System.Globalization;
using SkiaSharp;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
if (args.Length < 1 || Array.IndexOf(args, "--selection") < 0)
{
    Console.Error.WriteLine("usage: make-real-dupes.cs OUT --selection tune|held-out|fresh [--seed 1] [--per-folder 160]");
    return 2;
}

var selection = args[Array.IndexOf(args, "--selection") + 1];
return RealSet.Generate(args[0], selection, Option("--seed", 1), Option("--per-folder", 160));

int Option(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

internal static class RealSet
{
    private const string Clipart = "/usr/share/openclipart/png/";
    private const string Stamps = "/usr/share/tuxpaint/stamps/";

    /// <summary>Disjoint folder selections; the star polygons are split between them by file order. One card style
    /// each: openclipart's "simple" and "white" cards (and "ornamental" and "bordered") are one drawing on another
    /// background — the same picture, which the truth rule would count as a negative.</summary>
    private static readonly Dictionary<string, string[]> Selections = new()
    {
        ["tune"] =
        [
            Clipart + "shapes/stars#even", Clipart + "recreation/games/cards/simple", Clipart + "recreation/music",
            Clipart + "signs_and_symbols/clocks", Clipart + "signs_and_symbols/flags/europe", Clipart + "signs_and_symbols/weather",
            Clipart + "computer/icons/lemon-theme/actions", Clipart + "shapes/jigsaw", Clipart + "recreation/games/chess",
            Stamps + "animals/birds", Stamps + "symbols/alphabets/english/filled/uppercase", Stamps + "food/fruit", Stamps + "town/roadsigns",
        ],
        ["held-out"] =
        [
            Clipart + "shapes/stars#odd", Clipart + "recreation/games/cards/ornamental", Clipart + "recreation/party",
            Clipart + "signs_and_symbols/flags/asia", Clipart + "signs_and_symbols/flags/africa", Clipart + "signs_and_symbols/map_symbols",
            Clipart + "computer/icons/flat-theme/device", Clipart + "computer/icons/etiquette-theme/stock", Clipart + "shapes/arrows",
            Clipart + "signs_and_symbols/led", Stamps + "town/houses/cartoon", Stamps + "symbols/alphabets/english/outlined/uppercase",
            Stamps + "plants/flowers", Stamps + "seasonal/christmas",
        ],

        // Made after the first two were used, measured once: icon themes and symbol sets rich in look-alikes, no stars.
        ["fresh"] =
        [
            Clipart + "computer/icons/flat-theme/action", Clipart + "computer/icons/lemon-theme/mimetypes", Clipart + "computer/buttons",
            Clipart + "transportation/aiga-symbols", Clipart + "transportation/roadsigns", Clipart + "signs_and_symbols/flags/america",
            Clipart + "special/patterns", Clipart + "food/desserts", Stamps + "animals/mammals", Stamps + "animals/fish",
            Stamps + "food/vegetables", Stamps + "clothes",
        ],
    };

    private static readonly string[] Kinds = ["jpeg-flat", "webp-flat", "resize", "crop", "blur", "brighten", "watermark"];

    public static int Generate(string outDir, string selection, int seed, int perFolder)
    {
        if (!Selections.TryGetValue(selection, out var folders))
        {
            Console.Error.WriteLine($"unknown selection {selection}: tune, held-out or fresh");
            return 2;
        }

        var random = new Random(seed);
        foreach (var sub in new[] { "originals", "altered", "siblings" })
        {
            Directory.CreateDirectory(Path.Combine(outDir, sub));
        }

        using var labels = new StreamWriter(Path.Combine(outDir, "labels.csv"));
        labels.WriteLine("file,original,family,alteration,source");
        using var typeface = SKTypeface.FromFile("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf") ?? SKTypeface.Default;
        var seenBytes = new HashSet<string>();
        var seenPictures = new List<(double Aspect, byte[] Gray)>();
        var (count, copies, siblings, leftOut) = (0, 0, 0, 0);
        foreach (var entry in folders)
        {
            var parts = entry.Split('#');
            var folder = parts[0];
            var files = Directory.GetFiles(folder, "*.png").Order(StringComparer.Ordinal).ToList();
            if (parts.Length > 1)
            {
                files = [.. files.Where((_, i) => (i % 2 == 0) == (parts[1] == "even"))];
            }

            Shuffle(files, random);
            var family = folder.Replace(Clipart, "openclipart/", StringComparison.Ordinal).Replace(Stamps, "tuxpaint/", StringComparison.Ordinal);
            var taken = 0;
            foreach (var path in files)
            {
                if (taken >= perFolder)
                {
                    break;
                }

                var bytes = File.ReadAllBytes(path);
                using var bitmap = Decode(bytes);
                if (bitmap is null || Math.Min(bitmap.Width, bitmap.Height) < 24 || (long)bitmap.Width * bitmap.Height > 6_000_000)
                {
                    continue;
                }

                // Real copies inside the Debian folders would be unlabelled positives: left out.
                var gray = Gray32(bitmap);
                var aspect = (double)bitmap.Width / bitmap.Height;
                if (!seenBytes.Add(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes)))
                    || seenPictures.Any(p => Math.Abs(p.Aspect - aspect) < 0.02 * aspect && MeanAbsDiff(p.Gray, gray) < 1.5))
                {
                    leftOut++;
                    continue;
                }

                seenPictures.Add((aspect, gray));
                var id = $"{count:0000}";
                var file = $"originals/{id}-{Path.GetFileName(path)}";
                File.WriteAllBytes(Path.Combine(outDir, file), bytes);
                labels.WriteLine($"{file},{id},{family},original,");
                count++;
                taken++;
                if (count % 3 == 0)
                {
                    foreach (var kind in Kinds.OrderBy(_ => random.Next()).Take(3))
                    {
                        var (name, altered) = Alter(bitmap, kind, random, typeface);
                        var copy = $"altered/{id}-{kind}{name}";
                        File.WriteAllBytes(Path.Combine(outDir, copy), altered);
                        labels.WriteLine($"{copy},{id},{family},{kind},");
                        copies++;
                    }
                }

                if (count % 8 == 4 && Sibling(bitmap, random) is var (change, sibling) && sibling is not null)
                {
                    using (sibling)
                    {
                        var siblingId = $"s{id}";
                        var siblingFile = $"siblings/{siblingId}-{change}.png";
                        File.WriteAllBytes(Path.Combine(outDir, siblingFile), Encode(sibling, SKEncodedImageFormat.Png, 100));
                        labels.WriteLine($"{siblingFile},{siblingId},{family},original,{id}:{change}");
                        var copy = $"altered/{siblingId}-jpeg-flat.jpg";
                        File.WriteAllBytes(Path.Combine(outDir, copy), Alter(sibling, "jpeg-flat", random, typeface).Bytes);
                        labels.WriteLine($"{copy},{siblingId},{family},jpeg-flat,");
                        siblings++;
                        copies++;
                    }
                }
            }
        }

        Console.Error.WriteLine($"{count} real originals from {folders.Length} folders, {siblings} made siblings, {copies} planted copies in {outDir} ({leftOut} real copies left out)");
        return 0;
    }

    private static (string Suffix, byte[] Bytes) Alter(SKBitmap image, string kind, Random random, SKTypeface typeface)
    {
        switch (kind)
        {
            case "jpeg-flat":
                using (var flat = Flatten(image))
                {
                    return (".jpg", Encode(flat, SKEncodedImageFormat.Jpeg, 75));
                }

            case "webp-flat":
                using (var flat = Flatten(image))
                {
                    return (".webp", Encode(flat, SKEncodedImageFormat.Webp, 60));
                }

            case "resize":
                using (var small = Resized(image, 0.5 + (random.NextDouble() * 0.3)))
                {
                    return (".png", Encode(small, SKEncodedImageFormat.Png, 100));
                }

            case "crop":
                using (var cropped = Crop(image, 0.02 + (random.NextDouble() * 0.06), random))
                {
                    return (".png", Encode(cropped, SKEncodedImageFormat.Png, 100));
                }

            case "blur":
                using (var blurred = Filtered(image, new SKPaint { ImageFilter = SKImageFilter.CreateBlur(Math.Max(image.Width, image.Height) / 150f, Math.Max(image.Width, image.Height) / 150f) }))
                {
                    return (".png", Encode(blurred, SKEncodedImageFormat.Png, 100));
                }

            case "brighten":
                const float O = 25 / 255f;
                using (var bright = Filtered(image, new SKPaint { ColorFilter = SKColorFilter.CreateColorMatrix([1.15f, 0, 0, 0, O, 0, 1.15f, 0, 0, O, 0, 0, 1.15f, 0, O, 0, 0, 0, 1, 0]) }))
                {
                    return (".png", Encode(bright, SKEncodedImageFormat.Png, 100));
                }

            default:
                using (var marked = Flatten(image))
                {
                    using var canvas = new SKCanvas(marked);
                    using var font = new SKFont(typeface, Math.Max(8f, marked.Height / 16f));
                    using var paint = new SKPaint { Color = new SKColor(90, 90, 90, 150), IsAntialias = true };
                    const string Text = "© dfd 2024";
                    canvas.DrawText(Text, marked.Width - font.MeasureText(Text) - (marked.Width * 0.03f), marked.Height * 0.95f, SKTextAlign.Left, font, paint);
                    return (".jpg", Encode(marked, SKEncodedImageFormat.Jpeg, 90));
                }
        }
    }

    /// <summary>One drawing with one local change: a line added, a small part recoloured, or a small part removed.
    /// Null when no change that shows could be made (a flat picture).</summary>
    private static (string Change, SKBitmap? Bitmap) Sibling(SKBitmap image, Random random)
    {
        var content = ContentPixels(image);
        if (content.Count < 50)
        {
            return ("none", null);
        }

        var side = Math.Max(image.Width, image.Height);
        for (var attempt = 0; attempt < 12; attempt++)
        {
            var (x, y) = content[random.Next(content.Count)];
            var change = ((attempt + random.Next(3)) % 3) switch { 0 => "line", 1 => "recolour", _ => "remove" };
            var sibling = image.Copy();
            using (var canvas = new SKCanvas(sibling))
            {
                var box = side * (0.08f + ((float)random.NextDouble() * 0.05f));
                var rect = SKRect.Create(x - (box / 2), y - (box / 2), box, box);
                switch (change)
                {
                    case "line":
                        var angle = random.NextDouble() * Math.PI * 2;
                        var length = side * (0.15f + ((float)random.NextDouble() * 0.1f));
                        using (var pen = new SKPaint { Color = new SKColor(30, 30, 30), StrokeWidth = Math.Max(2f, side / 90f), IsAntialias = true, StrokeCap = SKStrokeCap.Round })
                        {
                            canvas.DrawLine(x, y, x + (float)(Math.Cos(angle) * length), y + (float)(Math.Sin(angle) * length), pen);
                        }

                        break;
                    case "recolour":
                        canvas.Flush();
                        Recolour(sibling, SKRectI.Round(rect));
                        break;
                    default:
                        canvas.Flush();
                        Erase(sibling, SKRectI.Round(rect), image);
                        break;
                }
            }

            // The change must show: at least 0.2 % of the pixels moved by more than 60 in some channel, once flattened.
            if (Changed(image, sibling) >= 0.002)
            {
                return (change, sibling);
            }

            sibling.Dispose();
        }

        return ("none", null);
    }

    /// <summary>Swaps colour channels (r, g, b → b, r, g) in the box; grey parts turn a strong blue instead.</summary>
    private static void Recolour(SKBitmap bitmap, SKRectI box)
    {
        for (var y = Math.Max(0, box.Top); y < Math.Min(bitmap.Height, box.Bottom); y++)
        {
            for (var x = Math.Max(0, box.Left); x < Math.Min(bitmap.Width, box.Right); x++)
            {
                var c = bitmap.GetPixel(x, y);
                var grey = Math.Abs(c.Red - c.Green) < 30 && Math.Abs(c.Green - c.Blue) < 30;
                bitmap.SetPixel(x, y, grey ? new SKColor((byte)(c.Red / 3), (byte)(c.Green / 3), 230, c.Alpha) : new SKColor(c.Blue, c.Red, c.Green, c.Alpha));
            }
        }
    }

    /// <summary>Clears the box to the background: transparent where the picture has transparency, else its corner colour.</summary>
    private static void Erase(SKBitmap bitmap, SKRectI box, SKBitmap original)
    {
        var corner = original.GetPixel(0, 0);
        for (var y = Math.Max(0, box.Top); y < Math.Min(bitmap.Height, box.Bottom); y++)
        {
            for (var x = Math.Max(0, box.Left); x < Math.Min(bitmap.Width, box.Right); x++)
            {
                bitmap.SetPixel(x, y, corner.Alpha < 255 ? SKColors.Transparent : corner);
            }
        }
    }

    /// <summary>Pixels that are drawn (not transparent, not near-white): where a local change will show.</summary>
    private static List<(int X, int Y)> ContentPixels(SKBitmap image)
    {
        var corner = image.GetPixel(0, 0);
        var result = new List<(int, int)>();
        var step = Math.Max(1, Math.Max(image.Width, image.Height) / 100);
        for (var y = 0; y < image.Height; y += step)
        {
            for (var x = 0; x < image.Width; x += step)
            {
                var c = image.GetPixel(x, y);
                if (c.Alpha > 128 && Math.Abs(c.Red - corner.Red) + Math.Abs(c.Green - corner.Green) + Math.Abs(c.Blue - corner.Blue) > 90)
                {
                    result.Add((x, y));
                }
            }
        }

        return result;
    }

    private static double Changed(SKBitmap a, SKBitmap b)
    {
        using var fa = Flatten(a);
        using var fb = Flatten(b);
        var changed = 0;
        for (var y = 0; y < fa.Height; y++)
        {
            for (var x = 0; x < fa.Width; x++)
            {
                var (p, q) = (fa.GetPixel(x, y), fb.GetPixel(x, y));
                changed += Math.Max(Math.Abs(p.Red - q.Red), Math.Max(Math.Abs(p.Green - q.Green), Math.Abs(p.Blue - q.Blue))) > 60 ? 1 : 0;
            }
        }

        return (double)changed / (fa.Width * fa.Height);
    }

    private static SKBitmap? Decode(byte[] bytes)
    {
        try
        {
            using var codec = SKCodec.Create(new MemoryStream(bytes));
            if (codec is null)
            {
                return null;
            }

            var bitmap = new SKBitmap(new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
            return codec.GetPixels(bitmap.Info, bitmap.GetPixels()) is SKCodecResult.Success or SKCodecResult.IncompleteInput ? bitmap : null;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return null;
        }
    }

    private static SKBitmap Flatten(SKBitmap image) => Filtered(image, null, SKColors.White);

    private static SKBitmap Filtered(SKBitmap image, SKPaint? paint, SKColor? background = null)
    {
        using (paint)
        {
            var result = new SKBitmap(new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, background is null ? SKAlphaType.Unpremul : SKAlphaType.Opaque));
            using var canvas = new SKCanvas(result);
            canvas.Clear(background ?? SKColors.Transparent);
            using var source = SKImage.FromBitmap(image);
            canvas.DrawImage(source, 0, 0, new SKSamplingOptions(SKFilterMode.Linear), paint);
            return result;
        }
    }

    private static SKBitmap Resized(SKBitmap image, double factor) =>
        image.Resize(
            new SKImageInfo(Math.Max(1, (int)Math.Round(image.Width * factor)), Math.Max(1, (int)Math.Round(image.Height * factor)), SKColorType.Rgba8888, SKAlphaType.Unpremul),
            new SKSamplingOptions(SKCubicResampler.Mitchell));

    private static SKBitmap Crop(SKBitmap image, double fraction, Random random)
    {
        var dx = (int)Math.Round(image.Width * fraction);
        var dy = (int)Math.Round(image.Height * fraction);
        var left = random.Next(dx + 1);
        var top = random.Next(dy + 1);
        var cropped = new SKBitmap();
        image.ExtractSubset(cropped, new SKRectI(left, top, left + image.Width - dx, top + image.Height - dy));
        return cropped.Copy();
    }

    private static byte[] Encode(SKBitmap bitmap, SKEncodedImageFormat format, int quality)
    {
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, quality);
        return data.ToArray();
    }

    /// <summary>A 32 × 32 grey composite onto white: equal for one drawing exported twice.</summary>
    private static byte[] Gray32(SKBitmap image)
    {
        using var flat = Flatten(image);
        using var small = flat.Resize(new SKImageInfo(32, 32, SKColorType.Rgba8888, SKAlphaType.Opaque), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        var span = small.GetPixelSpan();
        var gray = new byte[32 * 32];
        for (var i = 0; i < gray.Length; i++)
        {
            gray[i] = (byte)(((span[i * 4] * 299) + (span[(i * 4) + 1] * 587) + (span[(i * 4) + 2] * 114)) / 1000);
        }

        return gray;
    }

    private static double MeanAbsDiff(byte[] a, byte[] b) => a.Zip(b, (x, y) => Math.Abs(x - y)).Average();

    private static void Shuffle<T>(List<T> list, Random random)
    {
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }
}
