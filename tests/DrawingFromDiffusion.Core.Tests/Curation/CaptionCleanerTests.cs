using DrawingFromDiffusion.Core.Curation;

namespace DrawingFromDiffusion.Core.Tests.Curation;

public sealed class CaptionCleanerTests
{
    [Theory]
    [InlineData("ink portrait <lora:inkstyle:0.8>, woman", "ink portrait, woman")]
    [InlineData("<lora:a:1> <lyco:b:0.5> <hypernet:c:1>fox", "fox")]
    [InlineData("(masterpiece:1.2), best quality", "masterpiece, best quality")]
    [InlineData("((detailed)), (((sharp)))", "detailed, sharp")]
    [InlineData("[blurry], {soft light}", "blurry, soft light")]
    [InlineData("(red hair, blue eyes:1.1), smile", "red hair, blue eyes, smile")]
    [InlineData("((ink:1.3) portrait:0.9)", "ink portrait")]
    [InlineData("(word: 1.25 )", "word")]
    [InlineData("(weight:-0.5) cat", "weight cat")]
    [InlineData("[cat:dog:0.5] in a field", "dog in a field")]
    [InlineData("[hat:0.4], portrait", "hat, portrait")]
    [InlineData("[red|blue] ball", "red ball")]
    [InlineData("artist \\(style\\), fox", "artist (style), fox")]
    [InlineData("a cat BREAK a dog", "a cat, a dog")]
    [InlineData("fox,  fox ,Fox, , forest\nnight", "fox, forest, night")]
    [InlineData("time: 10:30 (unbalanced", "time: 10:30 unbalanced")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void FromPrompt_PromptSyntax_PlainWords(string? prompt, string expected) =>
        Assert.Equal(expected, CaptionCleaner.FromPrompt(prompt));

    [Fact]
    public void FromPrompt_Trigger_FirstAndNotRepeated() =>
        Assert.Equal("ohwx style, portrait, woman", CaptionCleaner.FromPrompt("portrait, (ohwx style:1.2), woman <lora:ohwx:1>", "ohwx style"));

    [Fact]
    public void FromTags_Underscores_ReadAsSpacesExceptShortEmoticons() =>
        Assert.Equal("sks, long hair, ^_^, keep", CaptionCleaner.FromTags(["long_hair", "^_^", "keep", "long_hair"], "sks"));
}
