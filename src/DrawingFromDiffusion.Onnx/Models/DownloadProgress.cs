namespace DrawingFromDiffusion.Onnx.Models;

public sealed record DownloadProgress(string File, long Received, long? Total, bool Resumed);
