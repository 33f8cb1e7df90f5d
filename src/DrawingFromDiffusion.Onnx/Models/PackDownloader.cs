using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace DrawingFromDiffusion.Onnx.Models;

/// <summary>
/// Fetches a catalog pack: resumes partial files with HTTP Range, verifies SHA-256 (catalog, else the
/// server's LFS hash), then imports and installs it atomically. HttpClient honours HTTPS_PROXY/NO_PROXY.
/// </summary>
public sealed class PackDownloader(HttpClient http, ModelStore store)
{
    public async Task<ModelPack> PullAsync(CatalogPack pack, bool replace, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        var downloads = Path.Combine(store.Root, ".downloads", pack.Id);
        Directory.CreateDirectory(downloads);
        foreach (var file in pack.Files)
        {
            await FetchAsync(file, Path.Combine(downloads, file.Path), progress, cancellationToken).ConfigureAwait(false);
        }

        var installed = await store.AddAsync(downloads, pack.Id, replace, cancellationToken).ConfigureAwait(false);
        Directory.Delete(downloads, recursive: true);
        return installed;
    }

    private async Task FetchAsync(CatalogFile file, string destination, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        if (File.Exists(destination))
        {
            return;
        }

        var partial = destination + ".part";
        var have = File.Exists(partial) ? new FileInfo(partial).Length : 0;
        using var request = new HttpRequestMessage(HttpMethod.Get, file.Url);
        if (have > 0)
        {
            request.Headers.Range = new RangeHeaderValue(have, null);
        }

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            File.Delete(partial);
            await FetchAsync(file, destination, progress, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new ModelPackException($"{file.Url}: HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
        }

        var resumed = response.StatusCode == HttpStatusCode.PartialContent;
        if (!resumed)
        {
            have = 0;
        }

        var total = response.Content.Headers.ContentLength is { } length ? length + have : file.Size;
        var declared = DeclaredSha256(response);
        await using (var output = new FileStream(partial, resumed ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        await using (var input = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false))
        {
            var buffer = new byte[1 << 16];
            var received = have;
            var lastReport = 0L;
            int read;
            while ((read = await input.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                received += read;
                if (received - lastReport >= 1 << 20)
                {
                    progress?.Report(new DownloadProgress(file.Path, received, total, resumed));
                    lastReport = received;
                }
            }

            progress?.Report(new DownloadProgress(file.Path, received, total, resumed));
        }

        var expected = file.Sha256 ?? declared;
        if (expected is not null)
        {
            string actual;
            await using (var check = File.OpenRead(partial))
            {
                actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(check, cancellationToken).ConfigureAwait(false));
            }

            if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
            {
                File.Delete(partial);
                throw new ModelPackException($"{file.Path}: SHA-256 {actual} differs from the expected {expected}; the partial download was deleted, run the command again");
            }
        }

        File.Move(partial, destination, overwrite: true);
    }

    /// <summary>Hugging Face sends the LFS object's SHA-256 as X-Linked-ETag (or ETag) on LFS files.</summary>
    private static string? DeclaredSha256(HttpResponseMessage response)
    {
        foreach (var name in new[] { "X-Linked-ETag", "ETag" })
        {
            if (response.Headers.TryGetValues(name, out var values))
            {
                var v = values.First().Trim('"', ' ').Replace("W/", string.Empty, StringComparison.Ordinal).Trim('"');
                if (v.Length == 64 && v.All(Uri.IsHexDigit))
                {
                    return v.ToLowerInvariant();
                }
            }
        }

        return null;
    }
}
