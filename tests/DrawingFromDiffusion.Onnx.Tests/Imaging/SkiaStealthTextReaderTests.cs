using DrawingFromDiffusion.Core.Metadata;
using DrawingFromDiffusion.Onnx.Imaging;

namespace DrawingFromDiffusion.Onnx.Tests.Imaging;

public sealed class SkiaStealthTextReaderTests
{
    private static readonly string _folder = Path.Combine(AppContext.BaseDirectory, "TestData", "Metadata");

    [Fact]
    public void Read_A1111StealthSample_GivesExpectedFields()
    {
        var result = new MetadataReader(new SkiaStealthTextReader()).Read(File.ReadAllBytes(Path.Combine(_folder, "automatic1111_stealth.png")));

        Assert.Equal(ParseStatus.Parsed, result.Status);
        var m = result.Metadata!;
        Assert.Equal("a circle", m.Prompt);
        Assert.Equal("a square", m.NegativePrompt);
        Assert.Equal("Euler", m.Sampler);
        Assert.Equal("Automatic", m.Scheduler);
        Assert.Equal(7, m.CfgScale);
        Assert.Equal(2015833630m, m.Seed);
        Assert.Equal(20, m.Steps);
        Assert.Equal("realisticVisionV51_v51VAE", m.Model);
        Assert.Equal("15012c538f", m.ModelHash);
        Assert.Equal(2, m.ClipSkip);
        Assert.Equal((64, 64), (m.Width!.Value, m.Height!.Value));
        Assert.Equal("v1.9.4-169-ga30b19dd", m.Extra["Version"]);
    }

    [Fact]
    public void TryRead_PngWithoutSignature_ReturnsNull()
    {
        Assert.Null(new SkiaStealthTextReader().TryRead(File.ReadAllBytes(Path.Combine(_folder, "empty_image.png"))));
    }

    [Fact]
    public void TryRead_ForgeSample_FindsSameTextAsChunk()
    {
        var hidden = new SkiaStealthTextReader().TryRead(File.ReadAllBytes(Path.Combine(_folder, "forge.png")));

        Assert.NotNull(hidden);
        Assert.Contains("Steps: 25, Sampler: Euler", hidden.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void TryRead_NotAnImage_ReturnsNull()
    {
        Assert.Null(new SkiaStealthTextReader().TryRead(new byte[] { 1, 2, 3 }));
    }
}
