using DrawingFromDiffusion.Core.Metadata;
using DrawingFromDiffusion.Core.Metadata.Parsers;

namespace DrawingFromDiffusion.Core.Tests.Metadata;

public sealed class A1111ParserTests
{
    [Fact]
    public void ParseText_QuotedValuesAndLoras_ReadsHashesAndWeights()
    {
        const string Text = "a <lora:detail:0.6> cat <lora:style:1.2:0.5>\nNegative prompt: blurry, <lyco:bad:0.3>\nSteps: 20, Sampler: DPM++ 2M, CFG scale: 7.5, Seed: 12, Size: 512x768, Lora hashes: \"detail: 45b5bd0819cf, style: 0a1b2c3d4e5f\", TI hashes: \"easyneg: 1a2b3c\", Version: v1.10.1";

        var m = A1111Parser.ParseText(Text, strict: false).Metadata!;

        Assert.Equal([("detail", 0.6, "45b5bd0819cf"), ("style", 1.2, "0a1b2c3d4e5f"), ("bad", 0.3, null)], m.Loras.Select(l => (l.Name, l.Weight!.Value, l.Hash)));
        Assert.Equal(("easyneg", "1a2b3c"), (m.Embeddings[0].Name, m.Embeddings[0].Hash));
        Assert.Equal((512, 768, 7.5), (m.Width!.Value, m.Height!.Value, m.CfgScale!.Value));
    }

    [Fact]
    public void ParseText_TemplateLinesAfterParameters_FindsParameterLineBottomUp()
    {
        const string Text = "a red car\nSteps: 20, Sampler: Euler, CFG scale: 7, Seed: 1, Size: 512x512\nTemplate: a {red|blue} car\nNegative Template: ugly";

        var m = A1111Parser.ParseText(Text, strict: false).Metadata!;

        Assert.Equal("a red car", m.Prompt);
        Assert.Null(m.NegativePrompt);
        Assert.Equal("a {red|blue} car", m.Extra["Template"]);
        Assert.Equal("ugly", m.Extra["Negative Template"]);
    }

    [Fact]
    public void ParseText_UnquotedJsonValues_SplitsOnlyTopLevelCommas()
    {
        const string Text = "x\nSteps: 20, Sampler: euler, CFG scale: 5.0, Seed: 1, Size: 1024x1024, Hashes: {\"model\": \"45a21ea00a\", \"lora:foo\": \"abc\"}, Civitai resources: [{\"type\":\"lora\",\"modelName\":\"bar\",\"weight\":0.8}]";

        var m = A1111Parser.ParseText(Text, strict: false).Metadata!;

        Assert.Equal("45a21ea00a", m.ModelHash);
        Assert.Equal("civitai", m.Generator);
        Assert.Contains(m.Loras, l => l.Name == "foo" && l.Hash == "abc");
        Assert.Contains(m.Loras, l => l.Name == "bar" && l.Weight == 0.8);
    }

    [Fact]
    public void ParseText_HiresFix_FillsHires()
    {
        const string Text = "x\nSteps: 20, Sampler: Euler, CFG scale: 7, Seed: 1, Size: 512x512, Denoising strength: 0.3, Hires upscale: 1.5, Hires steps: 10, Hires upscaler: R-ESRGAN 4x+ Anime6B";

        var m = A1111Parser.ParseText(Text, strict: false).Metadata!;

        Assert.Equal(new HiresInfo { Scale = 1.5, Steps = 10, Upscaler = "R-ESRGAN 4x+ Anime6B", Denoise = 0.3 }, m.Hires);
        Assert.Null(m.Denoise);
    }

    [Theory]
    [InlineData("18446744073709551615", "18446744073709551615")]
    [InlineData("9007199254740993", "9007199254740993")]
    [InlineData("-1", "-1")]
    public void ParseText_BigAndNegativeSeeds_StayExact(string seed, string expected)
    {
        var m = A1111Parser.ParseText($"x\nSteps: 20, Sampler: Euler, CFG scale: 7, Seed: {seed}, Size: 512x512", strict: false).Metadata!;

        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), m.Seed);
    }

    [Fact]
    public void ParseText_MissingParameterLine_ReturnsMalformedWithPrompt()
    {
        var result = A1111Parser.ParseText("just a prompt\nNegative prompt: nothing", strict: false);

        Assert.Equal(ParseStatus.Malformed, result.Status);
        Assert.Equal("just a prompt\nNegative prompt: nothing", result.Metadata!.Prompt);
    }

    [Fact]
    public void ParseText_NonNumericValues_KeepsRestWithWarning()
    {
        var result = A1111Parser.ParseText("x\nSteps: many, Sampler: Euler, CFG scale: NaN, Seed: 1e400, Size: 512x512", strict: false);

        Assert.Equal(ParseStatus.Parsed, result.Status);
        Assert.Null(result.Metadata!.Steps);
        Assert.Equal("Euler", result.Metadata.Sampler);
        Assert.Equal(3, result.Metadata.Warnings.Count);
    }

    [Fact]
    public void ParseText_CrLfAndBlankLines_TrimsPrompts()
    {
        var m = A1111Parser.ParseText("a\r\nb \r\n\r\nNegative prompt: c\r\n\r\nSteps: 20, Sampler: Euler, CFG scale: 7, Seed: 1, Size: 512x512, App: SD.Next", strict: false).Metadata!;

        Assert.Equal(("a\nb", "c", "sd-next"), (m.Prompt, m.NegativePrompt, m.Generator));
    }

    [Theory]
    [InlineData("x\nSteps: 20, Sampler: Euler, CFG scale: 7, Seed: 1, Hashes: {\"a\\")]
    [InlineData("x\nSteps: 20, Sampler: Euler, CFG scale: 7, Seed: 1, Lora hashes: \"unterminated")]
    [InlineData("x\nSteps: 20, Sampler: Euler, CFG scale: 7, Seed: 1, Size: \"\\u12")]
    public void ParseText_CutInsideQuoteOrEscape_DoesNotThrow(string text)
    {
        // The first case was found by ParserFuzzTests (a backslash ending a quoted value inside brackets).
        var result = A1111Parser.ParseText(text, strict: false);

        Assert.Equal(20, result.Metadata!.Steps);
    }

    [Theory]
    [InlineData("v1.10.1", "sd-webui")]
    [InlineData("f2.0.1v1.10.1-previous-669-gdfdcbab6", "forge")]
    [InlineData("f1.1.0v1-v1.10.1RC-latest", "reforge")]
    [InlineData("f1.0.0-v1.10.1", "easy-reforge")]
    [InlineData("classic", "forge-classic")]
    [InlineData("neo", "forge-neo")]
    [InlineData("Fooocus v2.4.3", "fooocus")]
    public void Classify_VersionString_NamesTheFork(string version, string expected)
    {
        Assert.Equal(expected, A1111Parser.Classify(version, new Dictionary<string, string>()));
    }
}
