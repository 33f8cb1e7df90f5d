using System.Numerics.Tensors;

namespace DrawingFromDiffusion.Core.Clustering;

/// <summary>Style words a cluster centre is compared with through a pack's text tower.</summary>
public static class StyleVocabulary
{
    public static IReadOnlyList<string> Words { get; } =
    [
        "watercolor", "anime", "photorealistic", "pixel art", "oil painting", "line art", "3D render", "sketch",
        "comic book", "cartoon", "digital painting", "concept art", "vector art", "low poly", "cyberpunk",
        "fantasy art", "impressionism", "ukiyo-e", "charcoal drawing", "pastel", "isometric", "studio photograph",
        "cinematic", "minimalist", "vaporwave", "clay render", "stained glass", "pencil drawing", "clip art", "icon",
    ];

    /// <summary>The prompt fed to the text tower for a word; a CLIP tower matches captions better than bare words.</summary>
    public static string Caption(string word) => $"an image in the style of {word}";

    /// <summary>The <paramref name="top"/> words whose text vectors lie nearest the centroid.</summary>
    public static IReadOnlyList<(string Word, float Similarity)> Nearest(ReadOnlySpan<float> centroid, IReadOnlyList<float[]> wordVectors, int top = 3)
    {
        ArgumentNullException.ThrowIfNull(wordVectors);
        var scored = new List<(string, float)>(wordVectors.Count);
        for (var i = 0; i < wordVectors.Count && i < Words.Count; i++)
        {
            scored.Add((Words[i], TensorPrimitives.CosineSimilarity(centroid, wordVectors[i])));
        }

        return [.. scored.OrderByDescending(s => s.Item2).Take(top)];
    }
}
