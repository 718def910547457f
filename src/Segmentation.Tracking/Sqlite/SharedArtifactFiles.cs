using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Segmentation.Tracking.Sqlite;

/// <summary>
/// Small artifacts the local store writes again and again with the same bytes — every trial's model folder carries the
/// same Python loader, environment files and input example — become hard links to the first copy instead of new files.
/// </summary>
/// <remarks>
/// Creating a file is the local store's costliest step on ext4: allocating an inode took 0.14–0.4 ms here (measured:
/// 3,000 files and folders in 0.43–1.18 s of CPU; the 99-trial bench/sweep grid spent a quarter of its CPU in
/// <c>__ext4_new_inode</c>), a hard link 7 µs. A link is only made to a file whose bytes are read back equal first, so a
/// copy that was edited or deleted since is never linked; it is written anew and becomes the copy to link to. Every
/// writer of this store replaces a file (a temporary beside it renamed over it) rather than writing into it, so one
/// link's replacement never changes the others; a tool that rewrote a linked file in place would change every copy —
/// which is why only small files are shared, and only bytes this process wrote itself. Where links are not available
/// (Windows, another file system, a failure) the file is written as usual.
/// </remarks>
internal sealed partial class SharedArtifactFiles
{
    /// <summary>Files up to this size are shared; larger ones are trial-specific anyway (the model document) and hashing them would cost.</summary>
    public const int MaxSharedBytes = 64 * 1024;

    private readonly ConcurrentDictionary<string, string> _firstCopyByDigest = new(StringComparer.Ordinal);

    /// <summary>Whether this platform can link (hard links through the C library's <c>link</c>).</summary>
    private static bool CanLink => OperatingSystem.IsLinux() || OperatingSystem.IsMacOS() || OperatingSystem.IsFreeBSD();

    /// <summary>
    /// Makes <paramref name="temp"/> (not existing yet) a hard link to an earlier copy of <paramref name="content"/>;
    /// false when there is none to share, and the caller writes the file.
    /// </summary>
    public bool TryLink(ReadOnlySpan<byte> content, string temp, out string? digest)
    {
        digest = null;
        if (!CanLink || content.Length > MaxSharedBytes)
        {
            return false;
        }

        digest = Convert.ToHexString(SHA256.HashData(content));
        if (!_firstCopyByDigest.TryGetValue(digest, out var first) || !HoldsBytes(first, content))
        {
            return false;
        }

        return Link(first, temp) == 0;
    }

    /// <summary>Remembers <paramref name="path"/> (just written with the bytes of <paramref name="digest"/>) as the copy to link to.</summary>
    public void Written(string? digest, string path)
    {
        if (digest is not null)
        {
            _firstCopyByDigest[digest] = path;
        }
    }

    private static bool HoldsBytes(string path, ReadOnlySpan<byte> content)
    {
        try
        {
            var info = new FileInfo(path);
            return info.Exists && info.Length == content.Length && File.ReadAllBytes(path).AsSpan().SequenceEqual(content);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "link", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Link(string existing, string newPath);
}
