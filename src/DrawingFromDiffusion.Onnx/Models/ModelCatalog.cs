using System.Text.Json;

namespace DrawingFromDiffusion.Onnx.Models;

/// <summary>models/catalog.json: the real packs `dfd models pull` can fetch.</summary>
public sealed record ModelCatalog(IReadOnlyList<CatalogPack> Packs)
{
    public static ModelCatalog Load(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var packs = doc.RootElement.GetProperty("packs").EnumerateArray().Select(p => new CatalogPack(
            p.GetProperty("id").GetString()!,
            p.GetProperty("description").GetString() ?? string.Empty,
            p.GetProperty("layout").GetString()!,
            p.GetProperty("files").EnumerateArray().Select(f => new CatalogFile(
                f.GetProperty("path").GetString()!,
                new Uri(f.GetProperty("url").GetString()!),
                f.TryGetProperty("size", out var size) && size.ValueKind == JsonValueKind.Number ? size.GetInt64() : null,
                f.TryGetProperty("sha256", out var sha) && sha.ValueKind == JsonValueKind.String ? sha.GetString() : null)).ToList())).ToList();
        return new ModelCatalog(packs);
    }

    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "models", "catalog.json");

    public CatalogPack? Find(string id) => Packs.FirstOrDefault(p => string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase));
}

public sealed record CatalogPack(string Id, string Description, string Layout, IReadOnlyList<CatalogFile> Files)
{
    public long? TotalSize => Files.All(f => f.Size is not null) ? Files.Sum(f => f.Size!.Value) : null;
}

/// <param name="Sha256">null: verified against the server's declared LFS hash (X-Linked-ETag) when it sends one.</param>
public sealed record CatalogFile(string Path, Uri Url, long? Size, string? Sha256);
