using System.Text;
using DrawingFromDiffusion.Core.Metadata;

namespace DrawingFromDiffusion.Core.Tests.Metadata;

public sealed class NovelAiParserTests
{
    [Fact]
    public void Read_WebPWithAsciiUserCommentJson_ReadsNestedComment()
    {
        const string Json = """{"Title": "NovelAI generated image", "Description": "1girl", "Software": "NovelAI", "Source": "NovelAI Diffusion V4.5 C02D4F98", "Comment": "{\"prompt\": \"1girl, solo\", \"uc\": \"lowres\", \"steps\": 28, \"scale\": 5.0, \"seed\": 2043807047, \"sampler\": \"k_euler_ancestral\", \"noise_schedule\": \"karras\", \"width\": 832, \"height\": 1216}"}""";
        var webp = TestImages.WebPWithExif([.. "ASCII\0\0\0"u8, .. Encoding.UTF8.GetBytes(Json)]);

        var m = new MetadataReader().Read(webp).Metadata!;

        Assert.Equal(("novelai", "1girl, solo", "lowres", 2043807047m), (m.Generator, m.Prompt, m.NegativePrompt, m.Seed!.Value));
        Assert.Equal(("NovelAI Diffusion V4.5", "C02D4F98", 832, 1216), (m.Model, m.ModelHash, m.Width!.Value, m.Height!.Value));
    }

    [Fact]
    public void Read_NovelAiCommentNotJson_ReturnsMalformedWithPrompt()
    {
        var png = TestImages.Png(TestImages.Text("Software", "NovelAI"), TestImages.Text("Description", "cat"), TestImages.Text("Comment", "{\"steps\": 28, \"seed\""));

        var result = new MetadataReader().Read(png);

        Assert.Equal(ParseStatus.Malformed, result.Status);
        Assert.Equal("cat", result.Metadata!.Prompt);
    }
}
