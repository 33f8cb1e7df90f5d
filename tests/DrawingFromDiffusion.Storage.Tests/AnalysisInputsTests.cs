using Microsoft.Data.Sqlite;

namespace DrawingFromDiffusion.Storage.Tests;

public sealed class AnalysisInputsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dfd-analysis-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void Vectors_VideoFrames_FoldIntoOneNormalisedRowUnderTheVideo()
    {
        var database = CatalogDatabase.Open(Path.Combine(_folder, "c.db"));
        using (var connection = database.Connect())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                INSERT INTO images (id, content_hash, format, width, height, byte_size, added_at, kind, video_id, timestamp_ms) VALUES
                  (1, x'01', 'png', 8, 8, 1, 'now', 'image', NULL, NULL),
                  (2, x'02', 'mp4', 8, 8, 1, 'now', 'video', NULL, NULL),
                  (3, x'03', 'png', 8, 8, 1, 'now', 'video_frame', 2, 0),
                  (4, x'04', 'png', 8, 8, 1, 'now', 'video_frame', 2, 2000);
                """;
            command.ExecuteNonQuery();
            command.CommandText = "INSERT INTO embeddings (image_id, model_id, dims, dtype, vector) VALUES ($id, 'm', 2, 'f32', $vector)";
            var id = command.Parameters.Add("$id", SqliteType.Integer);
            var vector = command.Parameters.Add("$vector", SqliteType.Blob);
            foreach (var (image, values) in new (long, float[])[] { (4, [0f, 1f]), (1, [1f, 0f]), (3, [1f, 0f]) })
            {
                id.Value = image;
                vector.Value = values.SelectMany(BitConverter.GetBytes).ToArray();
                command.ExecuteNonQuery();
            }
        }

        var (ids, vectors, dims) = new AnalysisInputs(database).Vectors("m", CancellationToken.None);

        Assert.Equal(2, dims);
        Assert.Equal([1L, 2L], ids);
        Assert.Equal([1f, 0f], vectors[..2]);
        Assert.Equal(MathF.Sqrt(0.5f), vectors[2], 5);
        Assert.Equal(MathF.Sqrt(0.5f), vectors[3], 5);
    }
}
