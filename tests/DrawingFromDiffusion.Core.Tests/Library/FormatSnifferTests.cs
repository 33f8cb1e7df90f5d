using DrawingFromDiffusion.Core.Catalog;
using DrawingFromDiffusion.Core.Library;

namespace DrawingFromDiffusion.Core.Tests.Library;

public sealed class FormatSnifferTests
{
    [Theory]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13 }, ImageFormat.Png)]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0, 16 }, ImageFormat.Jpeg)]
    [InlineData(new byte[] { (byte)'R', (byte)'I', (byte)'F', (byte)'F', 1, 2, 3, 4, (byte)'W', (byte)'E', (byte)'B', (byte)'P' }, ImageFormat.WebP)]
    [InlineData(new byte[] { (byte)'G', (byte)'I', (byte)'F', (byte)'8', (byte)'9', (byte)'a', 1, 0 }, ImageFormat.Gif)]
    [InlineData(new byte[] { (byte)'B', (byte)'M', 0, 0, 0, 0, 0, 0, 0, 0, 54, 0, 0, 0 }, ImageFormat.Bmp)]
    [InlineData(new byte[] { (byte)'R', (byte)'I', (byte)'F', (byte)'F', 1, 2, 3, 4, (byte)'W', (byte)'A', (byte)'V', (byte)'E' }, ImageFormat.Unknown)]
    [InlineData(new byte[] { (byte)'B', (byte)'M' }, ImageFormat.Unknown)]
    [InlineData(new byte[] { }, ImageFormat.Unknown)]
    public void Sniff_Header_RecognisesByContent(byte[] header, ImageFormat expected) =>
        Assert.Equal(expected, FormatSniffer.Sniff(header));

    [Theory]
    [InlineData("a/photo.JPG", true)]
    [InlineData("a/photo.webp", true)]
    [InlineData("a/notes.txt", false)]
    [InlineData("a/no-extension", false)]
    public void HasImageExtension_Name_CaseInsensitive(string path, bool expected) =>
        Assert.Equal(expected, FormatSniffer.HasImageExtension(path));
}
