using Microsoft.AspNetCore.Http;

namespace DrawingFromDiffusion.Web;

/// <summary>ProblemDetails answers (RFC 9457) with one sentence saying what was wrong and what is allowed.</summary>
internal static class Problems
{
    public static IResult BadRequest(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status400BadRequest, title: "Bad request");

    public static IResult NotFound(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static IResult TooLarge(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too large");

    public static IResult Unsupported(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type");
}
