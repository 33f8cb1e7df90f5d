using System.Globalization;
using Npgsql;

namespace DrawingFromDiffusion.Storage.PostgreSql;

/// <summary>
/// A PostgreSQL catalog named the libpq way, <c>postgresql://user:password@host:port/database?host=/socket/dir</c>
/// (or <c>postgres://…</c>), turned into an Npgsql connection string. Npgsql itself takes only key=value strings.
/// </summary>
public static class PgLocation
{
    public static bool IsPostgres(string? value) =>
        value is not null && (value.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase));

    /// <exception cref="ArgumentException">the value is not a postgresql:// address.</exception>
    public static string ToConnectionString(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        if (!IsPostgres(url) || scheme < 0)
        {
            throw new ArgumentException($"not a postgresql:// address: {url}", nameof(url));
        }

        var rest = url[(scheme + 3)..];
        var query = "";
        var q = rest.IndexOf('?', StringComparison.Ordinal);
        if (q >= 0)
        {
            query = rest[(q + 1)..];
            rest = rest[..q];
        }

        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var authority = slash >= 0 ? rest[..slash] : rest;
        var database = slash >= 0 ? Uri.UnescapeDataString(rest[(slash + 1)..]) : "";
        var builder = new NpgsqlConnectionStringBuilder();
        var at = authority.LastIndexOf('@');
        if (at >= 0)
        {
            var credentials = authority[..at];
            authority = authority[(at + 1)..];
            var colon = credentials.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon >= 0 ? credentials[..colon] : credentials);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(credentials[(colon + 1)..]);
            }
        }

        if (authority.Length > 0)
        {
            var colon = authority.LastIndexOf(':');
            if (colon > 0 && !authority.EndsWith(']'))
            {
                builder.Host = authority[..colon];
                builder.Port = int.Parse(authority[(colon + 1)..], CultureInfo.InvariantCulture);
            }
            else
            {
                builder.Host = authority.Trim('[', ']');
            }
        }

        if (database.Length > 0)
        {
            builder.Database = database;
        }

        foreach (var pair in query.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(eq >= 0 ? pair[..eq] : pair);
            var value = eq >= 0 ? Uri.UnescapeDataString(pair[(eq + 1)..]) : "";
            switch (key)
            {
                case "host": builder.Host = value; break;
                case "port": builder.Port = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "user": builder.Username = value; break;
                case "password": builder.Password = value; break;
                case "dbname": builder.Database = value; break;
                case "sslmode": builder.SslMode = Enum.Parse<SslMode>(value, ignoreCase: true); break;
                default: builder[key] = value; break;
            }
        }

        builder.Host ??= "localhost";
        return builder.ConnectionString;
    }

    /// <summary>The address without its password, for messages.</summary>
    public static string Redacted(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var scheme = url.IndexOf("://", StringComparison.Ordinal) + 3;
        var at = url.IndexOf('@', scheme);
        var colon = at < 0 ? -1 : url.IndexOf(':', scheme);
        return colon >= 0 && colon < at ? url[..(colon + 1)] + "***" + url[at..] : url;
    }
}
