namespace DrawingFromDiffusion.Core.Grids;

/// <summary>One cell: the image whose varied parameter has the column's value.</summary>
public sealed record GridCell(int Column, long ImageId);

/// <summary>A row: images equal in every parameter but the varied one; the label names what sets this row apart.</summary>
public sealed record GridRow(string Label, IReadOnlyList<GridCell> Cells);

/// <summary>
/// An X/Y comparison grid rebuilt from the catalog: images sharing a prompt (after <see cref="PromptGrids.Normalise"/>),
/// the columns the values of the varied parameter, a row per combination of the other parameters.
/// </summary>
public sealed record PromptGrid(string PromptKey, string Prompt, GridAxis Axis, IReadOnlyList<string> Columns, IReadOnlyList<GridRow> Rows)
{
    public int Images => Rows.Sum(r => r.Cells.Count);

    public IEnumerable<long> ImageIds => Rows.SelectMany(r => r.Cells).Select(c => c.ImageId);
}
