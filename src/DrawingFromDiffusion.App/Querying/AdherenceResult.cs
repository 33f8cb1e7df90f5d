using DrawingFromDiffusion.Core.Search;

namespace DrawingFromDiffusion.App.Querying;

/// <param name="Scored">images with a prompt and a vector, all scored and stored.</param>
/// <param name="Listed">the lowest scores asked for, lowest first.</param>
internal sealed record AdherenceResult(string ModelId, int Scored, double? Below, IReadOnlyList<CatalogRow> Listed);
