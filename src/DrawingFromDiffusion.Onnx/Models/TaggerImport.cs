using Microsoft.ML.OnnxRuntime;

namespace DrawingFromDiffusion.Onnx.Models;

/// <summary>A WD14 tagger folder as SmilingWolf ships it (model.onnx + selected_tags.csv), read from the graph itself.</summary>
internal static class TaggerImport
{
    public static PackImport Wd14(string dir, string id)
    {
        var model = Path.Combine(dir, "model.onnx");
        using var session = new Execution.OnnxSessionFactory(new Execution.DeviceOptions("cpu", Threads: 1)).Create(model, GraphOptimizationLevel.ORT_DISABLE_ALL);
        var (inputName, input) = session.InputMetadata.First();
        var output = session.OutputMetadata.Keys.First();
        // NHWC: [batch, size, size, 3] (wd-v1-4 and wd-v3 alike).
        if (input.Dimensions.Length != 4 || input.Dimensions[3] != 3 || input.Dimensions[1] <= 0)
        {
            throw new ModelPackException($"{model}: input '{inputName}' is [{string.Join(", ", input.Dimensions)}]; a WD14 tagger takes [batch, size, size, 3]");
        }

        var files = new List<(string, string)> { ("model.onnx", model), ("selected_tags.csv", Path.Combine(dir, "selected_tags.csv")) };
        return new PackImport("wd14", new ModelManifest
        {
            Id = id,
            Family = "tagger",
            Description = $"imported WD14 tagger from {dir}",
            EmbeddingSize = 0,
            Tags = "selected_tags.csv",
            Image = new ImageTowerSpec
            {
                File = "model.onnx",
                Input = inputName,
                Output = output,
                Size = input.Dimensions[1],
                Resize = "pad_square",
                ChannelOrder = "bgr",
                Layout = "nhwc",
                PixelScale = 1f,
                Mean = [0f, 0f, 0f],
                Std = [1f, 1f, 1f],
            },
        }, files);
    }
}
