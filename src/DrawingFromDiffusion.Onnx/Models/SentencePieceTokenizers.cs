using DrawingFromDiffusion.Core.Text;

namespace DrawingFromDiffusion.Onnx.Models;

/// <summary>Builds a pack's SentencePiece tokenizer from its manifest.</summary>
public static class SentencePieceTokenizers
{
    public static SentencePieceTextTokenizer Load(ModelPack pack, TokenizerSpec spec)
    {
        var rules = new SentencePieceRules
        {
            Clean = spec.Clean,
            AddBos = spec.AddBos,
            AddEos = spec.AddEos,
            IdOffset = spec.IdOffset,
            Languages = spec.Languages ?? [],
            Language = spec.Language,
        };
        if (spec.Model is { } model)
        {
            using var stream = File.OpenRead(pack.PathOf(model));
            return SentencePieceTextTokenizer.FromModel(stream, rules);
        }

        if (spec.TokenizerJson is { } json)
        {
            using var stream = File.OpenRead(pack.PathOf(json));
            return SentencePieceTextTokenizer.FromTokenizerJson(stream, rules);
        }

        throw new ModelPackException($"pack '{pack.Id}': a sentencepiece tokenizer needs text.tokenizer.model or text.tokenizer.tokenizer_json");
    }
}
