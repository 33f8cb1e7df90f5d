using System.Security.Cryptography;
using System.Text.Json;
using DrawingFromDiffusion.Onnx.Clip;
using DrawingFromDiffusion.Onnx.Models;
using SkiaSharp;

namespace DrawingFromDiffusion.Onnx.Tests.Clip;

public sealed class ClipPreprocessorTests
{
    private static readonly string _data = Path.Combine(AppContext.BaseDirectory, "TestData", "Clip");

    public static TheoryData<string> Names()
    {
        var names = new TheoryData<string>();
        foreach (var image in Images())
        {
            names.Add(image.GetProperty("name").GetString()!);
        }

        return names;
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void ResizeAndCrop_ReferenceImage_BitExactCrop(string name)
    {
        var image = Images().Single(i => i.GetProperty("name").GetString() == name);
        var preprocessor = new ClipPreprocessor(OpenAiSpec());
        using var file = File.OpenRead(Path.Combine(_data, image.GetProperty("input_png").GetString()!));

        var crop = preprocessor.ResizeAndCrop(SourceImage.Decode(file, long.MaxValue, 224));

        Assert.Equal(image.GetProperty("crop224_rgb_uint8_sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(crop)));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Prepare_ReferenceImage_SamplesWithinTolerance(string name)
    {
        var image = Images().Single(i => i.GetProperty("name").GetString() == name);
        var preprocessor = new ClipPreprocessor(OpenAiSpec());
        using var file = File.OpenRead(Path.Combine(_data, image.GetProperty("input_png").GetString()!));

        var tensor = preprocessor.Prepare(file, long.MaxValue);

        foreach (var sample in image.GetProperty("samples").EnumerateArray())
        {
            var index = (sample.GetProperty("c").GetInt32() * 224 * 224) + (sample.GetProperty("y").GetInt32() * 224) + sample.GetProperty("x").GetInt32();
            Assert.Equal(sample.GetProperty("value").GetDouble(), tensor[index], 1e-6);
        }

        var bytes = new byte[tensor.Length * 4];
        Buffer.BlockCopy(tensor, 0, bytes, 0, bytes.Length);
        Assert.Equal(image.GetProperty("tensor_float32_le_chw_sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    [Fact]
    public void ResizeAndCrop_GrayOddOffset_HfFloorsWhereOpenAiRoundsHalfEven()
    {
        var path = Path.Combine(_data, "preprocess-extra_gray_231x224_L.png");
        using var a = File.OpenRead(path);
        using var b = File.OpenRead(path);
        var source = SourceImage.Decode(a, long.MaxValue, 224);

        var openAi = new ClipPreprocessor(OpenAiSpec()).ResizeAndCrop(source);
        var hf = new ClipPreprocessor(OpenAiSpec() with { CropRounding = "floor", ConvertRgb = "before_resize" }).ResizeAndCrop(SourceImage.Decode(b, long.MaxValue, 224));

        // Offset 4 vs 3: HF's column 1 is OpenAI's column 0.
        Assert.Equal(source.Rgba[4 * 4], openAi[0]);
        Assert.Equal(source.Rgba[3 * 4], hf[0]);
        Assert.Equal(openAi.AsSpan(0, 3 * 223).ToArray(), hf.AsSpan(3, 3 * 223).ToArray());
    }

    [Fact]
    public void ResizeAndCrop_TransparentPixels_HiddenBlackByReferenceWhiteWhenThePackOptsIn()
    {
        // Left half fully transparent black, right half half-transparent black: clip art's usual hidden colour.
        using var bitmap = new SKBitmap(new SKImageInfo(224, 224, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        var pixels = bitmap.GetPixelSpan();
        for (var i = 0; i < 224 * 224; i++)
        {
            pixels[(i * 4) + 3] = (byte)(i % 224 < 112 ? 0 : 128);
        }

        using var png = SKImage.FromBitmap(bitmap).Encode(SKEncodedImageFormat.Png, 100);
        var reference = new ClipPreprocessor(OpenAiSpec()).ResizeAndCrop(SourceImage.Decode(new MemoryStream(png.ToArray()), long.MaxValue, 224));
        var white = new ClipPreprocessor(OpenAiSpec() with { Background = "white" }).ResizeAndCrop(SourceImage.Decode(new MemoryStream(png.ToArray()), long.MaxValue, 224));

        Assert.Equal(new byte[] { 0, 0, 0, 0, 0, 0 }, reference[..3].Concat(reference[(200 * 3)..(201 * 3)]));
        Assert.Equal(new byte[] { 255, 255, 255, 127, 127, 127 }, white[..3].Concat(white[(200 * 3)..(201 * 3)]));
    }

    private static ImageTowerSpec OpenAiSpec() => new() { File = "x.onnx", Input = "pixel_values" };

    private static List<JsonElement> Images()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(_data, "preprocess-vectors.json")));
        return doc.RootElement.GetProperty("images").EnumerateArray().Select(e => e.Clone()).ToList();
    }
}
