using System.Globalization;
using System.Text.Json;
using DrawingFromDiffusion.Core.Metadata;
using Microsoft.Data.Sqlite;

namespace DrawingFromDiffusion.Storage;

/// <summary>Replaces an image's generation, LoRA and embedding rows (FTS follows through triggers), inside the caller's transaction.</summary>
internal static class GenerationWriter
{
    private static readonly JsonSerializerOptions _json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static void Write(SqliteConnection connection, SqliteTransaction transaction, long imageId, MetadataParseResult result)
    {
        Execute(connection, transaction, "DELETE FROM generation WHERE image_id = $id", ("$id", imageId));
        Execute(connection, transaction, "DELETE FROM loras WHERE image_id = $id", ("$id", imageId));
        Execute(connection, transaction, "DELETE FROM textual_inversions WHERE image_id = $id", ("$id", imageId));
        if (result.Metadata is not { } m)
        {
            return;
        }

        var warnings = result.Reason is null ? m.Warnings : m.Warnings.Prepend(result.Reason).ToList();
        Execute(
            connection,
            transaction,
            """
            INSERT INTO generation (image_id, generator, prompt, negative_prompt, model, model_hash, seed, seed_text, steps, sampler, scheduler,
                cfg_scale, width, height, vae, clip_skip, denoise, extra_json, raw, hires_json, c2pa_json, warnings_json, status)
            VALUES ($id, $generator, $prompt, $negative, $model, $hash, $seed, $seedText, $steps, $sampler, $scheduler,
                $cfg, $width, $height, $vae, $clipSkip, $denoise, $extra, $raw, $hires, $c2pa, $warnings, $status)
            """,
            ("$id", imageId),
            ("$generator", m.Generator),
            ("$prompt", m.Prompt),
            ("$negative", m.NegativePrompt),
            ("$model", m.Model),
            ("$hash", m.ModelHash),
            ("$seed", m.Seed is { } s && s >= long.MinValue && s <= long.MaxValue ? (long)s : null),
            ("$seedText", m.Seed?.ToString(CultureInfo.InvariantCulture)),
            ("$steps", m.Steps),
            ("$sampler", m.Sampler),
            ("$scheduler", m.Scheduler),
            ("$cfg", m.CfgScale),
            ("$width", m.Width),
            ("$height", m.Height),
            ("$vae", m.Vae),
            ("$clipSkip", m.ClipSkip),
            ("$denoise", m.Denoise),
            ("$extra", m.Extra.Count == 0 ? null : JsonSerializer.Serialize(m.Extra, _json)),
            ("$raw", m.Raw),
            ("$hires", m.Hires is null ? null : JsonSerializer.Serialize(m.Hires, _json)),
            ("$c2pa", m.C2pa is null ? null : JsonSerializer.Serialize(m.C2pa, _json)),
            ("$warnings", warnings.Count == 0 ? null : JsonSerializer.Serialize(warnings, _json)),
            ("$status", result.Status == ParseStatus.Malformed ? "malformed" : "parsed"));
        foreach (var lora in m.Loras)
        {
            Execute(connection, transaction, "INSERT INTO loras (image_id, name, weight, hash) VALUES ($id, $name, $weight, $hash)",
                ("$id", imageId), ("$name", lora.Name), ("$weight", lora.Weight), ("$hash", lora.Hash));
        }

        foreach (var embedding in m.Embeddings)
        {
            Execute(connection, transaction, "INSERT INTO textual_inversions (image_id, name, hash) VALUES ($id, $name, $hash)",
                ("$id", imageId), ("$name", embedding.Name), ("$hash", embedding.Hash));
        }
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        command.ExecuteNonQuery();
    }
}
