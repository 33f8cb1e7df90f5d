using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using DrawingFromDiffusion.Core.Tagging;
using DrawingFromDiffusion.Storage;

namespace DrawingFromDiffusion.Cli.Tests.Web;

[Collection(WebCollection.Name)]
public sealed class WebApiTests(WebFixture fixture)
{
    private HttpClient Client => fixture.Client;

    [Fact]
    public async Task Search_PromptWord_ReturnsOnlyMatchingImages()
    {
        var result = await Client.GetJsonAsync("/api/search?q=lighthouse&k=50");

        var hits = result.GetProperty("results").EnumerateArray().ToList();
        Assert.NotEmpty(hits);
        Assert.All(hits, h => Assert.Contains("lighthouse", h.GetProperty("prompt").GetString()!, StringComparison.Ordinal));
        Assert.Equal("prompt", result.GetProperty("mode_used").GetString());
    }

    [Fact]
    public async Task Search_TextModeWithoutIndex_FallsBackToPromptsAndSaysSo()
    {
        var result = await Client.GetJsonAsync("/api/search?q=castle&mode=text");

        Assert.Equal("prompt", result.GetProperty("mode_used").GetString());
        Assert.Contains("No vector index", result.GetProperty("note").GetString()!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_EmptyQuery_ListsNewestUpToK()
    {
        var result = await Client.GetJsonAsync("/api/search?k=5");

        var ids = result.GetProperty("results").EnumerateArray().Select(h => h.GetProperty("id").GetInt64()).ToList();
        Assert.Equal(5, ids.Count);
        Assert.Equal(ids.OrderDescending(), ids);
    }

    [Fact]
    public async Task Search_Filters_ApplyGeneratorLoraAndSeedRange()
    {
        var result = await Client.GetJsonAsync("/api/search?generator=ComfyUI&lora=add_detail&seed_min=1000&seed_max=1010&k=200");

        var hits = result.GetProperty("results").EnumerateArray().ToList();
        Assert.NotEmpty(hits);
        foreach (var hit in hits)
        {
            Assert.Equal("ComfyUI", hit.GetProperty("generator").GetString());
            var detail = await Client.GetJsonAsync($"/api/images/{hit.GetProperty("id").GetInt64()}");
            var seed = detail.GetProperty("generation").GetProperty("seed").GetInt64();
            Assert.InRange(seed, 1000, 1010);
            Assert.Contains(detail.GetProperty("loras").EnumerateArray(), l => l.GetProperty("name").GetString() == "add_detail");
        }
    }

    [Fact]
    public async Task Search_LikeWildcards_MatchLiterally()
    {
        var result = await Client.GetJsonAsync("/api/search?q=%25_%25");

        Assert.Empty(result.GetProperty("results").EnumerateArray());
    }

    [Theory]
    [InlineData("k=0")]
    [InlineData("k=201")]
    [InlineData("k=-5")]
    [InlineData("k=99999999999999999999")]
    [InlineData("k=abc")]
    [InlineData("mode=telepathy")]
    [InlineData("mode=1")]
    [InlineData("seed_min=x")]
    [InlineData("seed_min=10&seed_max=5")]
    public async Task Search_BadParameter_Returns400Problem(string query)
    {
        using var response = await Client.GetAsync($"/api/search?q=fox&{query}");

        var detail = await Api.ProblemAsync(response, 400);
        Assert.False(string.IsNullOrWhiteSpace(detail));
    }

    [Fact]
    public async Task Search_QueryOf10000Characters_Returns400NamingTheLimit()
    {
        using var response = await Client.GetAsync("/api/search?q=" + new string('a', 10_000));

        var detail = await Api.ProblemAsync(response, 400);
        Assert.Contains("1000", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Facets_Catalog_ListsGeneratorsCheckpointsLorasAndSeeds()
    {
        var facets = await Client.GetJsonAsync("/api/facets");

        Assert.Equal(["A1111", "ComfyUI", "InvokeAI"], facets.GetProperty("generators").EnumerateArray().Select(g => g.GetProperty("value").GetString()).Order());
        Assert.Equal(2, facets.GetProperty("checkpoints").GetArrayLength());
        Assert.Equal("add_detail", facets.GetProperty("loras")[0].GetProperty("value").GetString());
        Assert.Equal(1000, facets.GetProperty("seed_min").GetInt64());
        Assert.Contains("prompt", facets.GetProperty("modes").EnumerateArray().Select(m => m.GetString()));
    }

    [Fact]
    public async Task Image_KnownId_ReturnsGenerationFilesAndDuplicateGroup()
    {
        var id = fixture.Catalog.IdOf("img01.png");

        var image = await Client.GetJsonAsync($"/api/images/{id}");

        Assert.Contains("number 1,", image.GetProperty("generation").GetProperty("prompt").GetString()!, StringComparison.Ordinal);
        Assert.Equal(1.5, image.GetProperty("generation").GetProperty("extra").GetProperty("hires_upscale").GetDouble());
        Assert.Equal(2, image.GetProperty("files").GetArrayLength());
        var group = image.GetProperty("duplicate_group");
        Assert.Equal("identical", group.GetProperty("kind").GetString());
        Assert.Single(group.GetProperty("members").EnumerateArray(), m => m.GetProperty("is_keeper").GetBoolean());
    }

    [Fact]
    public async Task Image_Tagged_ListsTagsWithCategoryAndScoreBestFirst()
    {
        var id = fixture.Catalog.IdOf("img05.png");
        new TagStore(fixture.Catalog.Database).Save("web-tagger", [(id, [new ImageTag("fox", "general", 0.5f), new ImageTag("general", "rating", 0.9f), new ImageTag("renard", "character", 0.875f)])]);

        var image = await Client.GetJsonAsync($"/api/images/{id}");
        var untagged = await Client.GetJsonAsync($"/api/images/{fixture.Catalog.IdOf("img06.png")}");

        var tags = image.GetProperty("tags").EnumerateArray()
            .Select(t => $"{t.GetProperty("name").GetString()}/{t.GetProperty("category").GetString()}/{t.GetProperty("score").GetDouble().ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)}").ToList();
        Assert.Equal(["general/rating/0.900", "renard/character/0.875", "fox/general/0.500"], tags);
        Assert.Equal(0, untagged.GetProperty("tags").GetArrayLength());
    }

    [Theory]
    [InlineData("/api/images/999999")]
    [InlineData("/api/images/999999/thumb")]
    [InlineData("/api/images/999999/file")]
    [InlineData("/api/images/999999/similar")]
    public async Task Image_UnknownId_Returns404Problem(string path)
    {
        using var response = await Client.GetAsync(path);

        var detail = await Api.ProblemAsync(response, 404);
        Assert.Contains("999999", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Thumb_KnownId_ReturnsWebp()
    {
        using var response = await Client.GetAsync($"/api/images/{fixture.Catalog.IdOf("img02.png")}/thumb");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/webp", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("WEBP", Encoding.ASCII.GetString(bytes, 8, 4));
    }

    [Fact]
    public async Task File_KnownId_ReturnsTheOriginalBytes()
    {
        using var response = await Client.GetAsync($"/api/images/{fixture.Catalog.IdOf("img03.png")}/file");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(await File.ReadAllBytesAsync(Path.Combine(fixture.Catalog.ImagesFolder, "img03.png")), await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("/api/images/..%2F..%2F..%2F..%2Fetc%2Fpasswd/file")]
    [InlineData("/api/images/%252e%252e%252f%252e%252e%252fetc%252fpasswd/file")]
    [InlineData("/api/images/%2e%2e/%2e%2e/%2e%2e/etc/passwd")]
    [InlineData("/api/images/../../../../etc/passwd")]
    [InlineData("/api/images/1%2F..%2F..%2F..%2Fetc%2Fpasswd/file")]
    [InlineData("/api/images/%2Fetc%2Fpasswd/file")]
    [InlineData("/..%2F..%2F..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/app.css/..%2F..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/js/main.js/..%2F..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/vendor/..%2F..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/%2e%2e/%2e%2e/%2e%2e/etc/passwd")]
    [InlineData("/api/images/1/file/..%2F..%2F..%2Fetc%2Fpasswd")]
    [InlineData("/api/images/-1/file")]
    [InlineData("/api/images/1e3/file")]
    public async Task File_PathTraversal_NeverReadsOutsideTheCatalog(string target)
    {
        var (status, body) = await RawHttp.GetAsync(fixture.Server.Address, target, CancellationToken.None);

        Assert.InRange(status, 400, 404);
        Assert.DoesNotContain("root:", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task File_PathInQueryString_IsIgnored()
    {
        var id = fixture.Catalog.IdOf("img04.png");

        var (status, body) = await RawHttp.GetAsync(fixture.Server.Address, $"/api/images/{id}/file?path=/etc/passwd&file=../../etc/passwd", CancellationToken.None);

        Assert.Equal(200, status);
        Assert.DoesNotContain("root:", body, StringComparison.Ordinal);
        Assert.StartsWith("\uFFFDPNG", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Similar_Original_ExcludesItselfAndRanksTheNearCopyFirst()
    {
        var id = fixture.Catalog.IdOf("img00.png");

        var result = await Client.GetJsonAsync($"/api/images/{id}/similar?k=5");

        var ids = result.GetProperty("results").EnumerateArray().Select(h => h.GetProperty("id").GetInt64()).ToList();
        Assert.DoesNotContain(id, ids);
        Assert.Equal(fixture.Catalog.IdOf("near-img00.jpg"), ids[0]);
        Assert.Equal(5, ids.Count);
    }

    [Fact]
    public async Task ImageSearch_UploadOfACatalogImage_FindsItFirst()
    {
        var bytes = await File.ReadAllBytesAsync(Path.Combine(fixture.Catalog.ImagesFolder, "img05.png"));
        using var content = Api.Upload(bytes);

        using var response = await Client.PostAsync("/api/search/image?k=3", content);

        var result = await Api.JsonAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var first = result.GetProperty("results")[0];
        Assert.Equal(fixture.Catalog.IdOf("img05.png"), first.GetProperty("id").GetInt64());
        Assert.Equal(1.0, first.GetProperty("score").GetDouble());
    }

    [Fact]
    public async Task ImageSearch_Over20MB_Returns413()
    {
        using var content = Api.Upload(new byte[21 * 1024 * 1024]);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/search/image") { Content = content };
        // As curl does for large bodies: the refusal comes before the body is sent.
        request.Headers.ExpectContinue = true;

        using var response = await Client.SendAsync(request);

        var detail = await Api.ProblemAsync(response, 413);
        Assert.Contains("20 MB", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImageSearch_Over20MBWithoutContentLength_Returns413()
    {
        using var stream = new MemoryStream(new byte[21 * 1024 * 1024]);
        using var content = new MultipartFormDataContent();
        using var file = new StreamContent(new NonSeekableStream(stream));
        content.Add(file, "image", "big.png");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/search/image") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await Client.SendAsync(request);

        Assert.Equal(413, (int)response.StatusCode);
    }

    [Fact]
    public async Task ImageSearch_DecompressionBomb_Returns413NamingThePixels()
    {
        using var content = Api.Upload(BombPng(60000, 60000));

        using var response = await Client.PostAsync("/api/search/image", content);

        var detail = await Api.ProblemAsync(response, 413);
        Assert.Contains("60000×60000", detail, StringComparison.Ordinal);
        Assert.Contains("megapixels", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImageSearch_TruncatedImage_Returns400()
    {
        var bytes = await File.ReadAllBytesAsync(Path.Combine(fixture.Catalog.ImagesFolder, "img06.png"));
        using var content = Api.Upload(bytes[..(bytes.Length / 3)]);

        using var response = await Client.PostAsync("/api/search/image", content);

        await Api.ProblemAsync(response, 400);
    }

    [Fact]
    public async Task ImageSearch_NotAnImage_Returns415()
    {
        using var content = Api.Upload(Encoding.UTF8.GetBytes("root:x:0:0:root:/root:/bin/bash\n"), "passwd", "text/plain");

        using var response = await Client.PostAsync("/api/search/image", content);

        await Api.ProblemAsync(response, 415);
    }

    [Fact]
    public async Task ImageSearch_NotMultipart_Returns415()
    {
        using var content = new ByteArrayContent([1, 2, 3]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await Client.PostAsync("/api/search/image", content);

        await Api.ProblemAsync(response, 415);
    }

    [Theory]
    [InlineData("--xyz\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.png\"\r\n\r\n\x89PNG")]
    [InlineData("this is not multipart at all")]
    [InlineData("--xyz\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n--xyz--\r\n")]
    [InlineData("--xyz\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.png\"\r\nBroken header line without colon\r\n\r\nxx\r\n--xyz--\r\n")]
    public async Task ImageSearch_MalformedMultipart_Returns400(string body)
    {
        using var content = new ByteArrayContent(Encoding.Latin1.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=xyz");

        using var response = await Client.PostAsync("/api/search/image", content);

        await Api.ProblemAsync(response, 400);
    }

    [Fact]
    public async Task Dupes_Catalog_GroupsExactAndNearCopiesWithAKeeper()
    {
        var report = await Client.GetJsonAsync("/api/dupes");

        var groups = report.GetProperty("groups").EnumerateArray().ToList();
        var visual = Assert.Single(groups, g => g.GetProperty("kind").GetString() == "visual");
        var members = visual.GetProperty("members").EnumerateArray().ToList();
        Assert.Equal(
            new[] { fixture.Catalog.IdOf("img00.png"), fixture.Catalog.IdOf("near-img00.jpg") }.Order(),
            members.Select(m => m.GetProperty("image_id").GetInt64()).Order());
        var keeper = Assert.Single(members, m => m.GetProperty("is_keeper").GetBoolean());
        Assert.Equal(fixture.Catalog.IdOf("img00.png"), keeper.GetProperty("image_id").GetInt64());
        Assert.Single(groups, g => g.GetProperty("kind").GetString() == "identical");
        Assert.Equal(groups.Count, report.GetProperty("total").GetInt32());
        // The tier words of `dfd dupes`: the near copy came in by a visual link, with the link's measurements.
        var near = Assert.Single(members, m => !m.GetProperty("is_keeper").GetBoolean());
        Assert.Equal("visual", near.GetProperty("tier").GetString());
        Assert.False(string.IsNullOrEmpty(near.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task Dupes_OffsetAndLimit_PageThroughAllGroupsWithTheTotal()
    {
        var all = await Client.GetJsonAsync("/api/dupes");
        var ids = all.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("id").GetString()).ToList();

        var second = await Client.GetJsonAsync("/api/dupes?offset=1&limit=1");

        Assert.Equal(ids.Count, second.GetProperty("total").GetInt32());
        Assert.Equal(1, second.GetProperty("offset").GetInt32());
        Assert.Equal([ids[1]], second.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("id").GetString()));
        var past = await Client.GetJsonAsync($"/api/dupes?offset={ids.Count}");
        Assert.Equal(0, past.GetProperty("groups").GetArrayLength());
        Assert.Equal(ids.Count, past.GetProperty("total").GetInt32());
        using var negative = await Client.GetAsync("/api/dupes?offset=-1");
        await Api.ProblemAsync(negative, 400);
    }

    [Fact]
    public async Task DupesProgress_AfterTheGroups_SaysReady()
    {
        await Client.GetJsonAsync("/api/dupes");

        var progress = await Client.GetJsonAsync("/api/dupes/progress");

        Assert.True(progress.GetProperty("ready").GetBoolean());
        Assert.False(progress.GetProperty("running").GetBoolean());
    }

    [Fact]
    public async Task Clusters_WithoutEmbeddings_AreEmptyWithANote()
    {
        var report = await Client.GetJsonAsync("/api/clusters");

        Assert.Equal(0, report.GetProperty("clusters").GetArrayLength());
        Assert.Contains("No style clusters", report.GetProperty("note").GetString()!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stats_Catalog_CountsImages()
    {
        var stats = await Client.GetJsonAsync("/api/stats");

        Assert.Equal(WebFixture.ImageCount + 1, stats.GetProperty("images").GetInt64());
    }

    [Fact]
    public async Task OpenApi_Document_DescribesTheApi()
    {
        var document = await Client.GetJsonAsync("/openapi.json");

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/search", paths);
        Assert.Contains("/api/search/image", paths);
        Assert.Contains("/api/images/{id}/similar", paths);
        Assert.Contains("/api/dupes", paths);
    }

    [Fact]
    public async Task Page_Root_ServesTheEmbeddedPageWithAStrictPolicy()
    {
        using var response = await Client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<script type=\"module\" src=\"/js/main.js\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_ForeignHostHeader_IsRefused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/stats");
        request.Headers.Host = "attacker.example";

        using var response = await Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public void Server_Default_ListensOnLoopback()
    {
        Assert.True(IPAddress.IsLoopback(IPAddress.Parse(fixture.Server.Address.Host)));
    }

    /// <summary>A valid PNG header declaring a huge size, with a few bytes of pixel data: decoding it would need gigabytes.</summary>
    private static byte[] BombPng(int width, int height)
    {
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        header[9] = 2;
        Chunk(png, "IHDR", header);
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            zlib.Write(new byte[64 * 1024]);
        }

        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        var typed = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32.HashToUInt32(typed));
        png.Write(number);
    }

    private sealed class NonSeekableStream(Stream inner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
