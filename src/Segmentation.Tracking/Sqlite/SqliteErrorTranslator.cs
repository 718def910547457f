using System.Globalization;
using Microsoft.Data.Sqlite;
using Segmentation.Tracking.Errors;

namespace Segmentation.Tracking.Sqlite;

/// <summary>Turns the SQLite provider's exceptions into <see cref="TrackingStoreException"/>s that name the file, what happened and what to do.</summary>
/// <remarks>The one translation every entry point of <see cref="SqliteTrackingStore"/> goes through (MLflow: <c>store/db/utils.py::make_managed_session</c>).</remarks>
internal static class SqliteErrorTranslator
{
    // Primary result codes (https://sqlite.org/rescode.html); extended codes carry the primary one in their low byte.
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteReadOnly = 8;
    private const int SqliteIoError = 10;
    private const int SqliteCorrupt = 11;
    private const int SqliteFull = 13;
    private const int SqliteCantOpen = 14;
    private const int SqliteNotADatabase = 26;

    private const string ProviderAssembly = "Microsoft.Data.Sqlite";

    /// <summary>Whether <paramref name="exception"/> came from the SQLite provider (and so must not leave the store as it is).</summary>
    public static bool IsProviderError(Exception exception) => exception switch
    {
        SqliteException => true,
        // The provider also throws InvalidOperationException for states SQLite reports outside a result code.
        InvalidOperationException { Source: ProviderAssembly } => true,
        _ => false,
    };

    /// <summary>The store's exception for a provider exception on the database at <paramref name="databasePath"/>.</summary>
    public static TrackingStoreException Translate(Exception exception, string databasePath, TimeSpan busyTimeout)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var failure = Classify(exception);
        var detail = exception is SqliteException sqlite
            ? string.Create(CultureInfo.InvariantCulture, $"SQLite error {sqlite.SqliteExtendedErrorCode}: {FirstLine(sqlite.Message)}")
            : FirstLine(exception.Message);
        var message = $"tracking database '{databasePath}' {Explain(failure, busyTimeout)} ({detail})";
        return new TrackingStoreException(databasePath, failure, message, exception);
    }

    /// <summary>Maps a provider exception to what went wrong.</summary>
    public static TrackingStoreFailure Classify(Exception exception)
    {
        if (exception is not SqliteException sqlite)
        {
            return TrackingStoreFailure.Other;
        }

        // The extended code is the more precise; either one holds the primary code in its low byte.
        var code = (sqlite.SqliteExtendedErrorCode != 0 ? sqlite.SqliteExtendedErrorCode : sqlite.SqliteErrorCode) & 0xFF;
        return code switch
        {
            SqliteBusy or SqliteLocked => TrackingStoreFailure.Busy,
            SqliteReadOnly => TrackingStoreFailure.ReadOnly,
            SqliteFull => TrackingStoreFailure.Full,
            SqliteCorrupt or SqliteNotADatabase => TrackingStoreFailure.Corrupt,
            SqliteCantOpen => TrackingStoreFailure.CannotOpen,
            SqliteIoError => TrackingStoreFailure.IoError,
            _ => TrackingStoreFailure.Other,
        };
    }

    private static string Explain(TrackingStoreFailure failure, TimeSpan busyTimeout) => failure switch
    {
        TrackingStoreFailure.Busy => string.Create(CultureInfo.InvariantCulture,
            $"is locked by another connection or process and stayed locked for the whole {busyTimeout.TotalSeconds:0.###} s busy timeout; nothing was written. Wait for the other writer to finish (or stop it) and retry")
            + ", or give concurrent jobs an MLflow tracking server (MLFLOW_TRACKING_URI=http://…)",
        TrackingStoreFailure.ReadOnly =>
            "is read-only, so nothing was written; make the file, its -wal and -shm files and their folder writable, or point MLFLOW_TRACKING_URI at a writable database",
        TrackingStoreFailure.Full =>
            "is full (the disk or the database's size limit is reached), so the last write was rolled back and earlier data is intact; free disk space and retry",
        TrackingStoreFailure.Corrupt =>
            "is corrupt or is not an SQLite database; this tool has not changed it. Restore it from a backup, or move it away and let a new database be created",
        TrackingStoreFailure.CannotOpen =>
            "cannot be opened or created; check that the path names a file (not a folder), that its folder exists and that it may be written",
        TrackingStoreFailure.IoError =>
            "could not be read or written because of an I/O error; check the disk and the file system, then retry",
        _ => "failed; this is not an error the store expects, so report it together with the SQLite message",
    };

    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }
}
