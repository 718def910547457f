using Segmentation.Data.Configuration;
using Segmentation.Runner.Configuration;

namespace Segmentation.Runner.Tests.Configuration;

public sealed class SearchStrategyTests
{
    [Fact]
    public void Bind_TpeWithEverySetting_ReadsThem()
    {
        var strategy = Bind(
            "kind: tpe\nmax_trials: 40\ntime_budget: 1h30m\nseed: 3\nstartup_trials: 5\ngamma: 0.2\ncandidates: 12\nprior_weight: 2\nbatch_size: 4\npatience: 8\nmin_delta: 0.01\n");

        Assert.Equal(StrategyKind.Tpe, strategy.Kind);
        Assert.True(strategy.IsAdaptive);
        Assert.Equal((40, 3), (strategy.MaxTrials, strategy.Seed));
        Assert.Equal(TimeSpan.FromMinutes(90), strategy.TimeBudget);
        Assert.Equal(new TpeSettings(5, 0.2, 12, 2, 4), strategy.Tpe);
        Assert.Equal(new EarlyStopping(8, 0.01), strategy.EarlyStopping);
    }

    [Fact]
    public void Bind_TpeTimeBudgetOnly_DefaultsForTheRest()
    {
        var strategy = Bind("kind: tpe\ntime_budget: 10m\n");

        Assert.Null(strategy.MaxTrials);
        Assert.Equal(TimeSpan.FromMinutes(10), strategy.TimeBudget);
        Assert.Equal(TpeSettings.Default, strategy.Tpe);
        Assert.Null(strategy.EarlyStopping);
    }

    [Fact]
    public void IdentityText_BudgetAndPatienceLeftOut_SeedAndEstimatorIn()
    {
        var small = Bind("kind: tpe\nmax_trials: 10\n");
        var large = Bind("kind: tpe\nmax_trials: 80\ntime_budget: 5m\npatience: 3\n");
        var reseeded = Bind("kind: tpe\nmax_trials: 10\nseed: 9\n");

        Assert.Equal(small.IdentityText(42), large.IdentityText(42));
        Assert.NotEqual(small.IdentityText(42), reseeded.IdentityText(42));
        Assert.NotEqual(small.IdentityText(42), small.IdentityText(43));
    }

    [Fact]
    public void Bind_Halving_ReadsTheScheduleAndDefaults()
    {
        var custom = Bind("kind: halving\nmin_fraction: 0.25\neta: 2\nmax_trials: 30\nseed: 4\n");
        var defaults = Bind("kind: halving\n");

        Assert.Equal((StrategyKind.Halving, 30, 4), (custom.Kind, custom.MaxTrials, custom.Seed));
        Assert.Equal(new HalvingSettings(0.25, 2), custom.Halving);
        Assert.True(defaults.IsAdaptive);
        Assert.Equal(HalvingSettings.Default, defaults.Halving);
        Assert.NotEqual(custom.IdentityText(1), (custom with { Halving = new HalvingSettings(0.25, 3) }).IdentityText(1));
    }

    [Theory]
    [InlineData("kind: tpe\n", "strategy.max_trials", "max_trials: 40) and/or a time budget (time_budget: 10m)")]
    [InlineData("kind: tpe\ntime_budget: 10 minutes\n", "strategy.time_budget", "expected a duration such as 90s, 10m, 2h or 1h30m, found '10 minutes'")]
    [InlineData("kind: tpe\ntime_budget: 0m\n", "strategy.time_budget", "expected a duration above zero")]
    [InlineData("kind: tpe\nmax_trials: 5\nmin_delta: 0.1\n", "strategy.min_delta", "min_delta needs patience")]
    [InlineData("kind: tpe\nmax_trials: 5\ngamma: 0\n", "strategy.gamma", "gamma must be above 0")]
    [InlineData("kind: tpe\nmax_trials: 5\neta: 3\n", "strategy.eta", "unknown key")]
    [InlineData("kind: random\nmax_trials: 5\npatience: 3\n", "strategy.patience", "unknown key")]
    [InlineData("kind: halving\nmin_fraction: 1\n", "strategy.min_fraction", "min_fraction must be strictly between 0 and 1")]
    [InlineData("kind: halving\neta: 1\n", "strategy.eta", "expected an integer from 2 to 100")]
    [InlineData("kind: halving\nmin_delta: 0.01\n", "strategy.min_delta", "min_delta needs patience")]
    public void Bind_BadTpeSetting_LocatedErrorNamingTheKey(string yaml, string keyPath, string detail)
    {
        var ex = Assert.Throws<ConfigException>(() => Bind(yaml));

        Assert.Equal("strategy.yaml", ex.Source);
        Assert.Equal(keyPath, ex.KeyPath);
        Assert.Contains(detail, ex.Message, StringComparison.Ordinal);
    }

    private static SearchStrategy Bind(string yaml) =>
        SearchStrategy.Bind(ConfigDocument.Parse("strategy:\n" + string.Join('\n', yaml.TrimEnd('\n').Split('\n').Select(l => "  " + l)) + "\n", "strategy.yaml").GetMapping("strategy"));
}
