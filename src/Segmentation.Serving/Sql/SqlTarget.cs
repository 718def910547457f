using Microsoft.Data.Sqlite;
using Npgsql;
using Segmentation.Core.Errors;

namespace Segmentation.Serving.Sql;

/// <summary>A parsed <c>--to</c> value: where the segments tables live.</summary>
/// <param name="Kind">SQLite or PostgreSQL.</param>
/// <param name="ConnectionString">The ADO.NET connection string (holds the password for PostgreSQL: never print it).</param>
/// <param name="Display">The target without its password, for messages.</param>
public sealed record SqlTarget(SqlTargetKind Kind, string ConnectionString, string Display)
{
    /// <summary>The accepted forms, for messages and help.</summary>
    public const string Forms = "sqlite:///relative.db, sqlite:////absolute.db or postgresql://user:password@host:port/database";

    /// <summary>Parses <paramref name="text"/>; relative SQLite paths resolve against <paramref name="workingDirectory"/>.</summary>
    /// <exception cref="UsageException">Not one of the forms.</exception>
    public static SqlTarget Parse(string text, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.StartsWith("sqlite:///", StringComparison.Ordinal))
        {
            var rest = text["sqlite:///".Length..];
            if (rest.Length == 0)
            {
                throw new UsageException($"--to '{text}': no database file; expected {Forms}");
            }

            var path = rest.StartsWith('/') ? rest : Path.GetFullPath(Path.Combine(workingDirectory, rest));
            var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false };
            return new SqlTarget(SqlTargetKind.Sqlite, builder.ToString(), "sqlite:///" + path);
        }

        if (text.StartsWith("postgresql://", StringComparison.Ordinal) || text.StartsWith("postgres://", StringComparison.Ordinal))
        {
            return ParsePostgres(text);
        }

        throw new UsageException($"--to '{RedactUserInfo(text)}': unknown database; expected {Forms}");
    }

    private static SqlTarget ParsePostgres(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
        {
            throw new UsageException($"--to '{RedactUserInfo(text)}': expected postgresql://user:password@host:port/database");
        }

        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')) is { Length: > 0 } db ? db : null,
        };
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            builder.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0)
            {
                builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
            }
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(eq < 0 ? pair : pair[..eq]);
            var value = eq < 0 ? string.Empty : Uri.UnescapeDataString(pair[(eq + 1)..]);
            try
            {
                // libpq's spellings (sslmode, connect_timeout…) and Npgsql's own keywords both work here.
                builder[key.Replace('_', ' ')] = value;
            }
            catch (ArgumentException ex)
            {
                throw new UsageException($"--to: unknown PostgreSQL connection setting '{key}' ({ex.Message})", ex);
            }
        }

        return new SqlTarget(SqlTargetKind.Postgres, builder.ConnectionString, RedactUserInfo(text));
    }

    private static string RedactUserInfo(string text)
    {
        var scheme = text.IndexOf("://", StringComparison.Ordinal);
        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (scheme < 0 || at < scheme)
        {
            return text;
        }

        var info = text[(scheme + 3)..at];
        var colon = info.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? text : text[..(scheme + 3)] + info[..colon] + ":***" + text[at..];
    }
}
