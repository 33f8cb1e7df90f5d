using System.CommandLine;
using DrawingFromDiffusion.Cli.Tests.Support;

namespace DrawingFromDiffusion.Cli.Tests;

/// <summary>
/// Every option value is checked before work starts: a walk over the whole command tree tries bad values on every
/// option (junk text, negative, zero, an unknown choice); each must fail the parse with one line naming the option.
/// </summary>
public sealed class OptionValueTests : IDisposable
{
    /// <summary>Options whose meaning takes these values (documented in their help), so they are not bad values there.</summary>
    private static readonly Dictionary<string, string[]> Accepted = new()
    {
        ["--threads"] = ["0"], // 0: one thread per core
        ["--port"] = ["0"], // 0: a free port
        ["--max-distance"] = ["0"],
        ["--min-correlation"] = ["-1", "0"],
        ["--max-cosine"] = ["0"],
        ["--seed-window"] = ["0"],
        ["--image-weight"] = ["-1", "0"], // a negative weight steers away from the image
        ["--random-seed"] = ["-1", "0"],
        ["--seed"] = ["-1", "0"], // clusters' random seed; search's --seed is a range of generation seeds (text)
        ["--below"] = ["-1", "0"],
        ["--adherence-below"] = ["-1", "0"],
        ["--threshold"] = ["0"], // tag scores: 0 keeps every tag
        ["--character-threshold"] = ["0"],
        ["--rating-min"] = ["0"], // 0 stars: every rated image
    };

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string[], string> BadValues()
    {
        var data = new TheoryData<string[], string>();
        foreach (var (path, command) in Commands(DfdCommandLine.Create(), []))
        {
            var arguments = command.Arguments.Where(a => a.Arity.MinimumNumberOfValues > 0).Select(_ => "placeholder").ToArray();
            foreach (var option in command.Options.Where(o => o.Arity.MaximumNumberOfValues > 0 && !o.Hidden))
            {
                // Other required options get a good value (the first choice their help names), so the one bad value is the only error.
                var required = command.Options.Where(o => o.Required && o != option)
                    .SelectMany(o => new[] { o.Name, o.HelpName?.Split('|')[0] ?? "placeholder" }).ToArray();
                foreach (var value in BadValuesFor(option))
                {
                    data.Add([.. path, .. arguments, .. required, option.Name, value], option.Name);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BadValues))]
    public void Parse_BadOptionValue_FailsWithOneLineNamingTheOption(string[] args, string option)
    {
        using var errors = new StringWriter();

        var failed = DfdCommandLine.ReportErrors(DfdCommandLine.Create().Parse(args), errors);

        Assert.True(failed, $"dfd {string.Join(' ', args)} was accepted");
        var line = Assert.Single(errors.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(option, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", line, StringComparison.Ordinal);
    }

    [Fact]
    public void BadValues_CoverEveryCommandWithValueOptions()
    {
        var commands = BadValues().Select(row => ((string[])row[0])[0]).ToHashSet();

        Assert.Superset(new HashSet<string> { "index", "search", "similar", "export", "dupes", "clusters", "serve", "facets", "adherence", "tag", "collection", "dataset" }, commands);
    }

    [Theory]
    [InlineData("--format", "xml", "export")]
    [InlineData("--device", "foo", "index")]
    [InlineData("--precision", "f8", "index")]
    [InlineData("--workers", "0", "index")]
    [InlineData("--batch-size", "0", "index")]
    [InlineData("--max-megapixels", "-1", "index")]
    public async Task Dfd_BadValue_ExitsTwoWithOneLineAndWritesNothing(string option, string value, string command)
    {
        var library = _temp.Combine("library");
        _temp.Write("library/a.png", DrawingFromDiffusion.Tests.Shared.TestImages.Png(32, 32, seed: 1));
        var db = _temp.Combine("catalog.db");
        string[] args = command == "index" ? [command, library, "--db", db, option, value] : [command, "--db", db, option, value];

        var result = await DfdProcess.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(option, line, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
        Assert.False(File.Exists(db));
    }

    private static IEnumerable<string> BadValuesFor(Option option)
    {
        var type = Nullable.GetUnderlyingType(option.ValueType) ?? option.ValueType;
        var accepted = Accepted.GetValueOrDefault(option.Name, []);
        if (type == typeof(int) || type == typeof(long) || type == typeof(double) || type == typeof(float))
        {
            return new[] { "junk", "-1", "0" }.Except(accepted);
        }

        // A choice (its help names the values, a|b|c) must refuse one that is not among them; dates and addresses junk.
        return option.HelpName switch
        {
            "N|auto" => ["bogus-choice", "0", "-1"],
            { } name when name.Contains('|', StringComparison.Ordinal) => ["bogus-choice"],
            "DATE" or "ADDRESS" => ["junk"],
            _ => [],
        };
    }

    private static IEnumerable<(string[] Path, Command Command)> Commands(Command command, string[] path)
    {
        foreach (var sub in command.Subcommands)
        {
            string[] subPath = [.. path, sub.Name];
            yield return (subPath, sub);
            foreach (var nested in Commands(sub, subPath))
            {
                yield return nested;
            }
        }
    }
}
