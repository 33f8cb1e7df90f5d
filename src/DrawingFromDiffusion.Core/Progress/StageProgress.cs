namespace DrawingFromDiffusion.Core.Progress;

/// <summary>
/// Where one stage of a long command stands: <paramref name="Done"/> of <paramref name="Total"/>
/// <paramref name="Unit"/> ("files", "pairs", "iterations"). Every long stage reports this one shape, and one renderer
/// per front end shows it (the CLI's stderr line, the server's log). A stage ends when <see cref="Done"/> reaches a
/// known <see cref="Total"/>, or when another stage starts.
/// </summary>
/// <param name="Total">0 when not known yet; a stage without counts (a single step) also has an empty <paramref name="Unit"/>.</param>
public sealed record StageProgress(string Stage, long Done, long Total, string Unit)
{
    /// <summary>Of <see cref="Done"/>, the items passed over at once (unchanged files): left out of the rate.</summary>
    public long Skipped { get; init; }

    /// <summary>False while <see cref="Total"/> still grows (the folder walk): no time left can be told yet.</summary>
    public bool TotalFinal { get; init; } = true;

    /// <summary>A count the stage keeps beside its progress ("errors 2", "failed 0"), shown at the end of the line.</summary>
    public string? Note { get; init; }

    public bool IsFinished => Total > 0 && TotalFinal && Done >= Total;

    /// <summary>A step without counts (loading, grouping, layout): shown with the time it has taken.</summary>
    public static StageProgress Step(string stage) => new(stage, 0, 0, string.Empty);

    /// <summary>The end of a <see cref="Step"/>.</summary>
    public static StageProgress StepDone(string stage) => new(stage, 1, 1, string.Empty);
}
