using System.Text.Json;
using DrawingFromDiffusion.Core.Embeddings;
using DrawingFromDiffusion.Core.Text;
using DrawingFromDiffusion.Onnx.Execution;
using DrawingFromDiffusion.Onnx.Models;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace DrawingFromDiffusion.Onnx.Clip;

/// <summary>
/// Tokenizer + text tower. When the graph takes a dynamic length, only the ids up to the first EOT are fed:
/// with causal attention and first-EOT pooling the output is the same, for a fraction of the work.
/// </summary>
public sealed class OnnxTextEmbedder : ITextEmbedder
{
    private readonly InferenceSession _session;
    private readonly TextTowerSpec _spec;
    private readonly string _output;
    private readonly bool _int32;
    private readonly bool _dynamic;

    public OnnxTextEmbedder(ModelPack pack, OnnxSessionFactory sessions, TextPrecision precision = TextPrecision.Float32)
    {
        _spec = pack.Manifest.Text ?? throw new ModelPackException($"pack '{pack.Id}' has no text tower: text search needs a CLIP pack (see `dfd models list`)");
        var file = precision == TextPrecision.Int8
            ? _spec.Int8File ?? throw new ModelPackException($"pack '{pack.Id}' has no int8 text tower (text.int8_file); make one with models/tools/quantize_int8.py")
            : _spec.File;
        Tokenizer = LoadTokenizer(pack, _spec.Tokenizer);
        _session = sessions.Create(OnnxImageEmbedder.Existing(pack, file));
        try
        {
            var input = TensorCheck.Input(_session, pack.Id, file, _spec.Input, TensorCheck.ElementType(_spec.InputDtype));
            _int32 = input.ElementDataType == TensorElementType.Int32;
            _dynamic = _spec.DynamicLength && input.Dimensions.Length == 2 && input.Dimensions[1] <= 0;
            if (_spec.AttentionMask is { } mask)
            {
                TensorCheck.Input(_session, pack.Id, file, mask, TensorElementType.Int64, TensorElementType.Int32);
            }

            _output = TensorCheck.Output(_session, pack.Id, file, _spec.Output);
        }
        catch
        {
            _session.Dispose();
            throw;
        }

        Model = new EmbeddingModelInfo(pack.Id, pack.Manifest.EmbeddingSize, pack.Manifest.Image is not null, true, pack.Manifest.Description ?? pack.Id);
    }

    public EmbeddingModelInfo Model { get; }

    public ITextTokenizer Tokenizer { get; }

    public float[] Embed(string text) => Embed(text, language: null);

    /// <summary>The vector of a text; <paramref name="language"/> is the NLLB language code (other families ignore it).</summary>
    public float[] Embed(string text, string? language)
    {
        var tokens = Tokenizer is SentencePieceTextTokenizer sentencePiece
            ? sentencePiece.Tokenize(text, _spec.ContextLength, _spec.PadId, language)
            : Tokenizer.Tokenize(text, _spec.ContextLength, _spec.PadId);
        var length = _dynamic ? tokens.Length : _spec.ContextLength;
        var shape = new long[] { 1, length };
        var names = new List<string> { _spec.Input };
        var values = new List<OrtValue>();
        try
        {
            values.Add(_int32
                ? OrtValue.CreateTensorValueFromMemory(tokens.Ids.AsSpan(0, length).ToArray(), shape)
                : OrtValue.CreateTensorValueFromMemory(tokens.Ids.AsSpan(0, length).ToArray().Select(i => (long)i).ToArray(), shape));
            if (_spec.AttentionMask is { } mask)
            {
                names.Add(mask);
                var ones = Enumerable.Range(0, length).Select(i => i < tokens.Length ? 1 : 0).ToArray();
                values.Add(_int32 ? OrtValue.CreateTensorValueFromMemory(ones, shape) : OrtValue.CreateTensorValueFromMemory(ones.Select(i => (long)i).ToArray(), shape));
            }

            using var options = new RunOptions();
            using var outputs = _session.Run(options, names, values, [_output]);
            var vector = outputs[0].GetTensorDataAsSpan<float>().ToArray();
            VectorMath.Normalize(vector);
            return vector;
        }
        finally
        {
            foreach (var v in values)
            {
                v.Dispose();
            }
        }
    }

    /// <summary>The pack's tokenizer: SentencePiece with its family's rules, or CLIP BPE from the OpenAI .txt.gz, an HF merges.txt or tokenizer.json.</summary>
    public static ITextTokenizer LoadTokenizer(ModelPack pack, TokenizerSpec spec)
    {
        if (spec.Kind == "sentencepiece")
        {
            return SentencePieceTokenizers.Load(pack, spec);
        }

        var cleaning = spec.Cleaning == "huggingface" ? ClipTextCleaning.HuggingFace : ClipTextCleaning.OpenAi;
        if (spec.Vocab is { } vocab)
        {
            using var stream = File.OpenRead(pack.PathOf(vocab));
            return ClipTokenizer.FromBpeGz(stream, cleaning);
        }

        if (spec.Merges is { } merges)
        {
            using var stream = File.OpenRead(pack.PathOf(merges));
            return ClipTokenizer.FromMergesText(stream, cleaning);
        }

        if (spec.TokenizerJson is { } json)
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(pack.PathOf(json)));
            var lines = doc.RootElement.GetProperty("model").GetProperty("merges").EnumerateArray()
                .Select(m => m.ValueKind == JsonValueKind.Array ? $"{m[0].GetString()} {m[1].GetString()}" : m.GetString()!)
                .ToList();
            return ClipTokenizer.FromMerges(lines, cleaning);
        }

        return ClipTokenizer.Standard.WithCleaning(cleaning);
    }

    public void Dispose() => _session.Dispose();
}
