using System.Text.RegularExpressions;

namespace Segmentation.Runner.Recording;

/// <summary>Reads the checked-out commit from <c>.git</c> files directly — no git process, works in CI containers without git.</summary>
public static partial class GitHead
{
    /// <summary>
    /// The 40-hex commit of HEAD of the repository containing <paramref name="directory"/> (searching upwards), following
    /// a symbolic ref through loose refs and packed-refs and a <c>.git</c> file (worktrees, submodules); null when unknown.
    /// </summary>
    public static string? Read(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        for (var dir = new DirectoryInfo(Path.GetFullPath(directory)); dir is not null; dir = dir.Parent)
        {
            var dotGit = Path.Combine(dir.FullName, ".git");
            var gitDir = Directory.Exists(dotGit) ? dotGit : File.Exists(dotGit) ? GitDirFromFile(dotGit, dir.FullName) : null;
            if (gitDir is not null)
            {
                return ResolveHead(gitDir);
            }
        }

        return null;
    }

    private static string? GitDirFromFile(string file, string baseDir)
    {
        var line = File.ReadAllText(file).Trim();
        return line.StartsWith("gitdir:", StringComparison.Ordinal)
            ? Path.GetFullPath(Path.Combine(baseDir, line["gitdir:".Length..].Trim()))
            : null;
    }

    private static string? ResolveHead(string gitDir)
    {
        var headFile = Path.Combine(gitDir, "HEAD");
        if (!File.Exists(headFile))
        {
            return null;
        }

        var head = File.ReadAllText(headFile).Trim();
        if (Sha().IsMatch(head))
        {
            return head;
        }

        if (!head.StartsWith("ref:", StringComparison.Ordinal))
        {
            return null;
        }

        var refName = head["ref:".Length..].Trim();
        // A linked worktree keeps its refs in the common dir.
        var commonFile = Path.Combine(gitDir, "commondir");
        var commonDir = File.Exists(commonFile) ? Path.GetFullPath(Path.Combine(gitDir, File.ReadAllText(commonFile).Trim())) : gitDir;
        foreach (var dir in new[] { gitDir, commonDir })
        {
            var loose = Path.Combine(dir, refName.Replace('/', Path.DirectorySeparatorChar));
            if (File.Exists(loose) && File.ReadAllText(loose).Trim() is var sha && Sha().IsMatch(sha))
            {
                return sha;
            }
        }

        var packed = Path.Combine(commonDir, "packed-refs");
        if (File.Exists(packed))
        {
            foreach (var line in File.ReadLines(packed))
            {
                var parts = line.Split(' ', 2);
                if (parts.Length == 2 && parts[1] == refName && Sha().IsMatch(parts[0]))
                {
                    return parts[0];
                }
            }
        }

        return null;
    }

    [GeneratedRegex("^[0-9a-f]{40}([0-9a-f]{24})?$")]
    private static partial Regex Sha();
}
