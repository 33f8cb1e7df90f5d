using System.Text.Json;
using DrawingFromDiffusion.Onnx.Execution;
using DrawingFromDiffusion.Onnx.Models;
using DrawingFromDiffusion.Onnx.Tagging;
using Xunit.Abstractions;

namespace DrawingFromDiffusion.Onnx.Tests.Tagging;

/// <summary>The tiny WD14-signature tagger (models/tools/make_tiny_tagger.py) against the PyTorch forward on the reference preprocessing.</summary>
public sealed class TinyTaggerTests(ITestOutputHelper output)
{
    private static readonly string _folder = Path.Combine(AppContext.BaseDirectory, "TestData", "Families", "tiny-wd14-tagger");
    private static readonly string _images = Path.Combine(AppContext.BaseDirectory, "TestData", "Clip");

    [Fact]
    public async Task Import_Wd14Folder_TaggerPackReadFromTheGraph()
    {
        var pack = await Install();

        Assert.Equal("tagger", pack.Manifest.Family);
        Assert.Equal(("input_1:0", "predictions_sigmoid", 448, "bgr", "nhwc"), (pack.Manifest.Image!.Input, pack.Manifest.Image.Output, pack.Manifest.Image.Size, pack.Manifest.Image.ChannelOrder, pack.Manifest.Image.Layout));
        Assert.Equal("selected_tags.csv", pack.Manifest.Tags);
        Assert.Null(pack.Manifest.Text);
        Assert.Empty(await pack.VerifyAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Scores_ReferencePngs_WithinToleranceOfPyTorch()
    {
        using var tagger = new OnnxTagger(await Install(), new OnnxSessionFactory(new DeviceOptions("cpu", Threads: 1)));
        var worst = 0f;
        foreach (var g in Goldens())
        {
            using var file = File.OpenRead(Path.Combine(_images, g.GetProperty("png").GetString()!));
            var tensor = tagger.Prepare(file, long.MaxValue);
            var scores = tagger.Scores(tensor);

            // A few pixel values may round the other way in the bicubic resize (one unit each, of 448·448·3 values).
            var pixelSumDiff = Math.Abs(g.GetProperty("pixel_sum").GetDouble() - tensor.Sum(x => (double)x));
            output.WriteLine($"{g.GetProperty("png")}: pixel sum differs by {pixelSumDiff}");
            Assert.True(pixelSumDiff <= 64, $"pixel sum differs by {pixelSumDiff}");
            var golden = g.GetProperty("scores").EnumerateArray().Select(e => e.GetSingle()).ToArray();
            worst = Math.Max(worst, golden.Zip(scores, (a, b) => MathF.Abs(a - b)).Max());
        }

        output.WriteLine($"tagger max abs diff {worst:E2}");
        Assert.True(worst <= 1e-4f, $"max abs diff {worst}");
    }

    [Fact]
    public async Task Pick_Thresholds_BestRatingGeneralAboveAndCharactersAboveTheirs()
    {
        using var tagger = new OnnxTagger(await Install(), new OnnxSessionFactory(new DeviceOptions("cpu", Threads: 1)));
        var scores = Goldens()[0].GetProperty("scores").EnumerateArray().Select(e => e.GetSingle()).ToArray();

        var picked = tagger.Pick(scores, new TagThresholds(General: 0.6f, Character: 0.6f));

        var rating = Assert.Single(picked, t => t.Category == "rating");
        Assert.Equal(Enumerable.Range(0, 4).Max(i => scores[i]), rating.Score);
        var expected = Enumerable.Range(4, scores.Length - 4).Count(i => scores[i] >= 0.6f);
        Assert.Equal(expected, picked.Count(t => t.Category != "rating"));
        Assert.Equal(picked.OrderByDescending(t => t.Score), picked);
    }

    private static async Task<ModelPack> Install()
    {
        var store = new ModelStore(Directory.CreateTempSubdirectory("dfd-tagger-").FullName, bundledRoot: "/nonexistent");
        return await store.AddAsync(_folder, "tiny-wd14-tagger", replace: false, CancellationToken.None);
    }

    private static List<JsonElement> Goldens()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(_folder, "goldens.json")));
        return doc.RootElement.GetProperty("images").EnumerateArray().Select(e => e.Clone()).ToList();
    }
}
