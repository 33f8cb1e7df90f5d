namespace DrawingFromDiffusion.Core.Tests.Architecture;

public sealed class FileSizeTests
{
    private const int MaxLines = 400;

    [Fact]
    public void NoSourceFile_IsOver400Lines()
    {
        var files = Directory.EnumerateFiles(RepositoryLayout.Src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(files);
        var tooLong = files
            .Select(f => (Path: Path.GetRelativePath(RepositoryLayout.Root, f), Lines: File.ReadLines(f).Count()))
            .Where(f => f.Lines > MaxLines)
            .Select(f => $"{f.Path}: {f.Lines} lines")
            .ToList();
        Assert.True(tooLong.Count == 0, "over 400 lines (split by concern):\n" + string.Join('\n', tooLong));
    }
}
