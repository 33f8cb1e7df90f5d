using System.Text.Json;
using System.Text.RegularExpressions;

namespace DrawingFromDiffusion.Onnx.Models;

/// <summary>
/// Recognises packs people already have, without converting them (docs: clip-onnx-layouts.md):
/// a folder with model.json, the Hugging Face / Xenova export, or the Immich export.
/// </summary>
public static partial class PackImporter
{
    public static PackImport Import(string directory, string? id = null)
    {
        if (!Directory.Exists(directory))
        {
            throw new ModelPackException($"{directory}: no such folder");
        }

        directory = Path.GetFullPath(directory);
        var packId = id ?? SafeId(Path.GetFileName(directory.TrimEnd(Path.DirectorySeparatorChar)));
        if (File.Exists(Path.Combine(directory, ModelPack.ManifestName)))
        {
            var pack = ModelPack.Load(directory);
            var files = pack.Manifest.Files.Keys.Select(f => (f, pack.PathOf(f))).ToList();
            var manifest = pack.Manifest with { Id = id ?? pack.Id };
            if (manifest.Text is { } declared)
            {
                // An int8 tower made after the pack (quantize_int8.py) rides along: named in model.json, or beside the fp32 one.
                var int8 = Int8Beside(directory, declared.Int8File ?? Path.ChangeExtension(declared.File, ".int8.onnx"), files);
                manifest = manifest with { Text = declared with { Int8File = int8 } };
            }

            return new PackImport("model.json", manifest, files);
        }

        if (File.Exists(Path.Combine(directory, "onnx", "vision_model.onnx")) || File.Exists(Path.Combine(directory, "onnx", "text_model.onnx")))
        {
            return Xenova(directory, packId);
        }

        if (File.Exists(Path.Combine(directory, "visual", "model.onnx")) || File.Exists(Path.Combine(directory, "textual", "model.onnx")))
        {
            return Immich(directory, packId);
        }

        if (File.Exists(Path.Combine(directory, "model.onnx")) && File.Exists(Path.Combine(directory, "selected_tags.csv")))
        {
            return TaggerImport.Wd14(directory, packId);
        }

        throw new ModelPackException($"{directory}: not a recognised pack: expected model.json, onnx/vision_model.onnx + onnx/text_model.onnx (Hugging Face / Xenova), visual/model.onnx + textual/model.onnx (Immich), or model.onnx + selected_tags.csv (WD14 tagger)");
    }

