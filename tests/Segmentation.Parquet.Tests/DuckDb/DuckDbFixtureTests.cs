namespace Segmentation.Parquet.Tests.DuckDb;

public class DuckDbFixtureTests
{
    [Fact]
    public void RunProcess_ProgramMissing_FailsNamingTheProgramInsteadOfSkipping()
    {
        var error = Assert.Throws<InvalidOperationException>(
            () => DuckDbFixture.RunProcess("segmentation-no-such-node", ["--version"], Path.GetTempPath(), TimeSpan.FromSeconds(10)));

        Assert.Contains("'segmentation-no-such-node' is not installed or not on PATH", error.Message, StringComparison.Ordinal);
        Assert.Contains(DuckDbFixture.Package, error.Message, StringComparison.Ordinal);
    }
}
