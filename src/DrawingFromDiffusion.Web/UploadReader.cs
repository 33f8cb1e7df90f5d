using DrawingFromDiffusion.App.Browsing;
using DrawingFromDiffusion.App.Contracts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace DrawingFromDiffusion.Web;

/// <summary>
/// Reads the first file of a multipart upload into memory (never to disk), bounded in bytes, then checks
/// its container and declared pixel count before decoding it once.
/// </summary>
internal static class UploadReader
{
    /// <summary>Room for the multipart boundaries and headers around the file itself.</summary>
    internal const long EnvelopeBytes = 64 * 1024;

    public static async Task<(QueryImage? Image, IResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var limitMb = WebLimits.MaxUploadBytes / (1024 * 1024);
        if (request.ContentLength > WebLimits.MaxUploadBytes + EnvelopeBytes)
        {
            return (null, Problems.TooLarge($"The upload is {request.ContentLength / 1048576.0:0.#} MB; at most {limitMb} MB is accepted."));
        }

        var sizeFeature = request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            sizeFeature.MaxRequestBodySize = WebLimits.MaxUploadBytes + EnvelopeBytes;
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Problems.Unsupported("Send the image as multipart/form-data with one file field (e.g. curl -F image=@picture.png)."));
        }

        var boundary = HeaderUtilities.RemoveQuotes(contentType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary) || boundary.Length > 200)
        {
            return (null, Problems.BadRequest("The multipart body has no usable boundary."));
        }

        byte[]? bytes;
        try
        {
            bytes = await FirstFileAsync(new MultipartReader(boundary, request.Body) { HeadersLengthLimit = 16 * 1024 }, cancellationToken);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, Problems.TooLarge($"The upload is larger than {limitMb} MB."));
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or BadHttpRequestException)
        {
            return (null, Problems.BadRequest($"The multipart body is malformed: {ex.Message}"));
        }

        if (bytes is null)
        {
            return (null, Problems.BadRequest("The multipart body holds no file; send the image as a file field."));
        }

        if (bytes.LongLength > WebLimits.MaxUploadBytes)
        {
            return (null, Problems.TooLarge($"The image is larger than {limitMb} MB."));
        }

        return Decode(bytes);
    }

    /// <summary>Checks the container and the declared size, then decodes once under the pixel cap.</summary>
    internal static (QueryImage? Image, IResult? Problem) Decode(byte[] bytes)
    {
        var decoded = UploadDecoder.Decode(bytes, WebLimits.MaxUploadPixels);
        return decoded.Fault switch
        {
            null => (decoded.Image, null),
            UploadFault.Unsupported => (null, Problems.Unsupported(decoded.Message!)),
            UploadFault.TooLarge => (null, Problems.TooLarge(decoded.Message!)),
            _ => (null, Problems.BadRequest(decoded.Message!)),
        };
    }

    private static async Task<byte[]?> FirstFileAsync(MultipartReader reader, CancellationToken cancellationToken)
    {
        while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                || !disposition.IsFileDisposition())
            {
                continue;
            }

            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await section.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > WebLimits.MaxUploadBytes)
                {
                    throw new BadHttpRequestException("upload too large", StatusCodes.Status413PayloadTooLarge);
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }

        return null;
    }
}
