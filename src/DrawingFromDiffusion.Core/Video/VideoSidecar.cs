namespace DrawingFromDiffusion.Core.Video;

/// <summary>VideoHelperSuite saves the first frame with the prompt as a PNG next to the video, under the same name.</summary>
public static class VideoSidecar
{
    public static string? FindPng(string videoPath)
    {
        var candidate = Path.ChangeExtension(videoPath, ".png");
        return File.Exists(candidate) ? candidate : null;
    }
}
