using DrawingFromDiffusion.Core.Metadata;

namespace DrawingFromDiffusion.Core.Tests.Metadata;

public sealed class SampleFilesTests
{
    private static readonly HashSet<string> _needPixels = ["a1111/automatic1111_stealth.png"];

    [Theory]
    [MemberData(nameof(SampleManifest.Files), MemberType = typeof(SampleManifest))]
    public void Read_SharedSample_GivesExpectedFields(string file)
    {
        if (_needPixels.Contains(file))
        {
            // Only stealth pixels carry this one's text; DrawingFromDiffusion.Onnx.Tests checks it with the pixel reader.
            Assert.Equal(ParseStatus.NotMine, new MetadataReader().Read(File.ReadAllBytes(Path.Combine(SampleManifest.Folder, file))).Status);
            return;
        }

        var result = new MetadataReader().Read(File.ReadAllBytes(Path.Combine(SampleManifest.Folder, file)));
        using var manifest = SampleManifest.Load();
        var fields = SampleManifest.Compare(file, result.Metadata, SampleManifest.Entry(manifest, file).GetProperty("expected"));

        Assert.NotEqual(ParseStatus.Malformed, result.Status);
        Assert.Empty(fields.Where(f => !f.Ok).Select(f => $"{f.Field}: {f.Detail}"));
    }

    [Fact]
    public void Read_AllSharedSamples_ReportsFieldScore()
    {
        using var manifest = SampleManifest.Load();
        int right = 0, total = 0;
        foreach (var file in SampleManifest.Files().Select(f => (string)f[0]).Where(f => !_needPixels.Contains(f)))
        {
            var result = new MetadataReader().Read(File.ReadAllBytes(Path.Combine(SampleManifest.Folder, file)));
            var fields = SampleManifest.Compare(file, result.Metadata, SampleManifest.Entry(manifest, file).GetProperty("expected"));
            right += fields.Count(f => f.Ok);
            total += fields.Count;
        }

        Console.WriteLine($"shared samples (text containers): {right}/{total} expected fields right");
        Assert.Equal(total, right);
    }
}
