using System.Text.Json;
using DrawingFromDiffusion.Cli.Tests.Support;
using DrawingFromDiffusion.Cli.Tests.Web;
using DrawingFromDiffusion.Storage;

namespace DrawingFromDiffusion.Cli.Tests.Video;

/// <summary>`dfd index` on a folder of generated videos and broken ones, then the web API over the result.</summary>
public sealed class VideoIndexTests : IDisposable
{
    private readonly TempFolder _temp = new();
    private readonly string _library;
    private readonly string _db;
    private readonly string _video;

    public VideoIndexTests()
    {
        _library = _temp.Combine("videos");
        _db = _temp.Combine("catalog.db");
        Directory.CreateDirectory(_library);
        _video = Ffmpeg("scenes.mp4",
            "-f", "lavfi", "-i", "testsrc=d=2:s=128x96:r=10",
            "-f", "lavfi", "-i", "color=c=red:d=2:s=128x96:r=10",
            "-f", "lavfi", "-i", "testsrc2=d=2:s=128x96:r=10",
            "-filter_complex", "[0][1][2]concat=n=3:v=1:a=0",
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p",
            "-metadata", """comment={"prompt": "{\"6\": {\"class_type\": \"CLIPTextEncode\", \"inputs\": {\"text\": \"a red fox\"}}}", "workflow": {}}""");
        Ffmpeg("anim.gif", "-f", "lavfi", "-i", "testsrc=d=1:s=64x48:r=10");
        var bytes = File.ReadAllBytes(_video);
        _temp.Write("videos/truncated.mp4", bytes[..(bytes.Length / 3)]);
        _temp.Write("videos/empty.webm", []);
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Index_Videos_FramesLinkedWithTimesMetadataAndEmbeddings()
    {
        var index = await DfdProcess.RunAsync("index", _library, "--db", _db, "--json", "--video-interval", "5");

        Assert.True(index.ExitCode == 0, index.ToString());
        Assert.Equal("0,2000,4000", Times());
        Assert.Equal(10, Catalogs.Scalar(_db, "SELECT count(*) FROM images i JOIN videos v ON v.image_id = i.video_id WHERE v.codec = 'gif'"));
        Assert.Equal(1, Catalogs.Scalar(_db, "SELECT count(*) FROM videos WHERE codec = 'h264' AND duration_ms BETWEEN 5900 AND 6100 AND fps = 10 AND width = 128"));
        Assert.Equal(1, Catalogs.Scalar(_db, "SELECT count(*) FROM videos WHERE texts_json LIKE '%a red fox%'"));

        // Every frame went through the embedding stage; the video rows themselves are not embedded.
        Assert.Equal(13, Catalogs.Scalar(_db, "SELECT count(*) FROM embeddings e JOIN images i ON i.id = e.image_id WHERE i.kind = 'video_frame'"));
        Assert.Equal(0, Catalogs.Scalar(_db, "SELECT count(*) FROM embeddings e JOIN images i ON i.id = e.image_id WHERE i.kind = 'video'"));

        var stats = await DfdProcess.RunAsync("stats", "--db", _db, "--json");
        using (var json = JsonDocument.Parse(stats.Stdout))
        {
            Assert.Equal(2, json.RootElement.GetProperty("images").GetInt64());
            Assert.Equal(2, json.RootElement.GetProperty("videos").GetInt64());
            Assert.Equal(13, json.RootElement.GetProperty("video_frames").GetInt64());
        }

        var errors = await DfdProcess.RunAsync("errors", "--db", _db);
        Assert.Contains("truncated.mp4", errors.Stdout, StringComparison.Ordinal);
        Assert.Contains("corrupt or truncated", errors.Stdout, StringComparison.Ordinal);
        Assert.Contains("empty.webm", errors.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Similar_FrameLikeQuery_OneResultPerVideoAtItsBestMomentWithFiltersOfTheVideo()
    {
        var index = await DfdProcess.RunAsync("index", _library, "--db", _db, "--video-interval", "5");
        Assert.True(index.ExitCode == 0, index.ToString());
        var query = Ffmpeg(_temp.Combine("red.png"), "-f", "lavfi", "-i", "color=c=red:s=128x96", "-frames:v", "1");

        var similar = await DfdProcess.RunAsync("similar", query, "--db", _db, "--json", "--frames", "--generator", "comfyui");
        var ofVideo = await DfdProcess.RunAsync("similar", _video, "--db", _db, "--json");

        Assert.True(similar.ExitCode == 0, similar.ToString());
        using (var json = JsonDocument.Parse(similar.Stdout))
        {
            var results = json.RootElement.GetProperty("results").EnumerateArray().ToList();
            var video = Assert.Single(results);
            Assert.Equal(_video, video.GetProperty("path").GetString());
            Assert.Equal("video", video.GetProperty("kind").GetString());
            Assert.Equal(2000, video.GetProperty("timestamp_ms").GetInt64());
            Assert.Contains("at 0:02.0", video.GetProperty("why").GetString(), StringComparison.Ordinal);
            var frames = video.GetProperty("frames").EnumerateArray().ToList();
            Assert.Equal(3, frames.Count);
            Assert.Equal(2000, frames[0].GetProperty("timestamp_ms").GetInt64());
        }

        Assert.True(ofVideo.ExitCode == 0, ofVideo.ToString());
        using (var json = JsonDocument.Parse(ofVideo.Stdout))
        {
            Assert.Contains("mean of the video's 3 frame", json.RootElement.GetProperty("note").GetString(), StringComparison.Ordinal);
            var paths = json.RootElement.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("path").GetString()).ToList();
            Assert.Equal(Path.Combine(_library, "anim.gif"), Assert.Single(paths));
        }
    }

    [Fact]
    public async Task Dupes_CopyAndReEncodeOfAVideo_OneGroupInJsonWithoutStillImages()
    {
        File.Copy(_video, Path.Combine(_library, "scenes-copy.mp4"));
        var reEncoded = Ffmpeg("scenes-small.mp4", "-i", _video, "-c:v", "libx264", "-preset", "ultrafast", "-crf", "35", "-vf", "scale=96:72");
        var index = await DfdProcess.RunAsync("index", _library, "--db", _db, "--no-embed", "--video-interval", "5");
        Assert.True(index.ExitCode == 0, index.ToString());

        var dupes = await DfdProcess.RunAsync("dupes", "--db", _db, "--json");

        Assert.True(dupes.ExitCode == 0, dupes.ToString());
        using var json = JsonDocument.Parse(dupes.Stdout);
        var group = Assert.Single(json.RootElement.GetProperty("groups").EnumerateArray());
        var members = group.GetProperty("members").EnumerateArray().ToDictionary(m => Path.GetFileName(m.GetProperty("path").GetString()!));
        Assert.Equal(["scenes-copy.mp4", "scenes-small.mp4", "scenes.mp4"], members.Keys.Order());
        Assert.Contains("video re-encode", members[Path.GetFileName(reEncoded)].GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Index_WithoutFfmpeg_VideoSkippedWithInstallHintAnimationStillIndexed()
    {
        var index = await DfdProcess.RunAsync("index", _library, "--db", _db, "--json", "--no-embed", "--ffmpeg-folder", _temp.Combine("no-ffmpeg-here"));

        Assert.True(index.ExitCode == 0, index.ToString());
        var errors = await DfdProcess.RunAsync("errors", "--db", _db);
        Assert.Contains("apt-get install ffmpeg", errors.Stdout, StringComparison.Ordinal);
        Assert.Equal(1, Catalogs.Scalar(_db, "SELECT count(*) FROM videos WHERE codec = 'gif'"));
        Assert.Equal(0, Catalogs.Scalar(_db, "SELECT count(*) FROM videos WHERE codec = 'h264'"));
    }

    [Fact]
    public async Task Serve_Frame_DetailPointsToVideoAndTimeAndFileIsTheVideo()
    {
        var index = await DfdProcess.RunAsync("index", _library, "--db", _db, "--no-embed", "--video-interval", "5");
        Assert.True(index.ExitCode == 0, index.ToString());
        var frameId = Catalogs.Scalar(_db, "SELECT i.id FROM images i JOIN videos v ON v.image_id = i.video_id WHERE v.codec = 'h264' AND i.timestamp_ms = 2000");
        var videoId = Catalogs.Scalar(_db, "SELECT image_id FROM videos WHERE codec = 'h264'");

        await using var server = await TestServer.StartAsync(CatalogDatabase.Open(_db), CancellationToken.None);
        var detail = await server.Client.GetJsonAsync($"/api/images/{frameId}");
        using var file = await server.Client.GetAsync($"/api/images/{frameId}/file");
        var similar = await server.Client.GetJsonAsync($"/api/images/{frameId}/similar?k=50");

        Assert.Equal("video_frame", detail.GetProperty("kind").GetString());
        Assert.Equal(videoId, detail.GetProperty("video").GetProperty("video_id").GetInt64());
        Assert.Equal(2000, detail.GetProperty("video").GetProperty("timestamp_ms").GetInt64());
        Assert.Equal("video/mp4", file.Content.Headers.ContentType?.MediaType);
        Assert.Equal(new FileInfo(_video).Length, (await file.Content.ReadAsByteArrayAsync()).Length);
        var videos = similar.GetProperty("results").EnumerateArray()
            .Where(h => h.TryGetProperty("video_id", out var v) && v.ValueKind == JsonValueKind.Number)
            .Select(h => h.GetProperty("video_id").GetInt64()).ToList();
        Assert.Equal(videos.Distinct().Count(), videos.Count);
    }

    private string Times() =>
        string.Join(',', Enumerable.Range(0, 3).Select(i => Catalogs.Scalar(_db,
            $"SELECT i.timestamp_ms FROM images i JOIN videos v ON v.image_id = i.video_id WHERE v.codec = 'h264' ORDER BY i.timestamp_ms LIMIT 1 OFFSET {i}")));

    private string Ffmpeg(string name, params string[] args) => DrawingFromDiffusion.Tests.Shared.Ffmpeg.Make(Path.Combine(_library, name), args);
}
