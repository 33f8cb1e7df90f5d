namespace DrawingFromDiffusion.App.Querying;

/// <summary>Order of the results kept after the cut-off.</summary>
internal enum ResultSort
{
    Score,
    Date,
    Random,

    /// <summary>Lowest prompt adherence first: the generations that ignored their prompt.</summary>
    Adherence,
}
