namespace DrawingFromDiffusion.Core.Requests;

/// <summary>
/// Whether a state-changing or costly request (any POST) may come from where it says: browsers send
/// <c>Sec-Fetch-Site</c> and <c>Origin</c> on every cross-site POST, so a page elsewhere cannot drive the server.
/// Tools such as curl send neither and are allowed (they are not a victim's browser).
/// </summary>
public static class SameOriginRule
{
    /// <param name="secFetchSite">the Sec-Fetch-Site header, or null.</param>
    /// <param name="origin">the Origin header, or null.</param>
    /// <param name="scheme">the request's scheme (http).</param>
    /// <param name="host">the request's Host header (name and port).</param>
    /// <returns>null when allowed; else the reason to refuse.</returns>
    public static string? Refusal(string? secFetchSite, string? origin, string scheme, string host)
    {
        if (!string.IsNullOrEmpty(secFetchSite) && secFetchSite is not ("same-origin" or "none"))
        {
            return $"cross-site request refused (Sec-Fetch-Site: {secFetchSite}); use the page served by dfd itself";
        }

        if (string.IsNullOrEmpty(origin))
        {
            return null;
        }

        var expected = $"{scheme}://{host}";
        return string.Equals(origin, expected, StringComparison.OrdinalIgnoreCase)
            ? null
            : $"cross-origin request refused (Origin: {(origin.Length > 100 ? origin[..100] : origin)}); use the page served by dfd itself";
    }
}
