using DrawingFromDiffusion.Core.Search;

namespace DrawingFromDiffusion.Storage.Tests;

public sealed class SearchCatalogTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dfd-searchcat-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void MatchingIds_FiltersIncludingAdherence_SelectsImagesWithFiles()
    {
        var (catalog, _) = Build();

        Assert.Null(catalog.MatchingIds(new SearchFilters()));
        Assert.Equal([1L, 3L], catalog.MatchingIds(new SearchFilters { Generator = "COMFYUI" })!.Order());
        Assert.Equal([2L], catalog.MatchingIds(new SearchFilters { AdherenceBelow = 0.2 })!.Order());
        Assert.Equal([3L], catalog.MatchingIds(new SearchFilters { Folder = "/lib/sub" })!.Order());
    }

    [Fact]
    public void MatchingIds_WholeNames_MatchModelAndLoraExactlyElseAsSubstrings()
    {
        var (catalog, _) = Build();

        Assert.Equal([1L, 2L], catalog.MatchingIds(new SearchFilters { Lora = "detail" })!.Order());
        Assert.Equal([2L], catalog.MatchingIds(new SearchFilters { Lora = "DETAIL", WholeNames = true })!.Order());
        Assert.Equal([1L, 3L], catalog.MatchingIds(new SearchFilters { Model = "sdxl" })!.Order());
        Assert.Equal([3L], catalog.MatchingIds(new SearchFilters { Model = "sdxl", WholeNames = true })!.Order());
        Assert.Empty(catalog.MatchingIds(new SearchFilters { Lora = "detail_", WholeNames = true })!);
        Assert.Null(catalog.MatchingIds(new SearchFilters { WholeNames = true }));
    }

    [Fact]
    public void Rows_StoredAdherenceAndPath_AreJoined()
    {
        var (catalog, _) = Build();

        var rows = catalog.Rows([1, 2, 3, 99], "m");

        Assert.Equal(3, rows.Count);
        Assert.Equal(0.31, rows[1].Adherence!.Value, 6);
        Assert.Equal("/lib/sub/c.png", rows[3].Path);
        Assert.Null(rows[3].Adherence);
        Assert.Equal("comfyui", rows[1].Generator);
        Assert.Equal(3L, catalog.ImageIdForPath("/lib/sub/c.png"));
        Assert.Null(catalog.ImageIdForPath("/elsewhere.png"));
    }

    [Fact]
    public void SaveAdherence_Twice_ReplacesScores()
    {
        var (catalog, database) = Build();

        catalog.SaveAdherence("m", [(1, 0.05)]);

        Assert.Equal([1L, 2L], catalog.MatchingIds(new SearchFilters { AdherenceBelow = 0.2 })!.Order());
        using var connection = database.Connect();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM adherence";
        Assert.Equal(2L, command.ExecuteScalar());
    }

    private (SearchCatalog Catalog, CatalogDatabase Database) Build()
    {
        var database = CatalogDatabase.Open(Path.Combine(_folder, $"c-{Guid.NewGuid():N}.db"));
        using (var connection = database.Connect())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                INSERT INTO images (id, content_hash, format, width, height, byte_size, added_at) VALUES (1, x'01', 'png', 8, 8, 1, 'now'), (2, x'02', 'png', 8, 8, 1, 'now'), (3, x'03', 'png', 8, 8, 1, 'now');
                INSERT INTO files (path, image_id, size, mtime_ticks) VALUES ('/lib/a.png', 1, 1, 5), ('/lib/b.png', 2, 1, 6), ('/lib/sub/c.png', 3, 1, 7);
                INSERT INTO generation (image_id, generator, model, prompt) VALUES (1, 'comfyui', 'sdxl_refiner', 'a fox'), (2, 'sd-webui', NULL, 'a cat'), (3, 'comfyui', 'sdxl', 'a dog');
                INSERT INTO loras (image_id, name, weight) VALUES (1, 'add_detail', 0.7), (2, 'detail', 1.0);
                """;
            command.ExecuteNonQuery();
        }

        var catalog = new SearchCatalog(database);
        catalog.SaveAdherence("m", [(1, 0.31), (2, 0.12)]);
        return (catalog, database);
    }
}
