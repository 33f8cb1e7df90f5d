using DrawingFromDiffusion.Tests.Shared;

namespace DrawingFromDiffusion.Onnx.Tests.Video;

/// <summary>Small videos made once per test run with ffmpeg's test sources, in a temp folder.</summary>
public sealed class TestVideos : IDisposable
{
    public const string VhsComment =
        """{"prompt": "{\"3\": {\"class_type\": \"KSampler\", \"inputs\": {\"seed\": 42, \"steps\": 20}}, \"6\": {\"class_type\": \"CLIPTextEncode\", \"inputs\": {\"text\": \"a red fox running\"}}}", "workflow": {"nodes": []}}""";

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("dfd-video-tests-");

    public TestVideos()
    {
        // Three scenes of 2 s each (cuts at 2 s and 4 s), 10 fps, tiny, with a VideoHelperSuite-style comment tag.
        Scenes = Make("scenes.mp4",
            "-f", "lavfi", "-i", "testsrc=d=2:s=128x96:r=10",
            "-f", "lavfi", "-i", "color=c=red:d=2:s=128x96:r=10",
            "-f", "lavfi", "-i", "testsrc2=d=2:s=128x96:r=10",
            "-filter_complex", "[0][1][2]concat=n=3:v=1:a=0",
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
            "-metadata", "comment=" + VhsComment);
        WebM = Make("clip.webm", "-f", "lavfi", "-i", "testsrc2=d=1:s=64x48:r=10", "-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-metadata", "PROMPT={\"1\": {}}");

        // Ten hours at one frame every 10 s: a long video that costs almost nothing to write.
        Long = Make("ten-hours.mp4", "-f", "lavfi", "-i", "color=c=blue:s=64x64:r=0.1", "-t", "36000", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", "30");

        // 50,000 tiny frames: one second at 1000 fps, joined 50 times by the concat demuxer.
        var second = Make("one-second.mp4", "-f", "lavfi", "-i", "color=c=green:s=16x16:r=1000", "-t", "1", "-c:v", "mpeg4", "-g", "1000");
        var list = Path.Combine(_folder.FullName, "list.txt");
        File.WriteAllLines(list, Enumerable.Repeat($"file '{second}'", 50));
        ManyFrames = Make("many-frames.mp4", "-f", "concat", "-safe", "0", "-i", list, "-c", "copy");

        Gif = Make("anim.gif", "-f", "lavfi", "-i", "testsrc=d=2:s=64x48:r=10");
        WebP = Make("anim.webp", "-f", "lavfi", "-i", "testsrc=d=1:s=64x48:r=10", "-c:v", "libwebp_anim", "-loop", "0");
        StillGif = Make("still.gif", "-f", "lavfi", "-i", "testsrc=s=64x48", "-frames:v", "1");

        var bytes = File.ReadAllBytes(Scenes);
        Truncated = Write("truncated.mp4", bytes[..(bytes.Length / 3)]);
        var garbage = new byte[4096];
        new Random(7).NextBytes(garbage);
        "\0\0\0\x18ftypisom\0\0\0\0isomiso2"u8.CopyTo(garbage);
        Corrupt = Write("corrupt.mp4", garbage);
        Empty = Write("empty.mp4", []);
    }

    public string Scenes { get; }

    public string WebM { get; }

    public string Long { get; }

    public string ManyFrames { get; }

    public string Gif { get; }

    public string WebP { get; }

    public string StillGif { get; }

    public string Truncated { get; }

    public string Corrupt { get; }

    public string Empty { get; }

    public string Folder => _folder.FullName;

    public void Dispose() => _folder.Delete(recursive: true);

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_folder.FullName, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private string Make(string name, params string[] args) => Ffmpeg.Make(Path.Combine(_folder.FullName, name), args);
}
