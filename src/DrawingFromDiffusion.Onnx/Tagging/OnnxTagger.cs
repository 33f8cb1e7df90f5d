using DrawingFromDiffusion.Core.Tagging;
using DrawingFromDiffusion.Onnx.Clip;
using DrawingFromDiffusion.Onnx.Execution;
using DrawingFromDiffusion.Onnx.Models;
using Microsoft.ML.OnnxRuntime;

namespace DrawingFromDiffusion.Onnx.Tagging;

/// <summary>A WD14 tagger pack (model.onnx + selected_tags.csv): sigmoid scores per tag, picked by thresholds.</summary>
public sealed class OnnxTagger : IDisposable
{
    private readonly InferenceSession _session;
    private readonly ImageTowerSpec _spec;
    private readonly string _output;

    public OnnxTagger(ModelPack pack, OnnxSessionFactory sessions)
    {
        if (pack.Manifest.Family != "tagger" || pack.Manifest.Image is not { } spec || pack.Manifest.Tags is not { } tags)
        {
            throw new ModelPackException($"pack '{pack.Id}' is not a tagger pack (a WD14 folder: model.onnx + selected_tags.csv)");
        }

        _spec = spec;
        Tags = SelectedTags.Load(pack.PathOf(tags));
        _session = sessions.Create(OnnxImageEmbedder.Existing(pack, spec.File));
        try
        {
            TensorCheck.Input(_session, pack.Id, spec.File, spec.Input, Microsoft.ML.OnnxRuntime.Tensors.TensorElementType.Float);
            _output = TensorCheck.Output(_session, pack.Id, spec.File, spec.Output);
        }
        catch
        {
            _session.Dispose();
            throw;
        }

        PackId = pack.Id;
    }

    public string PackId { get; }

    public SelectedTags Tags { get; }

    /// <summary>The NHWC BGR 0–255 tensor of an image (reference preprocessing).</summary>
    public float[] Prepare(Stream image, long maxPixels) => TaggerPreprocessor.Prepare(image, maxPixels, _spec.Size);

    /// <summary>One score per row of selected_tags.csv.</summary>
    public float[] Scores(float[] tensor)
    {
        using var input = OrtValue.CreateTensorValueFromMemory(tensor, [1, _spec.Size, _spec.Size, 3]);
        using var options = new RunOptions();
        using var outputs = _session.Run(options, [_spec.Input], [input], [_output]);
        var scores = outputs[0].GetTensorDataAsSpan<float>().ToArray();
        if (scores.Length != Tags.Names.Count)
        {
            throw new ModelPackException($"pack '{PackId}': the model gives {scores.Length} scores for {Tags.Names.Count} tags in selected_tags.csv");
        }

        return scores;
    }

    /// <summary>The best rating, general tags at or above the general threshold, characters at or above theirs; best first.</summary>
    public IReadOnlyList<ImageTag> Pick(float[] scores, TagThresholds thresholds)
    {
        var picked = new List<ImageTag>();
        ImageTag? rating = null;
        for (var i = 0; i < scores.Length; i++)
        {
            var tag = new ImageTag(Tags.Names[i], Tags.Categories[i], scores[i]);
            switch (tag.Category)
            {
                case "rating" when rating is null || tag.Score > rating.Score:
                    rating = tag;
                    break;
                case "general" when tag.Score >= thresholds.General:
                case "character" when tag.Score >= thresholds.Character:
                    picked.Add(tag);
                    break;
            }
        }

        if (rating is not null)
        {
            picked.Add(rating);
        }

        return picked.OrderByDescending(t => t.Score).ToList();
    }

    public void Dispose() => _session.Dispose();
}
