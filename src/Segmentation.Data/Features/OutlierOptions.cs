using Segmentation.Core;
using Segmentation.Data.Configuration;

namespace Segmentation.Data.Features;

/// <summary>The outlier policy of params.yaml <c>features.outliers:</c>.</summary>
public sealed record OutlierOptions
{
    /// <summary>The params.yaml keys of this section.</summary>
    public static IReadOnlyList<string> Keys { get; } =
        ["method", "features", "iqr_multiplier", "zscore_threshold", "contamination", "trees", "sample_size", "seed"];

    /// <summary>Method names as written in params.yaml.</summary>
    public static IReadOnlyList<string> MethodNames { get; } = ["none", "iqr", "zscore", "isolation_forest"];

    /// <summary>The method. <value>Default none.</value></summary>
    public OutlierMethod Method { get; init; } = OutlierMethod.None;

    /// <summary>Features screened. <value>Default recency_days, frequency, monetary.</value></summary>
    public IReadOnlyList<string> Features { get; init; } = [FeatureCatalog.RecencyDays, FeatureCatalog.Frequency, FeatureCatalog.Monetary];

    /// <summary>IQR fence multiplier m. <value>Default 1.5.</value></summary>
    public double IqrMultiplier { get; init; } = 1.5;

    /// <summary>|z| above which a value is an outlier (population standard deviation). <value>Default 3.</value></summary>
    public double ZScoreThreshold { get; init; } = 3.0;

    /// <summary>Isolation forest: fraction of customers removed (the highest scores). <value>Default 0.01.</value></summary>
    public double Contamination { get; init; } = 0.01;

    /// <summary>Isolation forest: number of trees. <value>Default 100.</value></summary>
    public int Trees { get; init; } = 100;

    /// <summary>Isolation forest: subsample size per tree (psi). <value>Default 256.</value></summary>
    public int SampleSize { get; init; } = 256;

    /// <summary>Isolation forest: random seed. <value>Default 42.</value></summary>
    public int Seed { get; init; } = RandomSeed.Default;

    /// <summary>The params.yaml name of a method.</summary>
    public static string NameOf(OutlierMethod method) => MethodNames[(int)method];

    /// <summary>Checks the values; throws <see cref="ArgumentException"/> naming the bad one.</summary>
    public void Validate()
    {
        if (Features.Count == 0)
        {
            throw new ConfigException("features.outliers.features must list at least one feature");
        }

        foreach (var name in Features)
        {
            if (FeatureCatalog.Find(name) is null)
            {
                throw new ConfigException($"features.outliers.features: unknown feature '{name}'; allowed: {string.Join(", ", FeatureCatalog.Names)}");
            }
        }

        if (!(IqrMultiplier > 0) || !(ZScoreThreshold > 0) || !(Contamination is > 0 and < 0.5) || Trees < 1 || SampleSize < 2)
        {
            throw new ConfigException("features.outliers: iqr_multiplier and zscore_threshold must be > 0, contamination in (0, 0.5), trees >= 1, sample_size >= 2");
        }
    }

    /// <summary>Reads the <c>features.outliers:</c> section.</summary>
    public static OutlierOptions Bind(ConfigMapping section)
    {
        ArgumentNullException.ThrowIfNull(section);
        section.RejectUnknownKeys([.. Keys]);
        var d = new OutlierOptions();
        var features = section.GetSequence("features");
        if (features is not null)
        {
            foreach (var item in features.Scalars())
            {
                _ = item.AsChoice(FeatureCatalog.Names.ToArray());
            }

            if (features.Items.Count == 0)
            {
                throw features.Error("expected at least one feature");
            }
        }

        var method = section.GetChoice("method", NameOf(d.Method), MethodNames.ToArray());
        var options = new OutlierOptions
        {
            Method = (OutlierMethod)MethodNames.ToList().IndexOf(method),
            Features = features?.Scalars().Select(s => s.Text).ToArray() ?? d.Features,
            IqrMultiplier = section.GetDouble("iqr_multiplier", d.IqrMultiplier, 1e-9),
            ZScoreThreshold = section.GetDouble("zscore_threshold", d.ZScoreThreshold, 1e-9),
            Contamination = section.GetDouble("contamination", d.Contamination, 1e-9, 0.4999),
            Trees = section.GetInt("trees", d.Trees, 1, 100_000),
            SampleSize = section.GetInt("sample_size", d.SampleSize, 2, 1_000_000),
            Seed = section.GetInt("seed", d.Seed),
        };
        options.Validate();
        return options;
    }
}
