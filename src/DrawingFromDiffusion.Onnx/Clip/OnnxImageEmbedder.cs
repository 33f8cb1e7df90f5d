using DrawingFromDiffusion.Core.Embeddings;
using DrawingFromDiffusion.Onnx.Execution;
using DrawingFromDiffusion.Onnx.Models;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace DrawingFromDiffusion.Onnx.Clip;

/// <summary>An image tower on ONNX Runtime; the session is created once and checked against model.json.</summary>
public sealed class OnnxImageEmbedder : IImageEmbedder
{
    private readonly InferenceSession _session;
    private readonly InferenceSession? _prep;
    private readonly ImageTowerSpec _spec;
    private readonly string _output;
    private readonly string _prepOutput = string.Empty;

    public OnnxImageEmbedder(ModelPack pack, OnnxSessionFactory sessions, int batchSize = 8)
    {
        _spec = pack.Manifest.Image ?? throw new ModelPackException($"pack '{pack.Id}' has no image tower");
        Preprocessor = new ClipPreprocessor(_spec);
        _session = sessions.Create(Existing(pack, _spec.File));
        try
        {
            var input = TensorCheck.Input(_session, pack.Id, _spec.File, _spec.Input, TensorElementType.Float);
            _output = TensorCheck.Output(_session, pack.Id, _spec.File, _spec.Output);
            var fixedBatch = _spec.FixedBatch ?? (input.Dimensions.Length > 0 && input.Dimensions[0] > 0 ? input.Dimensions[0] : null);
            BatchSize = fixedBatch ?? Math.Max(1, batchSize);
            if (_spec.PreprocessFile is { } prepFile)
            {
                _prep = sessions.Create(Existing(pack, prepFile));
                TensorCheck.Input(_prep, pack.Id, prepFile, _spec.PreprocessInput ?? string.Empty, TensorElementType.Float);
                _prepOutput = TensorCheck.Output(_prep, pack.Id, prepFile, _spec.PreprocessOutput);
            }
        }
        catch
        {
            _session.Dispose();
            _prep?.Dispose();
            throw;
        }

        Model = new EmbeddingModelInfo(pack.Id, pack.Manifest.EmbeddingSize, true, pack.HasText, pack.Manifest.Description ?? pack.Id, _spec.PreprocessRevision);
    }

    public EmbeddingModelInfo Model { get; }

    public int BatchSize { get; }

    public ClipPreprocessor Preprocessor { get; }

    public ImageTensor Prepare(Stream content, long maxPixels) => new(Preprocessor.Prepare(content, maxPixels));

    public float[][] Embed(IReadOnlyList<ImageTensor> batch)
    {
        var result = new float[batch.Count][];
        for (var start = 0; start < batch.Count; start += BatchSize)
        {
            var n = Math.Min(BatchSize, batch.Count - start);
            var plane = batch[start].Data.Length;
            var data = new float[n * plane];
            for (var i = 0; i < n; i++)
            {
                batch[start + i].Data.CopyTo(data, i * plane);
            }

            var shape = new long[] { n, 3, _spec.Size, _spec.Size };
            using var input = OrtValue.CreateTensorValueFromMemory(data, shape);
            if (_prep is not null)
            {
                using var prepOptions = new RunOptions();
                using var prepared = _prep.Run(prepOptions, [_spec.PreprocessInput!], [input], [_prepOutput]);
                CopyRows(Run(prepared[0]), n, result, start);
            }
            else
            {
                CopyRows(Run(input), n, result, start);
            }
        }

        return result;
    }

    private float[] Run(OrtValue input)
    {
        using var options = new RunOptions();
        using var outputs = _session.Run(options, [_spec.Input], [input], [_output]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    private static void CopyRows(float[] flat, int n, float[][] result, int start)
    {
        var dims = flat.Length / n;
        for (var i = 0; i < n; i++)
        {
            var row = flat.AsSpan(i * dims, dims).ToArray();
            VectorMath.Normalize(row);
            result[start + i] = row;
        }
    }

    internal static string Existing(ModelPack pack, string file)
    {
        var path = pack.PathOf(file);
        return File.Exists(path) ? path : throw new ModelPackException($"pack '{pack.Id}': {file} is missing from {pack.Directory}");
    }

    public void Dispose()
    {
        _session.Dispose();
        _prep?.Dispose();
    }
}
