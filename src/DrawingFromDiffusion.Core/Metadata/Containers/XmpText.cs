using System.Net;
using System.Text.RegularExpressions;

namespace DrawingFromDiffusion.Core.Metadata.Containers;

/// <summary>
/// Pulls single properties out of an XMP packet without a full RDF model (XMP from generators is small and flat).
/// Every pattern is non-backtracking: a packet of unclosed tags costs time linear in its length.
/// </summary>
internal static partial class XmpText
{
    internal static ReadOnlySpan<byte> JpegPreamble => "http://ns.adobe.com/xap/1.0/\0"u8;

    /// <summary>The value of <paramref name="qualifiedName"/> written as an attribute, an element, or an rdf:Alt/Seq list's first item.</summary>
    public static string? Property(string xmp, string qualifiedName)
    {
        var name = Regex.Escape(qualifiedName);
        var attribute = Regex.Match(xmp, name + "\\s*=\\s*\"([^\"]*)\"", RegexOptions.NonBacktracking);
        if (attribute.Success)
        {
            return WebUtility.HtmlDecode(attribute.Groups[1].Value);
        }

        var element = Regex.Match(xmp, "<" + name + "(?:\\s[^>]*)?>(.*?)</" + name + ">", RegexOptions.Singleline | RegexOptions.NonBacktracking);
        if (!element.Success)
        {
            return null;
        }

        var inner = element.Groups[1].Value;
        var item = ListItem().Match(inner);
        return WebUtility.HtmlDecode(item.Success ? item.Groups[1].Value : inner.Trim());
    }

    [GeneratedRegex("<rdf:li(?:\\s[^>]*)?>(.*?)</rdf:li>", RegexOptions.Singleline | RegexOptions.NonBacktracking)]
    internal static partial Regex ListItem();
}
