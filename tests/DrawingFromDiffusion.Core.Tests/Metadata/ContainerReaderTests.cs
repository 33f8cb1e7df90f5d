using System.Text;
using DrawingFromDiffusion.Core.Metadata;

namespace DrawingFromDiffusion.Core.Tests.Metadata;

public sealed class ContainerReaderTests
{
    private const string Infotext = "a cat\nNegative prompt: blurry\nSteps: 25, Sampler: Euler, Schedule type: Karras, CFG scale: 5, Seed: 747066619, Size: 1024x1024, Model hash: 45a21ea00a, Model: wai, Version: v1.10.1";

    [Fact]
    public void Read_ZtxtBombOfOneGiB_StaysBoundedAndReportsTruncated()
    {
        var bomb = TestImages.ZlibZeros(1L << 30);
        var png = TestImages.Png(TestImages.ZTxt("parameters", bomb));
        var before = GC.GetAllocatedBytesForCurrentThread();

        var result = new MetadataReader().Read(png);

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated < 200L * 1024 * 1024, $"allocated {allocated / (1024 * 1024)} MiB");
        Assert.Equal(ParseStatus.Malformed, result.Status);
        Assert.Contains(result.Metadata!.Warnings, w => w.Contains("truncated", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_ZtxtAskingForPresetDictionary_SkipsChunkWithWarning()
    {
        // Found by ParserFuzzTests: zlib refuses this header with ZLibException, an IOException rather than InvalidDataException.
        var png = TestImages.Png(TestImages.ZTxt("parameters", [0x78, 0x20, 0, 0, 0, 1, 0x4B, 0x4C, 0x4A, 0x06, 0x00]), TestImages.Text("Comment", "kept"));

        var source = new Containers.MetadataSourceProbe(png);

        Assert.Equal("kept", source.Get("Comment"));
        Assert.Null(source.Get("parameters"));
    }

    [Fact]
    public void Read_ZtxtAfterIdat_FindsParameters()
    {
        var png = TestImages.Png(("IDAT", [1, 2, 3]), TestImages.ZTxt("parameters", TestImages.Zlib(Infotext)));

        var result = new MetadataReader().Read(png);

        Assert.Equal(ParseStatus.Parsed, result.Status);
        Assert.Equal("a cat", result.Metadata!.Prompt);
    }

    [Fact]
    public void Read_TextWithInvalidUtf8_FallsBackToLatin1()
    {
        var bytes = Encoding.Latin1.GetBytes("caf\u00e9 au lait\nSteps: 20, Sampler: Euler, CFG scale: 7, Seed: 1, Size: 512x512");
        var png = TestImages.Png(("tEXt", [.. "parameters\0"u8, .. bytes]));

        var result = new MetadataReader().Read(png);

        Assert.Equal("caf\u00e9 au lait", result.Metadata!.Prompt);
    }

    [Fact]
    public void Read_Utf8InsideText_DecodesAsUtf8()
    {
        var png = TestImages.Png(TestImages.Text("parameters", "テスト\nSteps: 20, Sampler: Euler, CFG scale: 7, Seed: 1, Size: 512x512", Encoding.UTF8));

        Assert.Equal("テスト", new MetadataReader().Read(png).Metadata!.Prompt);
    }

    [Fact]
    public void Read_ChunkRunningPastEnd_KeepsEarlierChunks()
    {
        var png = TestImages.Png(TestImages.Text("parameters", Infotext), TestImages.Text("workflow", new string('x', 5000)));
        var truncated = png[..^3000];

        var result = new MetadataReader().Read(truncated);

        Assert.Equal(747066619m, result.Metadata!.Seed);
        Assert.Contains(result.Metadata.Warnings, w => w.Contains("past the end", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Read_JpegUserCommentUtf16_DecodesEitherByteOrder(bool bigEndian)
    {
        var jpeg = TestImages.JpegWithExif(TestImages.UnicodeComment(Infotext + "\0", bigEndian));

        var result = new MetadataReader().Read(jpeg);

        Assert.Equal("blurry", result.Metadata!.NegativePrompt);
        Assert.Equal("wai", result.Metadata.Model);
    }

    [Fact]
    public void Read_UserCommentWithoutPrefix_ReadsUtf8()
    {
        var jpeg = TestImages.JpegWithExif(Encoding.UTF8.GetBytes(Infotext));

        Assert.Equal(25, new MetadataReader().Read(jpeg).Metadata!.Steps);
    }

    [Fact]
    public void Read_UserCommentWithOddUtf16Bytes_DoesNotThrow()
    {
        var jpeg = TestImages.JpegWithExif([.. "UNICODE\0"u8, 0xD8, 0x00, 0xDC, 0x00, 0x41]);

        var result = new MetadataReader().Read(jpeg);

        Assert.Equal(ParseStatus.NotMine, result.Status);
    }

    [Fact]
    public void Read_WebPExif_ReadsUserComment()
    {
        var webp = TestImages.WebPWithExif(TestImages.UnicodeComment(Infotext, bigEndian: true));

        Assert.Equal("Euler", new MetadataReader().Read(webp).Metadata!.Sampler);
    }

    [Fact]
    public void Read_JpegMakeWithComfyPrompt_ParsesGraph()
    {
        const string Graph = """{"3":{"class_type":"KSampler","inputs":{"seed":5,"steps":9,"cfg":4,"sampler_name":"euler","scheduler":"normal","denoise":1,"model":["4",0],"positive":["6",0],"negative":["7",0],"latent_image":["5",0]}},"4":{"class_type":"CheckpointLoaderSimple","inputs":{"ckpt_name":"m.safetensors"}},"5":{"class_type":"EmptyLatentImage","inputs":{"width":640,"height":480,"batch_size":1}},"6":{"class_type":"CLIPTextEncode","inputs":{"text":"dog","clip":["4",1]}},"7":{"class_type":"CLIPTextEncode","inputs":{"text":"cat","clip":["4",1]}}}""";
        var jpeg = TestImages.JpegWithExif([], (0x010F, "Prompt: " + Graph));

        var m = new MetadataReader().Read(jpeg).Metadata!;

        Assert.Equal(("comfyui", "dog", "cat", 640), (m.Generator, m.Prompt, m.NegativePrompt, m.Width!.Value));
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47 })]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xFF, 0x45 })]
    [InlineData(new byte[] { 0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50, 0x45, 0x58, 0x49, 0x46, 0xFF, 0xFF, 0xFF, 0x7F })]
    public void Read_GarbageOrTruncatedContainer_ReturnsNoMetadata(byte[] data)
    {
        Assert.Equal(ParseStatus.NotMine, new MetadataReader().Read(data).Status);
    }

    [Fact]
    public void Read_HundredMegabytePrompt_TruncatesWithWarning()
    {
        var prompt = new string('a', 100 * 1024 * 1024);
        var png = TestImages.Png(TestImages.Text("parameters", prompt + "\nSteps: 20, Sampler: Euler, CFG scale: 7, Seed: 1, Size: 512x512"));

        var result = new MetadataReader().Read(png);

        Assert.NotNull(result.Metadata);
        Assert.True(result.Metadata.Prompt!.Length <= 8 * 1024 * 1024);
        Assert.Contains(result.Metadata.Warnings, w => w.Contains("kept the first", StringComparison.Ordinal));
    }
}
