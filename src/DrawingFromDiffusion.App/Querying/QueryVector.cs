using DrawingFromDiffusion.Core.Library;
using DrawingFromDiffusion.Core.Search;

namespace DrawingFromDiffusion.App.Querying;

/// <summary>
/// The parts of a query that do not depend on the catalog's engine (SQLite or PostgreSQL): the one query vector of
/// text terms and an image, and the prompt words of the terms.
/// </summary>
internal static class QueryVector
{
    /// <summary>The weighted sum of the terms' text vectors and the query image's vector.</summary>
    public static async Task<float[]> ComposeAsync(ImageQuery query, Func<string, float[]> embedText, Func<Stream, float[]> embedImage, CancellationToken cancellationToken)
    {
        var terms = new List<(float, float[])>();
        foreach (var term in query.Terms)
        {
            cancellationToken.ThrowIfCancellationRequested();
            terms.Add((term.Weight, embedText(term.Text)));
        }

        if (query.ImagePath is { } image)
        {
            terms.Add((query.ImageWeight, await EmbedFileAsync(image, embedImage, cancellationToken)));
        }

        if (terms.Count == 0)
        {
            throw new SearchUnavailableException("a CLIP or hybrid search needs TEXT or --image (--prompt WORDS alone searches the prompts: use --mode prompt)");
        }

        try
        {
            return SearchService.Combine(terms);
        }
        catch (ArgumentException)
        {
            throw new SearchUnavailableException("the query terms cancel out (their weighted sum is zero); change the terms or their weights");
        }
    }

    /// <summary>A query image's vector; a path that is not a regular file is the user's input error.</summary>
    public static async Task<float[]> EmbedFileAsync(string path, Func<Stream, float[]> embedImage, CancellationToken cancellationToken)
    {
        if (RegularFile.Problem(path) is { } problem)
        {
            throw new InputFileException($"{path} {problem}");
        }

        await using var stream = File.OpenRead(path);
        return await Task.Run(() => embedImage(stream), cancellationToken);
    }

    /// <summary>The distinct words of the terms, kept to letters, digits, '_', '-' and '\'' as both prompt indexes read them.</summary>
    public static List<string> PromptWords(IEnumerable<QueryTerm> terms) => terms
        .SelectMany(t => t.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        .Select(w => new string(w.Where(c => char.IsLetterOrDigit(c) || c is '_' or '-' or '\'').ToArray()))
        .Where(w => w.Length > 0)
        .Distinct(StringComparer.OrdinalIgnoreCase)
        .ToList();
}
