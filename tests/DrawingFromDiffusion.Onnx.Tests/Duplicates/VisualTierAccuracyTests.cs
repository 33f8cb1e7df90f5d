using DrawingFromDiffusion.Core.Catalog;
using DrawingFromDiffusion.Core.Duplicates;
using DrawingFromDiffusion.Core.Imaging;
using DrawingFromDiffusion.Onnx.Imaging;

namespace DrawingFromDiffusion.Onnx.Tests.Duplicates;

/// <summary>
/// The visual tier's defaults on the committed labelled set (TestData/Dupes, made by
/// tests/tools/make-dupes-fixture.cs): clip-art originals with nine alterations each, hashed by the
/// real analyzer. Precision and recall are over pairs of files, as `dfd dupes` groups them.
/// </summary>
public sealed class VisualTierAccuracyTests
{
    // Measured on this set at the defaults: precision 1.0000, recall 0.9200 over 1,350 positive and 43,500 negative pairs.
    private const double PrecisionFloor = 0.99;
    private const double RecallFloor = 0.90;

    [Fact]
    public void Group_LabelledClipArtAtDefaults_MeetsPrecisionAndRecallFloors()
    {
        var (candidates, originals) = Load();

        var groups = DuplicateGrouper.Group(candidates, [new VisualPairSource(VisualRule.Default)], CancellationToken.None);
        var (precision, recall) = PairScores(groups, candidates, originals);

        Assert.True(precision >= PrecisionFloor, $"precision {precision:0.0000} < {PrecisionFloor}");
        Assert.True(recall >= RecallFloor, $"recall {recall:0.0000} < {RecallFloor}");
    }

    [Fact]
    public void Group_LooserThanDefault_LosesPrecision()
    {
        // Guards the set itself: it holds look-alike negatives that a loose rule does merge.
        var (candidates, originals) = Load();

        var groups = DuplicateGrouper.Group(candidates, [new VisualPairSource(new VisualRule([new VisualBox(20, 24)]))], CancellationToken.None);
        var (precision, _) = PairScores(groups, candidates, originals);

        Assert.True(precision < PrecisionFloor, $"precision {precision:0.0000} at pHash ≤ 20: the set has no hard negatives");
    }

    private static (List<DuplicateCandidate> Candidates, List<string> Originals) Load()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "TestData", "Dupes");
        var rows = File.ReadAllLines(Path.Combine(folder, "labels.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.True(rows.Count >= 100, $"only {rows.Count} labelled files");
        var analyzer = new SkiaImageAnalyzer();
        var candidates = new List<DuplicateCandidate>();
        foreach (var (row, i) in rows.Select((r, i) => (r, i)))
        {
            using var stream = File.OpenRead(Path.Combine(folder, row[0]));
            var facts = analyzer.Analyze(stream, ImageFormat.Unknown, new ImageLimits());
            candidates.Add(new DuplicateCandidate(i, row[0], facts.Width, facts.Height, facts.PHash, facts.DHash, DateTimeOffset.UnixEpoch, false));
        }

        return (candidates, [.. rows.Select(r => r[1])]);
    }

    private static (double Precision, double Recall) PairScores(List<DuplicateGroup> groups, List<DuplicateCandidate> candidates, List<string> originals)
    {
        var originalOf = candidates.Select((c, i) => (c.Path, originals[i])).ToDictionary(x => x.Path, x => x.Item2);
        long grouped = 0, correct = 0;
        foreach (var group in groups)
        {
            var n = group.Members.Count;
            grouped += (long)n * (n - 1) / 2;
            correct += group.Members.GroupBy(m => originalOf[m.Candidate.Path]).Sum(g => (long)g.Count() * (g.Count() - 1) / 2);
        }

        var positives = originals.GroupBy(o => o).Sum(g => (long)g.Count() * (g.Count() - 1) / 2);
        return (grouped == 0 ? 0 : (double)correct / grouped, (double)correct / positives);
    }
}
