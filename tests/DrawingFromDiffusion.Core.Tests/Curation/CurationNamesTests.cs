using DrawingFromDiffusion.Core.Curation;

namespace DrawingFromDiffusion.Core.Tests.Curation;

public sealed class CurationNamesTests
{
    [Theory]
    [InlineData("keep", "keep")]
    [InlineData("  Hero   Shot ", "hero_shot")]
    [InlineData("long_hair", "long_hair")]
    [InlineData("a,b", null)]
    [InlineData("   ", null)]
    [InlineData("a\u0007b", null)]
    public void NormaliseTag(string text, string? expected) => Assert.Equal(expected, CurationNames.NormaliseTag(text));

    [Theory]
    [InlineData("thesis-ch2", true)]
    [InlineData("Ink portraits v1.0", true)]
    [InlineData("42", false)]
    [InlineData("../x", false)]
    [InlineData(".hidden", false)]
    [InlineData("trailing ", false)]
    [InlineData("", false)]
    public void IsCollectionName(string name, bool expected) => Assert.Equal(expected, CurationNames.IsCollectionName(name));
}
