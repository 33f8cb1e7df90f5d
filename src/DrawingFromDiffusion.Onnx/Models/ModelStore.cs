namespace DrawingFromDiffusion.Onnx.Models;

/// <summary>
/// Where packs live: installed ones under <see cref="Root"/> ($DFD_MODELS, else $XDG_DATA_HOME/dfd/models,
/// else ~/.local/share/dfd/models), bundled ones under the application's models/ folder.
/// </summary>
public sealed class ModelStore(string root, string? bundledRoot = null)
{
    public const string OfflinePackId = "resnet18-imagenet";

    public string Root { get; } = Path.GetFullPath(root);

    public string BundledRoot { get; } = bundledRoot ?? Path.Combine(AppContext.BaseDirectory, "models");

    public static string DefaultRoot()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("DFD_MODELS");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Path.GetFullPath(fromEnvironment);
        }

        var dataHome = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        if (string.IsNullOrWhiteSpace(dataHome))
        {
            dataHome = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        }

        return Path.Combine(dataHome, "dfd", "models");
    }

    public static ModelStore Open() => new(DefaultRoot());

    /// <summary>Installed packs first, then bundled ones; a broken model.json is reported, not thrown.</summary>
    public IReadOnlyList<(ModelPack? Pack, string Directory, bool Bundled, string? Problem)> List()
    {
        var result = new List<(ModelPack?, string, bool, string?)>();
        foreach (var (dir, bundled) in Folders(Root, false).Concat(Folders(BundledRoot, true)))
        {
            try
            {
                result.Add((ModelPack.Load(dir), dir, bundled, null));
            }
            catch (ModelPackException ex)
            {
                result.Add((null, dir, bundled, ex.Message));
            }
        }

        return result;
    }

    public ModelPack? Find(string id) =>
        List().Select(p => p.Pack).FirstOrDefault(p => p is not null && string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase));

    /// <summary>An installed CLIP pack (text + image) if any, else the offline image pack.</summary>
    public ModelPack? DefaultPack() =>
        List().Where(p => !p.Bundled && p.Pack is { HasText: true, Manifest.Image: not null }).Select(p => p.Pack).FirstOrDefault()
        ?? Find(OfflinePackId);

    /// <summary>Imports <paramref name="source"/> (model.json, HF/Xenova or Immich layout) and installs it atomically.</summary>
    public async Task<ModelPack> AddAsync(string source, string? id, bool replace, CancellationToken cancellationToken)
    {
        var import = PackImporter.Import(source, id);
        var final = Path.Combine(Root, import.Manifest.Id);
        if (Directory.Exists(final) && !replace)
        {
            throw new ModelPackException($"a pack '{import.Manifest.Id}' is already installed in {final} (use --replace, or --id to pick another id)");
        }

        Directory.CreateDirectory(Root);
        var staging = Path.Combine(Root, $".staging-{import.Manifest.Id}-{Guid.NewGuid():N}");
        try
        {
            var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (relative, from) in import.Files)
            {
                var to = Path.Combine(staging, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                File.Copy(from, to);
                hashes[relative.Replace('\\', '/')] = await ModelPack.Sha256Async(to, cancellationToken).ConfigureAwait(false);
            }

            var manifest = import.Manifest with { Files = hashes };
            await File.WriteAllTextAsync(Path.Combine(staging, ModelPack.ManifestName), manifest.ToJson(), cancellationToken).ConfigureAwait(false);
            if (Directory.Exists(final))
            {
                var old = final + $".old-{Guid.NewGuid():N}";
                Directory.Move(final, old);
                Directory.Move(staging, final);
                Directory.Delete(old, recursive: true);
            }
            else
            {
                Directory.Move(staging, final);
            }
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }

        return ModelPack.Load(final);
    }

    private static IEnumerable<(string, bool)> Folders(string root, bool bundled) =>
        Directory.Exists(root)
            ? Directory.GetDirectories(root).Where(d => !Path.GetFileName(d).StartsWith('.')).Order(StringComparer.Ordinal).Select(d => (d, bundled))
            : [];
}
