using DrawingFromDiffusion.Onnx.Models;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace DrawingFromDiffusion.Onnx.Clip;

/// <summary>Checks a session's tensors against model.json, naming the tensor on a mismatch.</summary>
internal static class TensorCheck
{
    public static NodeMetadata Input(InferenceSession session, string packId, string file, string name, params TensorElementType[] types)
    {
        if (!session.InputMetadata.TryGetValue(name, out var meta))
        {
            throw new ModelPackException($"pack '{packId}': {file} has no input tensor '{name}' (model.json); its inputs are: {string.Join(", ", session.InputMetadata.Keys)}");
        }

        if (!types.Contains(meta.ElementDataType))
        {
            throw new ModelPackException($"pack '{packId}': input tensor '{name}' of {file} is {meta.ElementDataType}, model.json says {string.Join(" or ", types)}");
        }

        return meta;
    }

    public static string Output(InferenceSession session, string packId, string file, string? name)
    {
        if (name is null)
        {
            return session.OutputMetadata.Keys.First();
        }

        if (!session.OutputMetadata.ContainsKey(name))
        {
            throw new ModelPackException($"pack '{packId}': {file} has no output tensor '{name}' (model.json); its outputs are: {string.Join(", ", session.OutputMetadata.Keys)}");
        }

        return name;
    }

    public static TensorElementType ElementType(string dtype) => dtype switch
    {
        "float32" => TensorElementType.Float,
        "float16" => TensorElementType.Float16,
        "int64" => TensorElementType.Int64,
        "int32" => TensorElementType.Int32,
        _ => throw new ModelPackException($"unsupported dtype '{dtype}' in model.json"),
    };
}