    private static PackImport Xenova(string dir, string id)
    {
        var files = new List<(string, string)>();
        ImageTowerSpec? image = null;
        TextTowerSpec? text = null;
        var embed = 512;
        var config = ReadJson(Path.Combine(dir, "config.json"));
        if (config is { } c && c.TryGetProperty("projection_dim", out var projection))
        {
            embed = projection.GetInt32();
        }
        else if (config is { } s && s.TryGetProperty("vision_config", out var vision) && vision.TryGetProperty("hidden_size", out var hidden))
        {
            // SigLIP has no projection: the vectors are the towers' pooled hidden states.
            embed = hidden.GetInt32();
        }

        if (File.Exists(Path.Combine(dir, "onnx", "vision_model.onnx")))
        {
            files.Add(("onnx/vision_model.onnx", Path.Combine(dir, "onnx", "vision_model.onnx")));
            var pre = ReadJson(Path.Combine(dir, "preprocessor_config.json"));
            // SigLIP's image processor squashes to size×size and has no centre crop.
            var squash = pre is { } sq && !sq.TryGetProperty("crop_size", out _);
            image = new ImageTowerSpec
            {
                File = "onnx/vision_model.onnx",
                Input = "pixel_values",
                Output = "image_embeds",
                Size = pre is { } p ? SizeOf(p, squash ? "size" : "crop_size", "height") ?? 224 : 224,
                Resize = squash ? "squash" : "shortest",
                CropRounding = "floor",
                ConvertRgb = "before_resize",
                Mean = pre is { } m && m.TryGetProperty("image_mean", out var mean) ? mean.EnumerateArray().Select(x => x.GetSingle()).ToArray() : new ImageTowerSpec { File = "", Input = "" }.Mean,
                Std = pre is { } s && s.TryGetProperty("image_std", out var std) ? std.EnumerateArray().Select(x => x.GetSingle()).ToArray() : new ImageTowerSpec { File = "", Input = "" }.Std,
            };
            if (pre is not null)
            {
                files.Add(("preprocessor_config.json", Path.Combine(dir, "preprocessor_config.json")));
            }
        }

        if (File.Exists(Path.Combine(dir, "onnx", "text_model.onnx")))
        {
            files.Add(("onnx/text_model.onnx", Path.Combine(dir, "onnx", "text_model.onnx")));
            var sentencePiece = SentencePieceDetection.Detect(dir, "", config, files);
            text = new TextTowerSpec
            {
                File = "onnx/text_model.onnx",
                Input = "input_ids",
                InputDtype = "int64",
                Output = "text_embeds",
                Tokenizer = sentencePiece?.Spec ?? TokenizerFiles(dir, "", files),
                PadId = sentencePiece?.PadId ?? 49407,
                // SigLIP-style towers pool the last position: they always take the full padded length.
                DynamicLength = sentencePiece is null,
                ContextLength = sentencePiece is null ? 77 : ContextOf(config, dir),
                Int8File = Int8Beside(dir, "onnx/text_model_int8.onnx", files) ?? Int8Beside(dir, "onnx/text_model_quantized.onnx", files),
            };
        }

        if (config is not null)
        {
            files.Add(("config.json", Path.Combine(dir, "config.json")));
        }

        return new PackImport("xenova", new ModelManifest
        {
            Id = id,
            Family = text is null ? "image" : "clip",
            Description = $"imported Hugging Face / Xenova export from {dir}",
            EmbeddingSize = embed,
            Image = image,
            Text = text,
        }, files);
    }

    private static PackImport Immich(string dir, string id)
    {
        var files = new List<(string, string)>();
        var config = ReadJson(Path.Combine(dir, "config.json"));
        var embed = config is { } c && c.TryGetProperty("embed_dim", out var e) ? e.GetInt32() : 512;
        var context = config is { } c2 && c2.TryGetProperty("text_cfg", out var t) && t.TryGetProperty("context_length", out var cl) ? cl.GetInt32() : 77;
        if (config is not null)
        {
            files.Add(("config.json", Path.Combine(dir, "config.json")));
        }

        ImageTowerSpec? image = null;
        if (File.Exists(Path.Combine(dir, "visual", "model.onnx")))
        {
            files.Add(("visual/model.onnx", Path.Combine(dir, "visual", "model.onnx")));
            var pre = ReadJson(Path.Combine(dir, "visual", "preprocess_cfg.json"));
            var defaults = new ImageTowerSpec { File = "", Input = "" };
            image = new ImageTowerSpec
            {
                File = "visual/model.onnx",
                Input = "image",
                Output = null,
                Size = pre is { } p && p.TryGetProperty("size", out var size) ? (size.ValueKind == JsonValueKind.Array ? size[0].GetInt32() : size.GetInt32()) : 224,
                Resize = pre is { } r && r.TryGetProperty("resize_mode", out var mode) && mode.GetString() == "squash" ? "squash" : "shortest",
                SizeRounding = "immich",
                CropRounding = "floor",
                ConvertRgb = "before_resize",
                Mean = pre is { } m && m.TryGetProperty("mean", out var mean) ? mean.EnumerateArray().Select(x => x.GetSingle()).ToArray() : defaults.Mean,
                Std = pre is { } s && s.TryGetProperty("std", out var std) ? std.EnumerateArray().Select(x => x.GetSingle()).ToArray() : defaults.Std,
            };
            if (pre is not null)
            {
                files.Add(("visual/preprocess_cfg.json", Path.Combine(dir, "visual", "preprocess_cfg.json")));
            }
        }

        TextTowerSpec? text = null;
        if (File.Exists(Path.Combine(dir, "textual", "model.onnx")))
        {
            files.Add(("textual/model.onnx", Path.Combine(dir, "textual", "model.onnx")));
            var sentencePiece = SentencePieceDetection.Detect(dir, "textual/", config, files);
            // M-CLIP text towers (XLM-RoBERTa) take ids and an attention mask; the others take one "text" input.
            var mclip = sentencePiece?.Spec.Family == "xlm-roberta";
            text = new TextTowerSpec
            {
                File = "textual/model.onnx",
                Input = mclip ? "input_ids" : "text",
                InputDtype = "int32",
                Output = null,
                Tokenizer = sentencePiece?.Spec ?? TokenizerFiles(dir, "textual/", files),
                ContextLength = context,
                PadId = sentencePiece?.PadId ?? 49407,
                DynamicLength = false,
                AttentionMask = mclip ? "attention_mask" : null,
            };
        }

        return new PackImport("immich", new ModelManifest
        {
            Id = id,
            Family = text is null ? "image" : "clip",
            Description = $"imported Immich export from {dir}",
            EmbeddingSize = embed,
            OutputsNormalized = true,
            Image = image,
            Text = text,
        }, files);
    }

