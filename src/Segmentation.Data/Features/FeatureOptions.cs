using System.Globalization;
using Segmentation.Data.Configuration;

namespace Segmentation.Data.Features;

/// <summary>The customer feature set of params.yaml <c>features:</c>.</summary>
public sealed record FeatureOptions
{
    /// <summary>The params.yaml keys of this section.</summary>
    public static IReadOnlyList<string> Keys { get; } = ["reference_date", "include", "home_country", "outliers"];

    /// <summary>Reference date for recency and tenure; null means the day after the latest cleaned transaction.</summary>
    public DateOnly? ReferenceDate { get; init; }

    /// <summary>The feature columns of the table, in this order. <value>Default: every catalogue feature.</value></summary>
    public IReadOnlyList<string> Include { get; init; } = FeatureCatalog.Names;

    /// <summary>The country <c>is_uk</c> compares the main country with. <value>Default United Kingdom.</value></summary>
    public string HomeCountry { get; init; } = "United Kingdom";

    /// <summary>Outlier policy.</summary>
    public OutlierOptions Outliers { get; init; } = new();

    /// <summary>Checks the values; throws <see cref="ArgumentException"/> naming the bad one.</summary>
    public void Validate()
    {
        if (Include.Count == 0)
        {
            throw new ConfigException("features.include must list at least one feature");
        }

        foreach (var name in Include)
        {
            if (FeatureCatalog.Find(name) is null)
            {
                throw new ConfigException($"features.include: unknown feature '{name}'; allowed: {string.Join(", ", FeatureCatalog.Names)}");
            }
        }

        if (Include.Distinct(StringComparer.Ordinal).Count() != Include.Count)
        {
            throw new ConfigException("features.include lists a feature twice");
        }

        if (string.IsNullOrEmpty(HomeCountry))
        {
            throw new ConfigException("features.home_country must not be empty");
        }

        Outliers.Validate();
    }

    /// <summary>Reads the <c>features:</c> section; unknown keys and bad values fail with file, line and key path.</summary>
    public static FeatureOptions Bind(ConfigMapping section)
    {
        ArgumentNullException.ThrowIfNull(section);
        section.RejectUnknownKeys([.. Keys]);
        var d = new FeatureOptions();
        DateOnly? reference = null;
        var referenceScalar = section.GetScalar("reference_date");
        if (referenceScalar is not null && referenceScalar.Text != "auto")
        {
            if (!DateOnly.TryParseExact(referenceScalar.Text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                throw referenceScalar.Error($"expected auto or a date such as 2011-12-10, found '{referenceScalar.Text}'");
            }

            reference = date;
        }

        var include = section.GetSequence("include");
        if (include is not null)
        {
            if (include.Items.Count == 0)
            {
                throw include.Error("expected at least one feature");
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in include.Scalars())
            {
                _ = item.AsChoice(FeatureCatalog.Names.ToArray());
                if (!seen.Add(item.Text))
                {
                    throw item.Error($"feature '{item.Text}' is listed twice");
                }
            }
        }

        var home = section.GetScalar("home_country");
        if (home is not null && home.Text.Length == 0)
        {
            throw home.Error("expected a country name");
        }

        var options = new FeatureOptions
        {
            ReferenceDate = reference,
            Include = include?.Scalars().Select(s => s.Text).ToArray() ?? d.Include,
            HomeCountry = home?.Text ?? d.HomeCountry,
            Outliers = OutlierOptions.Bind(section.GetMapping("outliers")),
        };
        options.Validate();
        return options;
    }
}
