namespace Segmentation.Tracking.Errors;

/// <summary>What went wrong with a local tracking database file, as SQLite reported it.</summary>
public enum TrackingStoreFailure
{
    /// <summary>Another connection or process held the lock for longer than the busy timeout (SQLITE_BUSY, SQLITE_LOCKED).</summary>
    Busy,

    /// <summary>The file cannot be written (SQLITE_READONLY and its extended codes).</summary>
    ReadOnly,

    /// <summary>The disk, or the database's size limit, is full (SQLITE_FULL).</summary>
    Full,

    /// <summary>The file is damaged or is not an SQLite database at all (SQLITE_CORRUPT, SQLITE_NOTADB).</summary>
    Corrupt,

    /// <summary>The file cannot be opened or created (SQLITE_CANTOPEN).</summary>
    CannotOpen,

    /// <summary>The operating system failed to read or write the file (SQLITE_IOERR).</summary>
    IoError,

    /// <summary>Any other SQLite failure.</summary>
    Other,
}
