using System.Text.Json.Serialization;

namespace DrawingFromDiffusion.App.Clustering;

/// <param name="Cluster">1-based, the number people see and the catalog stores.</param>
/// <param name="Words">distinctive prompt words (class-based TF-IDF).</param>
/// <param name="Members">image ids, best fit first (left out of JSON: the catalog holds them).</param>
/// <param name="PathWords">distinctive folder and file-name words (class-based TF-IDF over <c>PathTokens</c>): the label when
/// the members carry no prompt.</param>
/// <param name="Tags">distinctive tags of the members (class-based TF-IDF over tagger packs' general and character tags):
/// the label when the members carry no prompt.</param>
/// <param name="Styles">nearest words of the style vocabulary through the pack's text tower; empty without one.</param>
internal sealed record ClusterSummary(
    int Cluster,
    int Size,
    long? MedoidImageId,
    string? MedoidPath,
    IReadOnlyList<string> Words,
    IReadOnlyList<string> Styles,
    IReadOnlyList<NameCount> Checkpoints,
    IReadOnlyList<NameCount> Loras,
    IReadOnlyList<string> PathWords,
    IReadOnlyList<string> Tags,
    [property: JsonIgnore] IReadOnlyList<long> Members);