    /// <summary>The relative path when that file exists (and adds it to the files to copy), else null.</summary>
    private static string? Int8Beside(string dir, string relative, List<(string, string)> files)
    {
        relative = relative.Replace('\\', '/');
        var path = Path.Combine(dir, relative);
        if (!File.Exists(path))
        {
            return null;
        }

        if (!files.Any(f => f.Item1 == relative))
        {
            files.Add((relative, path));
        }

        return relative;
    }

    private static TokenizerSpec TokenizerFiles(string dir, string prefix, List<(string, string)> files)
    {
        foreach (var name in new[] { "merges.txt", "tokenizer.json", "bpe_simple_vocab_16e6.txt.gz" })
        {
            var path = Path.Combine(dir, prefix, name);
            if (File.Exists(path))
            {
                files.Add((prefix + name, path));
                return name switch
                {
                    "merges.txt" => new TokenizerSpec { Merges = prefix + name, Cleaning = "huggingface" },
                    "tokenizer.json" => new TokenizerSpec { TokenizerJson = prefix + name, Cleaning = "huggingface" },
                    _ => new TokenizerSpec { Vocab = prefix + name, Cleaning = "huggingface" },
                };
            }
        }

        // The CLIP vocabulary is the same in every OpenAI-vocab export; the built-in copy stands in.
        return new TokenizerSpec { Cleaning = "huggingface" };
    }

    /// <summary>A Hugging Face export's text length: tokenizer_config's model_max_length, else text_config's max_position_embeddings, else 64.</summary>
    private static int ContextOf(JsonElement? config, string dir)
    {
        if (ReadJson(Path.Combine(dir, "tokenizer_config.json")) is { } tc && tc.TryGetProperty("model_max_length", out var max) && max.TryGetInt32(out var length) && length <= 4096)
        {
            return length;
        }

        return config is { } c && c.TryGetProperty("text_config", out var t) && t.TryGetProperty("max_position_embeddings", out var p) ? p.GetInt32() : 64;
    }

    private static int? SizeOf(JsonElement config, string name, string key) =>
        config.TryGetProperty(name, out var v)
            ? v.ValueKind == JsonValueKind.Number ? v.GetInt32() : v.TryGetProperty(key, out var k) ? k.GetInt32() : null
            : null;

    private static JsonElement? ReadJson(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        return doc.RootElement.Clone();
    }

    private static string SafeId(string name)
    {
        var id = UnsafeChars().Replace(name.ToLowerInvariant(), "-").Trim('-');
        return id.Length == 0 ? "imported" : id;
    }

    [GeneratedRegex("[^a-z0-9._-]+")]
    private static partial Regex UnsafeChars();
}
