using System.Security.Cryptography;

namespace DrawingFromDiffusion.Onnx.Models;

/// <summary>A folder holding model.json and the files it names.</summary>
public sealed class ModelPack
{
    public const string ManifestName = "model.json";

    private ModelPack(string directory, ModelManifest manifest)
    {
        Directory = directory;
        Manifest = manifest;
    }

    public string Directory { get; }

    public ModelManifest Manifest { get; }

    public string Id => Manifest.Id;

    public bool HasText => Manifest.Text is not null;

    /// <exception cref="ModelPackException">no or unreadable model.json.</exception>
    public static ModelPack Load(string directory)
    {
        var path = Path.Combine(directory, ManifestName);
        if (!File.Exists(path))
        {
            throw new ModelPackException($"{directory}: no {ManifestName} (not a model pack; `dfd models add` imports HF/Xenova and Immich folders)");
        }

        try
        {
            var manifest = ModelManifest.Parse(File.ReadAllText(path));
            if (manifest.Image is null && manifest.Text is null)
            {
                throw new ModelPackException($"{path}: the manifest names neither an image nor a text tower");
            }

            if (manifest.Image is { Background: not ("none" or "white") } image)
            {
                throw new ModelPackException($"{path}: image.background is '{image.Background}'; it must be \"none\" or \"white\"");
            }

            return new ModelPack(Path.GetFullPath(directory), manifest);
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new ModelPackException($"{path}: not valid model.json ({ex.Message})", ex);
        }
    }

    public string PathOf(string relative) => Path.Combine(Directory, relative);

    /// <summary>Checks that every file exists and has its manifest SHA-256; returns one line per problem.</summary>
    public async Task<IReadOnlyList<string>> VerifyAsync(CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        foreach (var (file, expected) in Manifest.Files)
        {
            var path = PathOf(file);
            if (!File.Exists(path))
            {
                problems.Add($"{file}: missing");
                continue;
            }

            var actual = await Sha256Async(path, cancellationToken).ConfigureAwait(false);
            if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{file}: SHA-256 {actual} differs from the manifest's {expected}");
            }
        }

        return problems;
    }

    public static async Task<string> Sha256Async(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        var hash = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
        return Convert.ToHexStringLower(hash);
    }
}
