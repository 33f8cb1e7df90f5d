using DrawingFromDiffusion.Core.Clustering;

namespace DrawingFromDiffusion.Core.Tests.Clustering;

public class LabelWordsTests
{
    [Fact]
    public void DistinctStems_FolderPluralAndFileSingular_KeepsTheFirstSpellingOnly()
    {
        string[] words = ["clocks", "signs", "clock", "berries", "berry", "boxes", "box", "watch", "watches", "sign"];

        Assert.Equal(["clocks", "signs", "berries", "boxes", "watch"], LabelWords.DistinctStems(words));
    }

    [Theory]
    [InlineData("glass", "glass")]
    [InlineData("cactus", "cactus")]
    [InlineData("iris", "iris")]
    [InlineData("bus", "bus")]
    [InlineData("Stars", "star")]
    [InlineData("dresses", "dress")]
    [InlineData("flies", "fly")]
    public void Stem_PluralEndingsFold_WordsThatOnlyEndInSDoNot(string word, string stem) =>
        Assert.Equal(stem, LabelWords.Stem(word));
}
