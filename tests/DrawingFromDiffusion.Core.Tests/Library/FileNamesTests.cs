using System.Diagnostics;
using DrawingFromDiffusion.Core.Library;

namespace DrawingFromDiffusion.Core.Tests.Library;

/// <summary>Names that are not valid UTF-8 are reported with their bytes escaped, never dropped (issue 19, item 3).</summary>
public sealed class FileNamesTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("dfd-names-").FullName;

    public void Dispose()
    {
        // Directory.Delete cannot name the non-UTF-8 entries either.
        using var remove = Process.Start("rm", ["-rf", _root]);
        remove.WaitForExit();
    }

    [Fact]
    public async Task Enumerate_NamesThatAreNotUtf8_ReportedWithTheirBytesEscaped()
    {
        File.WriteAllText(Path.Combine(_root, "ok.png"), "1");
        // Python names files by bytes; .NET cannot create these names.
        using (var python = Process.Start("python3", ["-c", "import os,sys; r=sys.argv[1].encode(); open(r+b'/caf\\xe9.png','w').write('x'); os.mkdir(r+b'/dir\\xff'); open(r+b'/dir\\xff/inner.png','w').write('y')", _root]))
        {
            await python.WaitForExitAsync();
            Assert.Equal(0, python.ExitCode);
        }

        var found = new FileEnumerator([], includeHidden: false).Enumerate([_root], CancellationToken.None).ToList();

        Assert.Equal(3, found.Count);
        Assert.Single(found, f => f.Problem is null && f.Path.EndsWith("ok.png", StringComparison.Ordinal));
        Assert.Single(found, f => f.Problem?.Contains("caf\\xe9.png is not valid UTF-8", StringComparison.Ordinal) == true);
        Assert.Single(found, f => f.Problem?.Contains("dir\\xff is not valid UTF-8", StringComparison.Ordinal) == true);
    }

    [Theory]
    [InlineData(new byte[] { 0x63, 0x61, 0x66, 0xE9 }, "caf\\xe9")]
    [InlineData(new byte[] { 0xC3, 0xA9, 0x0A, 0x1B }, "é\\x0a\\x1b")]
    [InlineData(new byte[] { 0xF0, 0x9F, 0x8E, 0xA8, 0xFF }, "🎨\\xff")]
    public void Escape_RawBytes_ValidUtf8KeptTheRestAsHex(byte[] raw, string expected)
    {
        Assert.Equal(expected, FileNames.Escape(raw));
    }

    [Fact]
    public void EscapeForTerminal_ControlCharacters_Escaped()
    {
        Assert.Equal("a\\x1b[31mb\\x0ac.png", FileNames.EscapeForTerminal("a\u001b[31mb\nc.png"));
        Assert.Equal("plain ñandú.png", FileNames.EscapeForTerminal("plain ñandú.png"));
    }
}
