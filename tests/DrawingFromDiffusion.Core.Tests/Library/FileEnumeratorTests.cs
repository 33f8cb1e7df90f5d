using DrawingFromDiffusion.Core.Library;

namespace DrawingFromDiffusion.Core.Tests.Library;

public sealed class FileEnumeratorTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "dfd-enum-" + Guid.NewGuid().ToString("n")[..12]);

    public FileEnumeratorTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "a", "b"));
        Directory.CreateDirectory(Path.Combine(_root, ".hidden"));
        File.WriteAllText(Path.Combine(_root, "one.png"), "1");
        File.WriteAllText(Path.Combine(_root, "a", "two.png"), "22");
        File.WriteAllText(Path.Combine(_root, "a", "b", "three.tmp"), "333");
        File.WriteAllText(Path.Combine(_root, ".hidden", "four.png"), "4444");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private List<FoundFile> Walk(string[]? exclude = null, bool hidden = false) =>
        new FileEnumerator(exclude ?? [], hidden).Enumerate([_root], CancellationToken.None).ToList();

    private string Rel(FoundFile f) => Path.GetRelativePath(_root, f.Path);

    [Fact]
    public void Enumerate_Default_SkipsHiddenAndReportsSizes()
    {
        var files = Walk();

        Assert.Equal(["a/b/three.tmp", "a/two.png", "one.png"], files.Select(Rel).Order(StringComparer.Ordinal));
        Assert.Equal(2, files.Single(f => Rel(f) == "a/two.png").Size);
        Assert.All(files, f => Assert.Null(f.Problem));
    }

    [Fact]
    public void Enumerate_IncludeHiddenAndExclude_Applied()
    {
        var files = Walk(["*.tmp"], hidden: true);

        Assert.Equal([".hidden/four.png", "a/two.png", "one.png"], files.Select(Rel).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Enumerate_FolderLinkLoop_WalkedOnce()
    {
        Directory.CreateSymbolicLink(Path.Combine(_root, "a", "b", "back-up"), "../..");
        Directory.CreateSymbolicLink(Path.Combine(_root, "alias"), "a");

        var files = Walk();

        Assert.Equal(3, files.Count);
        Assert.All(files, f => Assert.Null(f.Problem));
    }

    [Fact]
    public void Enumerate_DanglingAndLoopingFileLinks_ReportedAsProblems()
    {
        File.CreateSymbolicLink(Path.Combine(_root, "gone.png"), "nowhere.png");
        File.CreateSymbolicLink(Path.Combine(_root, "x.png"), "y.png");
        File.CreateSymbolicLink(Path.Combine(_root, "y.png"), "x.png");
        Directory.CreateSymbolicLink(Path.Combine(_root, "gone-folder"), "no-such-folder");

        var problems = Walk().Where(f => f.Problem is not null).ToDictionary(Rel, f => f.Problem!);

        Assert.Equal(["gone-folder", "gone.png", "x.png", "y.png"], problems.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("dangling", problems["gone.png"], StringComparison.Ordinal);
        Assert.Contains("loop", problems["x.png"], StringComparison.Ordinal);
    }

    [Fact]
    public void Enumerate_FileLink_ReportsTargetSizeUnderLinkPath()
    {
        File.CreateSymbolicLink(Path.Combine(_root, "link.png"), "a/two.png");

        var link = Walk().Single(f => Rel(f) == "link.png");

        Assert.Equal(2, link.Size);
        Assert.Null(link.Problem);
    }
}
