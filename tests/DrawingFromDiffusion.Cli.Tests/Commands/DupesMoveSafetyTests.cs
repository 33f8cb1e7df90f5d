using System.Text.Json;
using DrawingFromDiffusion.Cli.Commands;
using DrawingFromDiffusion.App.Duplicates;
using DrawingFromDiffusion.Cli.Output;
using DrawingFromDiffusion.Cli.Tests.Support;
using DrawingFromDiffusion.Core.Duplicates;
using DrawingFromDiffusion.Tests.Shared;

namespace DrawingFromDiffusion.Cli.Tests.Commands;

/// <summary>`dfd dupes --move-to`: tentative look-alikes stay where they are, and nothing moves without a yes.</summary>
public sealed class DupesMoveSafetyTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Move_MemberJoinedByTentativeLink_StaysAndIsLoggedAsLeft()
    {
        var keeper = _temp.Write("lib/keeper.png", TestImages.Png(32, 32, seed: 1));
        var copy = _temp.Write("lib/copy.png", TestImages.Png(32, 32, seed: 1));
        var lookAlike = _temp.Write("lib/look-alike.png", TestImages.Png(32, 32, seed: 2));
        var group = new DuplicateGroup(1,
        [
            new DuplicateMember(Candidate(1, keeper), true, null, null, null, null),
            new DuplicateMember(Candidate(2, copy), false, DuplicateTier.Identical, 0, null, keeper),
            new DuplicateMember(Candidate(3, lookAlike), false, DuplicateTier.Visual, 4, "pixels r 0.950 (tentative)", keeper, Tentative: true),
        ], "most pixels");
        var folder = _temp.Combine("review");

        var log = DuplicateMover.Move([group], folder, DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.True(File.Exists(keeper));
        Assert.True(File.Exists(lookAlike));
        Assert.False(File.Exists(copy));
        Assert.Equal([copy], log.Moves.Select(m => m.From));
        using var json = JsonDocument.Parse(File.ReadAllText(log.Log));
        Assert.Equal([lookAlike], json.RootElement.GetProperty("left_tentative").EnumerateArray().Select(e => e.GetString()));
        Assert.Single(json.RootElement.GetProperty("moves").EnumerateArray());
    }

    [Fact]
    public async Task Dupes_MoveToWithoutTerminalOrYes_RefusesInOneLineAndMovesNothing()
    {
        var library = _temp.Combine("lib");
        _temp.Write("lib/a.png", TestImages.Png(64, 48, seed: 1));
        _temp.Write("lib/b.png", TestImages.Png(64, 48, seed: 1));
        var db = _temp.Combine("catalog.db");
        Assert.Equal(0, (await DfdProcess.RunAsync("index", "--no-embed", library, "--db", db)).ExitCode);
        var folder = _temp.Combine("review");

        var result = await DfdProcess.RunAsync("dupes", "--move-to", folder, "--db", db);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("--yes", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder));
        Assert.True(File.Exists(_temp.Combine("lib", "a.png")) && File.Exists(_temp.Combine("lib", "b.png")));
    }

    [Fact]
    public async Task Dupes_MoveToWithYes_MovesTheCopyAndWritesTheLog()
    {
        var library = _temp.Combine("lib");
        _temp.Write("lib/a.png", TestImages.Png(64, 48, seed: 1));
        File.SetLastWriteTimeUtc(_temp.Combine("lib", "a.png"), new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        _temp.Write("lib/b.png", TestImages.Png(64, 48, seed: 1));
        var db = _temp.Combine("catalog.db");
        Assert.Equal(0, (await DfdProcess.RunAsync("index", "--no-embed", library, "--db", db)).ExitCode);
        var folder = _temp.Combine("review");

        var result = await DfdProcess.RunAsync("dupes", "--move-to", folder, "--yes", "--db", db);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(File.Exists(_temp.Combine("lib", "a.png")));
        Assert.False(File.Exists(_temp.Combine("lib", "b.png")));
        Assert.Single(Directory.GetFiles(folder, "dfd-dupes-moved-*.json"));
    }

    [Fact]
    public async Task RunAsync_ConfirmSaysNo_MovesNothing()
    {
        var library = _temp.Combine("lib");
        _temp.Write("lib/a.png", TestImages.Png(64, 48, seed: 1));
        _temp.Write("lib/b.png", TestImages.Png(64, 48, seed: 1));
        var db = _temp.Combine("catalog.db");
        Assert.Equal(0, (await DfdProcess.RunAsync("index", "--no-embed", library, "--db", db)).ExitCode);
        var folder = _temp.Combine("review");
        var asked = 0;
        var settings = new DupesSettings(db, "identical", DupesFormat.Table, null, null, folder) { Confirm = (files, _) => { asked = files; return false; } };

        var code = await DupesCommand.RunAsync(settings, TextWriter.Null, TextWriter.Null, CancellationToken.None);

        Assert.Equal(0, code);
        Assert.Equal(1, asked);
        Assert.False(Directory.Exists(folder));
        Assert.True(File.Exists(_temp.Combine("lib", "b.png")));
    }

    private static DuplicateCandidate Candidate(long id, string path) =>
        new(id, path, 32, 32, 0, 0, DateTimeOffset.UnixEpoch, false);
}
