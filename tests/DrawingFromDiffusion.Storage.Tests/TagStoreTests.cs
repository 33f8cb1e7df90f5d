using DrawingFromDiffusion.Core.Search;
using DrawingFromDiffusion.Core.Tagging;

namespace DrawingFromDiffusion.Storage.Tests;

public sealed class TagStoreTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dfd-tags-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Save_ThenUntaggedAndTagFilter_DoneImagesLeftOutAndTagsFound()
    {
        var database = CatalogDatabase.Open(Path.Combine(_folder, "c.db"));
        using (var connection = database.Connect())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                INSERT INTO images (id, content_hash, format, width, height, byte_size, added_at) VALUES (1, x'01', 'png', 8, 8, 1, 'now'), (2, x'02', 'png', 8, 8, 1, 'now'), (3, x'03', 'png', 8, 8, 1, 'now');
                INSERT INTO files (path, image_id, size, mtime_ticks) VALUES ('/lib/a.png', 1, 1, 5), ('/lib/b.png', 2, 1, 6), ('/lib/c.png', 3, 1, 7);
                """;
            command.ExecuteNonQuery();
        }

        var tags = new TagStore(database);
        tags.Save("wd", [(1, [new ImageTag("red_hair", "general", 0.6f), new ImageTag("general", "rating", 0.9f)]), (2, [])]);
        tags.Save("wd", [(1, [new ImageTag("red_hair", "general", 0.7f)])]);

        Assert.Equal([(3L, "/lib/c.png")], tags.Untagged("wd", retag: false));
        Assert.Equal(3, tags.Untagged("wd", retag: true).Count);
        Assert.Equal(3, tags.Untagged("other", retag: false).Count);
        var only = Assert.Single(tags.TagsOf(1));
        Assert.Equal(new ImageTag("red_hair", "general", 0.7f), only);
        Assert.Equal([1L], new SearchCatalog(database).MatchingIds(new SearchFilters { Tag = "Red Hair" })!);
        Assert.Empty(new SearchCatalog(database).MatchingIds(new SearchFilters { Tag = "smile" })!);
    }
}
