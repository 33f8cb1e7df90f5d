using System.Text.Json;
using DrawingFromDiffusion.Cli.Tests.Support;
using DrawingFromDiffusion.Core.Duplicates;
using DrawingFromDiffusion.Tests.Shared;
using Xunit.Abstractions;

namespace DrawingFromDiffusion.Cli.Tests.Commands;

/// <summary>
/// The acceptance run on the committed labelled set (TestData/Dupes: 30 clip-art originals × 9 alterations,
/// look-alike families among them): the real `dfd index` with the offline resnet18-imagenet pack, then `dfd dupes
/// --json` at its defaults. Precision and recall are over pairs of files.
/// </summary>
public sealed class DupesAcceptanceTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Dupes_DefaultsOnLabelledSet_MeetPrecisionAndRecallGoals()
    {
        var fixture = Path.Combine(AppContext.BaseDirectory, "TestData", "Dupes");
        var library = _temp.Combine("lib");
        var originalOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in File.ReadAllLines(Path.Combine(fixture, "labels.csv")).Skip(1).Select(l => l.Split(',')))
        {
            var target = Path.Combine(library, row[0]);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(fixture, row[0]), target);
            originalOf[target] = row[1];
        }

        var db = _temp.Combine("catalog.db");
        var env = new Dictionary<string, string> { ["DFD_MODELS"] = _temp.Combine("models") };
        var index = await DfdProcess.RunWithAsync(env, "index", library, "--db", db, "--model", "resnet18-imagenet");
        Assert.True(index.ExitCode == 0, index.ToString());

        var dupes = await DfdProcess.RunWithAsync(env, "dupes", "--db", db, "--json");

        Assert.True(dupes.ExitCode == 0, dupes.ToString());
        var groups = JsonDocument.Parse(dupes.Stdout).RootElement.GetProperty("groups").EnumerateArray()
            .Select(g => (IReadOnlyList<string>)[.. g.GetProperty("members").EnumerateArray().Select(m => originalOf[m.GetProperty("path").GetString()!])]);
        var (precision, recall, wrong) = PairScores.Score(groups, originalOf.Values);
        output.WriteLine($"precision {precision:0.0000}, recall {recall:0.0000} ({wrong} wrong pairs)");
        Assert.True(precision >= 0.99, $"precision {precision:0.0000}");
        Assert.True(recall >= 0.97, $"recall {recall:0.0000}");
    }
}
