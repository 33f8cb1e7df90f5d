using DrawingFromDiffusion.Onnx.Clip;
using DrawingFromDiffusion.Onnx.Execution;
using DrawingFromDiffusion.Onnx.Models;

namespace DrawingFromDiffusion.App.Models;

/// <summary>Loads each tower of a pack on CPU, which checks its tensors against model.json.</summary>
internal static class PackVerifier
{
    public static IEnumerable<string> CheckTensors(ModelPack pack)
    {
        var problems = new List<string>();
        var sessions = new OnnxSessionFactory(new DeviceOptions("cpu", Threads: 1));
        try
        {
            if (pack.Manifest.Image is not null)
            {
                using var image = new OnnxImageEmbedder(pack, sessions);
            }

            if (pack.Manifest.Text is not null)
            {
                using var text = new OnnxTextEmbedder(pack, sessions);
                if (pack.Manifest.Text.Int8File is not null)
                {
                    using var int8 = new OnnxTextEmbedder(pack, sessions, TextPrecision.Int8);
                }
            }
        }
        catch (Exception ex) when (ex is ModelPackException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException or IOException)
        {
            problems.Add(ex.Message);
        }

        return problems;
    }
}
