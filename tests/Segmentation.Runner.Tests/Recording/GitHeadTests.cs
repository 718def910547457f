using Segmentation.Runner.Recording;

namespace Segmentation.Runner.Tests.Recording;

public sealed class GitHeadTests : IDisposable
{
    private const string Sha = "0123456789abcdef0123456789abcdef01234567";
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Read_LooseBranchRef_ReturnsCommit()
    {
        _dir.Write(".git/HEAD", "ref: refs/heads/main\n");
        _dir.Write(".git/refs/heads/main", Sha + "\n");
        Directory.CreateDirectory(Path.Combine(_dir.Path, "src", "deep"));

        Assert.Equal(Sha, GitHead.Read(Path.Combine(_dir.Path, "src", "deep")));
    }

    [Fact]
    public void Read_PackedRef_ReturnsCommit()
    {
        _dir.Write(".git/HEAD", "ref: refs/heads/feature/x\n");
        _dir.Write(".git/packed-refs", "# pack-refs with: peeled fully-peeled sorted\n" + Sha + " refs/heads/feature/x\n");

        Assert.Equal(Sha, GitHead.Read(_dir.Path));
    }

    [Fact]
    public void Read_DetachedHead_ReturnsCommit()
    {
        _dir.Write(".git/HEAD", Sha + "\n");

        Assert.Equal(Sha, GitHead.Read(_dir.Path));
    }

    [Fact]
    public void Read_GitFileOfWorktree_FollowsGitdirAndCommondir()
    {
        _dir.Write("main/.git/refs/heads/topic", Sha + "\n");
        _dir.Write("main/.git/worktrees/wt/HEAD", "ref: refs/heads/topic\n");
        _dir.Write("main/.git/worktrees/wt/commondir", "../..\n");
        _dir.Write("wt/.git", "gitdir: ../main/.git/worktrees/wt\n");

        Assert.Equal(Sha, GitHead.Read(Path.Combine(_dir.Path, "wt")));
    }

    [Fact]
    public void Read_UnbornBranch_ReturnsNull()
    {
        _dir.Write(".git/HEAD", "ref: refs/heads/main\n");

        Assert.Null(GitHead.Read(_dir.Path));
    }
}
