using System.Globalization;
using System.Text.Json;
using DrawingFromDiffusion.Core.Metadata;

namespace DrawingFromDiffusion.Storage.PostgreSql;

/// <summary>Replaces an image's generation, LoRA and textual-inversion rows inside the caller's transaction (the prompt's tsvector is a generated column).</summary>
internal static class PgGenerationWriter
{
    private static readonly JsonSerializerOptions _json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public static async Task WriteAsync(PgSql sql, long imageId, MetadataParseResult result)
    {
        await sql.ExecuteAsync("DELETE FROM generation WHERE image_id = @id", ("id", imageId));
        await sql.ExecuteAsync("DELETE FROM loras WHERE image_id = @id", ("id", imageId));
        await sql.ExecuteAsync("DELETE FROM textual_inversions WHERE image_id = @id", ("id", imageId));
        if (result.Metadata is not { } m)
        {
            return;
        }

        var warnings = result.Reason is null ? m.Warnings : m.Warnings.Prepend(result.Reason).ToList();
        await sql.ExecuteAsync(
            """
            INSERT INTO generation (image_id, generator, prompt, negative_prompt, model, model_hash, seed, seed_text, steps, sampler, scheduler,
                cfg_scale, width, height, vae, clip_skip, denoise, extra_json, raw, hires_json, c2pa_json, warnings_json, status)
            VALUES (@id, @generator, @prompt, @negative, @model, @hash, @seed, @seedText, @steps, @sampler, @scheduler,
                @cfg, @width, @height, @vae, @clipSkip, @denoise, @extra, @raw, @hires, @c2pa, @warnings, @status)
            """,
            ("id", imageId), ("generator", m.Generator), ("prompt", Clean(m.Prompt)), ("negative", Clean(m.NegativePrompt)), ("model", Clean(m.Model)),
            ("hash", m.ModelHash), ("seed", m.Seed is { } s && s >= long.MinValue && s <= long.MaxValue ? (long)s : null),
            ("seedText", m.Seed?.ToString(CultureInfo.InvariantCulture)), ("steps", m.Steps), ("sampler", m.Sampler), ("scheduler", m.Scheduler),
            ("cfg", m.CfgScale), ("width", m.Width), ("height", m.Height), ("vae", m.Vae), ("clipSkip", m.ClipSkip), ("denoise", m.Denoise),
            ("extra", m.Extra.Count == 0 ? null : Clean(JsonSerializer.Serialize(m.Extra, _json))), ("raw", Clean(m.Raw)),
            ("hires", m.Hires is null ? null : JsonSerializer.Serialize(m.Hires, _json)),
            ("c2pa", m.C2pa is null ? null : JsonSerializer.Serialize(m.C2pa, _json)),
            ("warnings", warnings.Count == 0 ? null : JsonSerializer.Serialize(warnings, _json)),
            ("status", result.Status == ParseStatus.Malformed ? "malformed" : "parsed"));
        foreach (var lora in m.Loras)
        {
            await sql.ExecuteAsync("INSERT INTO loras (image_id, name, weight, hash) VALUES (@id, @name, @weight, @hash)",
                ("id", imageId), ("name", Clean(lora.Name)), ("weight", lora.Weight), ("hash", lora.Hash));
        }

        foreach (var embedding in m.Embeddings)
        {
            await sql.ExecuteAsync("INSERT INTO textual_inversions (image_id, name, hash) VALUES (@id, @name, @hash)",
                ("id", imageId), ("name", Clean(embedding.Name)), ("hash", embedding.Hash));
        }
    }

    /// <summary>PostgreSQL text cannot hold NUL characters, which SQLite keeps; hostile metadata may carry them.</summary>
    private static string? Clean(string? text) => text?.Replace("\0", "", StringComparison.Ordinal);
}
