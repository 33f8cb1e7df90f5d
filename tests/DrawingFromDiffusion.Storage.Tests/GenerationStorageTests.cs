using DrawingFromDiffusion.Core.Catalog;
using DrawingFromDiffusion.Core.Metadata;
using DrawingFromDiffusion.Core.Search;
using Microsoft.Data.Sqlite;

namespace DrawingFromDiffusion.Storage.Tests;

public sealed class GenerationStorageTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dfd-gen-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task WriteBatch_ScannedFileWithGeneration_IsSearchableByPromptAndFilters()
    {
        var database = await CatalogWithAsync(
            ("/lib/a.png", Generation("a red fox in snow", seed: 18446744073709551615m, lora: ("detail", 0.6), steps: 20)),
            ("/lib/sub/b.png", Generation("a blue whale", seed: -5m, lora: ("detail", 1.0), steps: 30)),
            ("/lib/c.png", null));
        var search = new PromptSearch(database);

        Assert.Equal(["/lib/a.png"], Paths(search, "fox", new SearchFilters()));
        Assert.Equal(["/lib/a.png"], Paths(search, "\"red fox\"", new SearchFilters()));
        Assert.Equal(["/lib/sub/b.png"], Paths(search, "wha*", new SearchFilters()));
        Assert.Equal(["/lib/a.png"], Paths(search, null, new SearchFilters { Seed = new ValueRange(18446744073709551615m, 18446744073709551615m) }));
        Assert.Equal(["/lib/sub/b.png"], Paths(search, null, new SearchFilters { Seed = new ValueRange(null, 0) }));
        Assert.Equal(["/lib/sub/b.png"], Paths(search, null, new SearchFilters { Steps = new ValueRange(25, 40), Lora = "DETAIL" }));
        Assert.Equal(["/lib/sub/b.png"], Paths(search, "a", new SearchFilters { Folder = "/lib/sub" }));
        Assert.Empty(Paths(search, "fox", new SearchFilters { Generator = "comfyui" }));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(40)]
    public async Task Search_BestRankedImagesLostTheirFiles_ReturnsTheBestRankedWithFiles(int withoutFiles)
    {
        const int Limit = 5;
        var database = await CatalogWithAsync([.. Enumerable.Range(1, 60).Select(i =>
            ($"/lib/{i:00}.png", (MetadataParseResult?)Generation(string.Join(' ', Enumerable.Repeat("fox", 1 + (i % 7))) + " in the snow " + new string('x', i), i, null, 1)))]);
        using (var connection = database.Connect())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "DELETE FROM files WHERE image_id IN (SELECT rowid FROM prompts_fts WHERE prompts_fts MATCH 'fox' ORDER BY bm25(prompts_fts), rowid DESC LIMIT $n)";
            command.Parameters.AddWithValue("$n", withoutFiles);
            command.ExecuteNonQuery();
        }

        var hits = new PromptSearch(database).Search(new SearchQuery("fox", new SearchFilters(), Limit));

        Assert.Equal(RankedWithFiles(database, "fox", Limit), hits.Select(h => h.ImageId));
    }

    private static List<long> RankedWithFiles(CatalogDatabase database, string words, int limit)
    {
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT rowid FROM prompts_fts WHERE prompts_fts MATCH $words AND rowid IN (SELECT image_id FROM files)
            ORDER BY bm25(prompts_fts), rowid DESC LIMIT $limit
            """;
        command.Parameters.AddWithValue("$words", words);
        command.Parameters.AddWithValue("$limit", limit);
        using var reader = command.ExecuteReader();
        var ids = new List<long>();
        while (reader.Read())
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    [Fact]
    public async Task Search_NegativePromptWord_DoesNotMatch()
    {
        var database = await CatalogWithAsync(("/lib/a.png", Generation("a cat", seed: 1, lora: null, steps: 1, negative: "blurry dog")));

        Assert.Empty(Paths(new PromptSearch(database), "dog", new SearchFilters()));
    }

    [Theory]
    [InlineData("\"unterminated")]
    [InlineData("AND OR")]
    [InlineData("hatsune-\"miku")]
    public async Task Search_MalformedQuery_ThrowsPromptQueryException(string words)
    {
        var database = await CatalogWithAsync(("/lib/a.png", Generation("a cat", 1, null, 1)));

        var error = Assert.Throws<PromptQueryException>(() => new PromptSearch(database).Search(new SearchQuery(words, new SearchFilters())));
        Assert.Contains("quoted phrase", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Facets_LorasAndGenerators_CountsWithMeanWeight()
    {
        var database = await CatalogWithAsync(
            ("/lib/a.png", Generation("x", 1, ("detail", 0.5), 1)),
            ("/lib/b.png", Generation("y", 2, ("detail", 1.0), 1)));

        var facets = new PromptSearch(database).Facets();

        Assert.Equal(2, facets.ImagesWithMetadata);
        Assert.Equal(new FacetCount("detail", 2, 0.75), Assert.Single(facets.Loras));
        Assert.Equal(new FacetCount("sd-webui", 2), Assert.Single(facets.Generators));
    }

    [Fact]
    public async Task WriteBatch_RescannedWithoutMetadata_RemovesOldRows()
    {
        var database = await CatalogWithAsync(("/lib/a.png", Generation("fox", 1, ("detail", 0.5), 1)));
        using (var catalog = new SqliteImageCatalog(database))
        {
            await catalog.WriteBatchAsync([Scanned("/lib/a.png", MetadataParseResult.NotMine, newImage: false)], CancellationToken.None);
        }

        Assert.Empty(Paths(new PromptSearch(database), "fox", new SearchFilters()));
        Assert.Equal(0, new PromptSearch(database).Facets().ImagesWithMetadata);
        Assert.Empty(new PromptSearch(database).Facets().Loras);
    }

    [Fact]
    public async Task LoadSnapshot_FileWhoseMetadataWasNeverRead_IsOfferedForRescan()
    {
        var database = await CatalogWithAsync(("/lib/a.png", Generation("fox", 1, null, 1)), ("/lib/b.png", null));
        using (var connection = database.Connect())
        using (var command = connection.CreateCommand())
        {
            // What migration 0002 leaves for files catalogued before it.
            command.CommandText = "UPDATE files SET metadata_read = 0 WHERE path = '/lib/b.png'";
            command.ExecuteNonQuery();
        }

        using var catalog = new SqliteImageCatalog(database);
        var snapshot = await catalog.LoadSnapshotAsync(["/lib"], CancellationToken.None);

        Assert.True(snapshot.Files["/lib/a.png"].Matches(10, 1000));
        Assert.False(snapshot.Files["/lib/b.png"].Matches(10, 1000));
    }

    [Fact]
    public void Migrate_CatalogAtVersion1_MarksExistingFilesForMetadataReRead()
    {
        var path = Path.Combine(_folder, "old.db");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            var init = typeof(CatalogDatabase).Assembly.GetManifestResourceStream("DrawingFromDiffusion.Storage.Migrations.0001_init.sql")!;
            command.CommandText = new StreamReader(init).ReadToEnd() + """
                PRAGMA user_version = 1;
                INSERT INTO images (id, content_hash, format, width, height, byte_size, added_at) VALUES (1, x'00', 'png', 1, 1, 1, 'now');
                INSERT INTO files (path, image_id, size, mtime_ticks) VALUES ('/old.png', 1, 1, 5);
                INSERT INTO generation (image_id, generator, prompt) VALUES (1, 'sd-webui', 'legacy prompt words');
                """;
            command.ExecuteNonQuery();
        }

        var database = CatalogDatabase.Open(path);

        using var check = database.Connect();
        using var query = check.CreateCommand();
        query.CommandText = "SELECT metadata_read FROM files WHERE path = '/old.png'";
        Assert.Equal(0L, query.ExecuteScalar());
        Assert.Equal(["/old.png"], Paths(new PromptSearch(database), "legacy", new SearchFilters()));
    }

    private static List<string> Paths(PromptSearch search, string? words, SearchFilters filters) =>
        search.Search(new SearchQuery(words, filters)).Select(h => h.Path).Order(StringComparer.Ordinal).ToList();

    private static MetadataParseResult Generation(string prompt, decimal seed, (string Name, double Weight)? lora, int steps, string? negative = null)
    {
        var metadata = new GenerationMetadata { Generator = "sd-webui", Prompt = prompt, NegativePrompt = negative, Seed = seed, Steps = steps, Model = "wai" };
        if (lora is { } l)
        {
            metadata.Loras.Add(new LoraReference(l.Name, l.Weight, "abc"));
        }

        return MetadataParseResult.Parsed(metadata);
    }

    private async Task<CatalogDatabase> CatalogWithAsync(params (string Path, MetadataParseResult? Generation)[] files)
    {
        var database = CatalogDatabase.Open(Path.Combine(_folder, "catalog.db"));
        using var catalog = new SqliteImageCatalog(database);
        await catalog.StartScanAsync(["/lib"], CancellationToken.None);
        await catalog.WriteBatchAsync(files.Select(f => Scanned(f.Path, f.Generation, newImage: true)).ToList(), CancellationToken.None);
        return database;
    }

    private static FileScanned Scanned(string path, MetadataParseResult? generation, bool newImage)
    {
        var hash = ContentHash.Of(System.Text.Encoding.UTF8.GetBytes(path));
        var facts = newImage ? new ImageFacts(ImageFormat.Png, 8, 8, 1, 2, [1, 2, 3]) : null;
        return new FileScanned(path, 10, 1000, hash, facts) { Generation = generation };
    }
}
