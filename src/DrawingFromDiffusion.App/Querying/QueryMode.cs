namespace DrawingFromDiffusion.App.Querying;

/// <summary>How `dfd search` matches text: auto is hybrid when the pack has a text tower and vectors exist, else prompt.</summary>
internal enum QueryMode
{
    Auto,
    Clip,
    Prompt,
    Hybrid,
}
