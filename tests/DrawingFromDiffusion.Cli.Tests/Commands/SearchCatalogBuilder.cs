using System.Globalization;
using System.Numerics.Tensors;
using DrawingFromDiffusion.Storage;
using Microsoft.Data.Sqlite;

namespace DrawingFromDiffusion.Cli.Tests.Commands;

/// <summary>A hand-built catalog: images with chosen vectors, prompts and generators, written straight into SQLite.</summary>
internal sealed class SearchCatalogBuilder(string dbPath, string modelId)
{
    private long _next = 1;

    public string DbPath { get; } = dbPath;

    public long Add(float[] vector, string? prompt, string generator = "comfyui", DateTimeOffset? modified = null)
    {
        _ = CatalogDatabase.Open(DbPath);
        var id = _next++;
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DbPath, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO images (id, content_hash, format, width, height, byte_size, added_at) VALUES ($id, $hash, 'png', 64, 64, 100, '2026-01-01');
            INSERT INTO files (path, image_id, size, mtime_ticks) VALUES ($path, $id, 100, $mtime);
            INSERT INTO generation (image_id, generator, prompt, model, seed, seed_text) VALUES ($id, $generator, $prompt, 'model.safetensors', $id, $seed);
            INSERT INTO embeddings (image_id, model_id, dims, dtype, vector) VALUES ($id, $model, $dims, 'f32', $vector);
            """;
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$hash", BitConverter.GetBytes(id).Concat(new byte[8]).ToArray());
        command.Parameters.AddWithValue("$path", $"/lib/{id:000}.png");
        command.Parameters.AddWithValue("$mtime", (modified ?? new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(id)).UtcTicks);
        command.Parameters.AddWithValue("$generator", generator);
        command.Parameters.AddWithValue("$prompt", (object?)prompt ?? DBNull.Value);
        command.Parameters.AddWithValue("$seed", id.ToString(CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$model", modelId);
        command.Parameters.AddWithValue("$dims", vector.Length);
        var bytes = new byte[vector.Length * 4];
        Buffer.BlockCopy(vector, 0, bytes, 0, bytes.Length);
        command.Parameters.AddWithValue("$vector", bytes);
        command.ExecuteNonQuery();
        return id;
    }

    /// <summary>A unit vector at cosine <paramref name="cosine"/> to the unit vector <paramref name="toward"/>.</summary>
    public static float[] AtCosine(float[] toward, float cosine, Random random)
    {
        var noise = new float[toward.Length];
        for (var i = 0; i < noise.Length; i++)
        {
            noise[i] = (float)(random.NextDouble() - 0.5);
        }

        TensorPrimitives.MultiplyAdd(toward, -TensorPrimitives.Dot(noise, toward), noise, noise);
        TensorPrimitives.Divide(noise, TensorPrimitives.Norm(noise), noise);
        var vector = new float[toward.Length];
        TensorPrimitives.Multiply(toward, cosine, vector);
        TensorPrimitives.MultiplyAdd(noise, MathF.Sqrt(1 - (cosine * cosine)), vector, vector);
        return vector;
    }
}
