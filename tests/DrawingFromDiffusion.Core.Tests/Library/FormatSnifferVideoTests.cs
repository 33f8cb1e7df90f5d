using DrawingFromDiffusion.Core.Catalog;
using DrawingFromDiffusion.Core.Library;

namespace DrawingFromDiffusion.Core.Tests.Library;

public sealed class FormatSnifferVideoTests
{
    [Theory]
    [InlineData("isom", ImageFormat.Mp4)]
    [InlineData("mp42", ImageFormat.Mp4)]
    [InlineData("qt  ", ImageFormat.QuickTime)]
    [InlineData("avif", ImageFormat.Unknown)]
    [InlineData("heic", ImageFormat.Unknown)]
    public void Sniff_FtypBrand_VideoOrStill(string brand, ImageFormat expected)
    {
        byte[] header = [0, 0, 0, 0x20, .. "ftyp"u8, .. System.Text.Encoding.ASCII.GetBytes(brand), 0, 0, 0, 0];

        Assert.Equal(expected, FormatSniffer.Sniff(header));
    }

    [Fact]
    public void Sniff_Ebml_Matroska()
    {
        Assert.Equal(ImageFormat.Matroska, FormatSniffer.Sniff([0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81, 1, 0, 0, 0, 0, 0, 0, 0]));
    }

    [Fact]
    public void Sniff_OldQuickTimeMoovAtom_QuickTime()
    {
        Assert.Equal(ImageFormat.QuickTime, FormatSniffer.Sniff([0, 0, 0, 8, .. "moov"u8, 0, 0, 0, 0, 0, 0, 0, 0]));
    }

    [Fact]
    public void Sniff_StillFormats_Unchanged()
    {
        Assert.Equal(ImageFormat.Png, FormatSniffer.Sniff([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]));
        Assert.Equal(ImageFormat.Gif, FormatSniffer.Sniff("GIF89a\0\0\0\0"u8));
        Assert.Equal(ImageFormat.WebP, FormatSniffer.Sniff("RIFF\0\0\0\0WEBPVP8 "u8));
    }

    [Fact]
    public void IsAnimated_WebPWithVp8xAnimationFlag_True()
    {
        byte[] webp = [.. "RIFF"u8, 0, 0, 0, 0, .. "WEBP"u8, .. "VP8X"u8, 10, 0, 0, 0, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0];

        Assert.True(FormatSniffer.IsAnimated(webp));
    }

    [Fact]
    public void IsAnimated_StillWebP_False()
    {
        byte[] webp = [.. "RIFF"u8, 0, 0, 0, 0, .. "WEBP"u8, .. "VP8X"u8, 10, 0, 0, 0, 0x08, 0, 0, 0, 0, 0, 0, 0, 0, 0, .. "VP8 "u8, 2, 0, 0, 0, 0, 0];

        Assert.False(FormatSniffer.IsAnimated(webp));
    }

    [Fact]
    public void IsAnimated_GifWithTwoFrames_True()
    {
        Assert.True(FormatSniffer.IsAnimated(Gif(frames: 2)));
        Assert.False(FormatSniffer.IsAnimated(Gif(frames: 1)));
    }

    [Fact]
    public void IsAnimated_TruncatedGif_FalseWithoutThrowing()
    {
        Assert.False(FormatSniffer.IsAnimated(Gif(frames: 2)[..20]));
    }

    [Theory]
    [InlineData("a.MP4", true)]
    [InlineData("a.webm", true)]
    [InlineData("a.mov", true)]
    [InlineData("a.png", false)]
    public void HasVideoExtension_ByExtension(string path, bool expected) => Assert.Equal(expected, FormatSniffer.HasVideoExtension(path));

    /// <summary>A minimal GIF89a: 1×1, no colour table, each frame a graphic control extension and a 1-pixel image.</summary>
    private static byte[] Gif(int frames)
    {
        var bytes = new List<byte>("GIF89a"u8.ToArray()) { 1, 0, 1, 0, 0, 0, 0 };
        for (var i = 0; i < frames; i++)
        {
            bytes.AddRange([0x21, 0xF9, 4, 0, 10, 0, 0, 0]);
            bytes.AddRange([0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x4C, 0x01, 0]);
        }

        bytes.Add(0x3B);
        return [.. bytes];
    }
}
