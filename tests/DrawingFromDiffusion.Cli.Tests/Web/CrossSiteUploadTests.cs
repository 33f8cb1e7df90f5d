using System.Net;

namespace DrawingFromDiffusion.Cli.Tests.Web;

/// <summary>A page on another site cannot drive uploads through the user's browser (issue 19, item 4).</summary>
[Collection(WebCollection.Name)]
public sealed class CrossSiteUploadTests(WebFixture fixture)
{
    [Theory]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    [InlineData("Origin", "http://evil.example")]
    [InlineData("Origin", "null")]
    public async Task ImageSearch_CrossSiteBrowserRequest_Forbidden(string header, string value)
    {
        var bytes = await File.ReadAllBytesAsync(Path.Combine(fixture.Catalog.ImagesFolder, "img05.png"));
        using var content = Api.Upload(bytes);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/search/image?k=3") { Content = content };
        request.Headers.TryAddWithoutValidation(header, value);

        using var response = await fixture.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task ImageSearch_SameOriginBrowserRequest_Answered()
    {
        var bytes = await File.ReadAllBytesAsync(Path.Combine(fixture.Catalog.ImagesFolder, "img05.png"));
        using var content = Api.Upload(bytes);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/search/image?k=3") { Content = content };
        request.Headers.TryAddWithoutValidation("Sec-Fetch-Site", "same-origin");
        request.Headers.TryAddWithoutValidation("Origin", fixture.Client.BaseAddress!.GetLeftPart(UriPartial.Authority));

        using var response = await fixture.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
