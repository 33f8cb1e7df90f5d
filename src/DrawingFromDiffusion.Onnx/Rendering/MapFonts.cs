using SkiaSharp;

namespace DrawingFromDiffusion.Onnx.Rendering;

/// <summary>
/// A typeface that has glyphs. The Linux SkiaSharp build we ship has no fontconfig, so SKTypeface.Default draws
/// nothing there: the map's numbers and legend were invisible. Common font files are tried first, then the font
/// manager (Windows, macOS).
/// </summary>
internal static class MapFonts
{
    private static readonly string[] _regular =
    [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        "/usr/share/fonts/TTF/DejaVuSans.ttf",
        "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
        "/System/Library/Fonts/Supplemental/Arial.ttf",
        @"C:\Windows\Fonts\arial.ttf",
    ];

    private static readonly string[] _bold =
    [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
        "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf",
        "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans-Bold.ttf",
        "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
        "/System/Library/Fonts/Supplemental/Arial Bold.ttf",
        @"C:\Windows\Fonts\arialbd.ttf",
    ];

    private static readonly Lazy<SKTypeface> _regularFace = new(() => Load(_regular, SKFontStyle.Normal));
    private static readonly Lazy<SKTypeface> _boldFace = new(() => Load(_bold, SKFontStyle.Bold));

    public static SKTypeface Regular => _regularFace.Value;

    public static SKTypeface Bold => _boldFace.Value;

    private static SKTypeface Load(string[] files, SKFontStyle style)
    {
        foreach (var file in files.Where(File.Exists))
        {
            if (SKTypeface.FromFile(file) is { } face)
            {
                return face;
            }
        }

        return SKFontManager.Default.MatchFamily("Arial", style) ?? SKFontManager.Default.MatchFamily(null, style) ?? SKTypeface.Default;
    }
}
