using DrawingFromDiffusion.Core.Clustering;

namespace DrawingFromDiffusion.Core.Tests.Clustering;

public class PathTokensTests
{
    [Fact]
    public void Words_CamelCaseDigitsAndSeparators_SplitAndLowerCased()
    {
        Assert.Equal(["sdxl", "cat", "portrait", "html", "page"], PathTokens.Words("SDXL_catPortrait-0012 HTMLPage.v2"));
        Assert.Equal(["flat", "theme"], PathTokens.Words("flat-theme"));
        Assert.Empty(PathTokens.Words("00042_copy"));
    }

    [Fact]
    public void Of_SharedFoldersAndExtensionDropped_FoldersAndNameKeptApart()
    {
        var words = PathTokens.Of(["/home/me/renders/Clocks/clockFace_03.png", "/home/me/renders/Flags/asia/flag_of_Japan.webp", null]);

        Assert.Equal(["clocks"], words[0].Folders);
        Assert.Equal(["clock", "face"], words[0].Name);
        Assert.Equal(["flags", "asia"], words[1].Folders);
        Assert.Equal(["flag", "japan"], words[1].Name);
        Assert.Empty(words[2].Folders);
        Assert.Empty(words[2].Name);
    }

    [Fact]
    public void ClassTfIdf_OverPathWords_LabelsEachClusterByItsFolder()
    {
        string[] paths =
        [
            "/art/cards/white/ace_of_spades.png", "/art/cards/white/king_of_hearts.png", "/art/cards/white/two_of_clubs.png",
            "/art/flags/asia/flag_of_japan.png", "/art/flags/asia/flag_of_china.png", "/art/flags/europe/flag_of_france.png",
        ];
        var words = PathTokens.Of(paths);

        var labels = ClassTfIdf.Label([.. words.Select((w, i) => (i < 3 ? 0 : 1, (IEnumerable<string>)w.Folders))], 2, top: 2);

        Assert.Equal(["cards", "white"], labels[0].Select(w => w.Word).Order(StringComparer.Ordinal));
        Assert.Equal("flags", labels[1][0].Word);
    }
}
