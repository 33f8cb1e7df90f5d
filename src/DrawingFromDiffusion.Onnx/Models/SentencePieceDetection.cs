using System.Text.Json;
using DrawingFromDiffusion.Core.Text;

namespace DrawingFromDiffusion.Onnx.Models;

/// <summary>
/// Recognises a SentencePiece text tower in an exported folder (a .model file, or a Unigram or Gemma-style BPE tokenizer.json) and
/// its family from the open_clip config and tokenizer_config.json, with each family's rules (models/README.md).
/// </summary>
public static class SentencePieceDetection
{
    private static readonly string[] _modelFiles = ["tokenizer.model", "spiece.model", "sentencepiece.bpe.model"];

    /// <summary>The tokenizer and pad id, or null when the folder holds a CLIP BPE tokenizer.</summary>
    public static (TokenizerSpec Spec, int PadId)? Detect(string dir, string prefix, JsonElement? config, List<(string, string)> files)
    {
        var model = _modelFiles.Select(f => prefix + f).FirstOrDefault(f => File.Exists(Path.Combine(dir, f)));
        var json = prefix + "tokenizer.json";
        var bpeJson = false;
        var sentencePieceJson = model is null && File.Exists(Path.Combine(dir, json)) && IsSentencePieceJson(Path.Combine(dir, json), out bpeJson);
        if (model is null && !sentencePieceJson)
        {
            return null;
        }

        var tokenizerConfig = Read(Path.Combine(dir, prefix + "tokenizer_config.json"));
        var family = Family(config, tokenizerConfig, bpeJson || (model is not null && IsBpeModel(Path.Combine(dir, model))));
        var spec = Defaults(family) with
        {
            Model = model,
            TokenizerJson = model is null ? json : null,
        };
        if (config?.TryGetProperty("text_cfg", out var textCfg) == true && textCfg.TryGetProperty("tokenizer_kwargs", out var kwargs)
            && kwargs.TryGetProperty("clean", out var clean))
        {
            spec = spec with { Clean = clean.GetString() == "canonicalize" ? "canonicalize" : "none" };
        }

        var padToken = family is "siglip" ? "</s>" : "<pad>";
        if (tokenizerConfig is { } tc)
        {
            spec = spec with
            {
                AddBos = Bool(tc, "add_bos_token") ?? spec.AddBos,
                AddEos = Bool(tc, "add_eos_token") ?? spec.AddEos,
                Language = tc.TryGetProperty("src_lang", out var lang) ? lang.GetString() : spec.Language,
                Languages = family == "nllb" && tc.TryGetProperty("additional_special_tokens", out var langs)
                    ? langs.EnumerateArray().Select(l => l.ValueKind == JsonValueKind.String ? l.GetString()! : l.GetProperty("content").GetString()!).ToList()
                    : spec.Languages,
            };
            padToken = Token(tc, "pad_token") ?? padToken;
            files.Add((prefix + "tokenizer_config.json", Path.Combine(dir, prefix + "tokenizer_config.json")));
        }

        var file = spec.Model ?? spec.TokenizerJson!;
        files.Add((file, Path.Combine(dir, file)));
        var rules = new SentencePieceRules
        {
            Clean = spec.Clean, AddBos = spec.AddBos, AddEos = spec.AddEos, IdOffset = spec.IdOffset,
            Languages = spec.Languages ?? [], Language = spec.Language,
        };
        using var stream = File.OpenRead(Path.Combine(dir, file));
        var tokenizer = spec.Model is not null ? SentencePieceTextTokenizer.FromModel(stream, rules) : SentencePieceTextTokenizer.FromTokenizerJson(stream, rules);
        return (spec, tokenizer.IdOf(padToken));
    }

    private static TokenizerSpec Defaults(string family) => family switch
    {
        "siglip" or "siglip2" => new TokenizerSpec { Kind = "sentencepiece", Family = family, Clean = "canonicalize", AddBos = false, AddEos = true },
        "xlm-roberta" => new TokenizerSpec { Kind = "sentencepiece", Family = family, AddBos = true, AddEos = true, IdOffset = "fairseq" },
        _ => new TokenizerSpec { Kind = "sentencepiece", Family = "nllb", AddBos = false, AddEos = true, IdOffset = "fairseq", Language = "eng_Latn" },
    };

    private static string Family(JsonElement? config, JsonElement? tokenizerConfig, bool bpe)
    {
        var name = "";
        if (config?.TryGetProperty("text_cfg", out var t) == true)
        {
            name = (t.TryGetProperty("hf_tokenizer_name", out var n) ? n.GetString() : t.TryGetProperty("hf_model_name", out var m) ? m.GetString() : "") ?? "";
        }
        else if (config?.TryGetProperty("model_type", out var type) == true)
        {
            // A Hugging Face export: "siglip", "siglip2", …
            name = type.GetString() ?? "";
        }

        name = name.ToLowerInvariant();
        if (name.Contains("nllb", StringComparison.Ordinal) || tokenizerConfig?.TryGetProperty("src_lang", out _) == true)
        {
            return "nllb";
        }

        if (name.Contains("xlm", StringComparison.Ordinal))
        {
            return "xlm-roberta";
        }

        return name.Contains("siglip2", StringComparison.Ordinal) || name.Contains("gemma", StringComparison.Ordinal) || bpe ? "siglip2" : "siglip";
    }

    /// <summary>A SentencePiece-style tokenizer.json: Unigram, or BPE with byte fallback (Gemma); CLIP's BPE has neither.</summary>
    private static bool IsSentencePieceJson(string path, out bool bpe)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var type = doc.RootElement.TryGetProperty("model", out var m) && m.TryGetProperty("type", out var t) ? t.GetString() : null;
        bpe = type == "BPE" && m.TryGetProperty("byte_fallback", out var fallback) && fallback.ValueKind == JsonValueKind.True;
        return type == "Unigram" || bpe;
    }

    /// <summary>A SentencePiece BPE model (Gemma) rather than unigram: trainer_spec.model_type == BPE.</summary>
    private static bool IsBpeModel(string path)
    {
        using var stream = File.OpenRead(path);
        return SentencePieceTextTokenizer.FromModel(stream, new SentencePieceRules()).IsBpe;
    }

    private static bool? Bool(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : null;

    private static string? Token(JsonElement e, string name) =>
        !e.TryGetProperty(name, out var v) ? null : v.ValueKind == JsonValueKind.String ? v.GetString() : v.TryGetProperty("content", out var c) ? c.GetString() : null;

    private static JsonElement? Read(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        return doc.RootElement.Clone();
    }
}
