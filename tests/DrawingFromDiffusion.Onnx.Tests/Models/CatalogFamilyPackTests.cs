using DrawingFromDiffusion.Onnx.Models;

namespace DrawingFromDiffusion.Onnx.Tests.Models;

/// <summary>
/// The real catalog entries of the SigLIP 2, NLLB-CLIP, M-CLIP and WD14 packs, pulled from a loopback server that
/// serves the tiny pack of the same family under exactly the entry's file list: the files the entry names are enough
/// for the importer, and `models verify` checks every one of them by SHA-256.
/// </summary>
public sealed class CatalogFamilyPackTests
{
    private static readonly string _families = Path.Combine(AppContext.BaseDirectory, "TestData", "Families");

    [Theory]
    [InlineData("vit-b-16-siglip2-webli", "tiny-siglip2", "siglip2", "textual/tokenizer.json")]
    [InlineData("nllb-clip-base-siglip", "tiny-nllb-siglip", "nllb", "textual/tokenizer_config.json")]
    [InlineData("xlm-roberta-large-vit-b-16plus", "tiny-xlmr-clip", "xlm-roberta", "visual/preprocess_cfg.json")]
    [InlineData("wd-vit-tagger-v3", "tiny-wd14-tagger", null, "selected_tags.csv")]
    public async Task Pull_CatalogEntryServedByTheTinyPack_InstallsAndVerifyCatchesAChangedFile(string id, string tiny, string? family, string tampered)
    {
        var entry = ModelCatalog.Load(Path.Combine(AppContext.BaseDirectory, "TestData", "catalog.json")).Find(id);
        Assert.NotNull(entry);
        var served = Directory.CreateTempSubdirectory("dfd-served-").FullName;
        foreach (var file in entry.Files)
        {
            var target = Path.Combine(served, file.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(_families, tiny, file.Path), target);
        }

        using var server = new PackDownloaderTests.LoopbackServer(served);
        var local = entry with { Files = [.. entry.Files.Select(f => f with { Url = new Uri(server.Prefix + f.Path), Size = new FileInfo(Path.Combine(served, f.Path)).Length })] };
        var store = new ModelStore(Directory.CreateTempSubdirectory("dfd-store-").FullName, bundledRoot: "/nonexistent");
        using var http = new HttpClient();

        var pack = await new PackDownloader(http, store).PullAsync(local, replace: false, null, CancellationToken.None);

        Assert.Equal(family, pack.Manifest.Text?.Tokenizer.Family);
        Assert.Equal(entry.Files.Select(f => f.Path).Order(StringComparer.Ordinal), pack.Manifest.Files.Keys.Where(k => k != "model.json").Order(StringComparer.Ordinal));
        Assert.Empty(await pack.VerifyAsync(CancellationToken.None));

        await File.AppendAllTextAsync(pack.PathOf(tampered), " ");

        var problem = Assert.Single(await pack.VerifyAsync(CancellationToken.None));
        Assert.StartsWith($"{tampered}: SHA-256 ", problem, StringComparison.Ordinal);
    }
}
