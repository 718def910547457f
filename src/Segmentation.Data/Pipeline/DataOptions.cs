using Segmentation.Data.Cleaning;
using Segmentation.Data.Configuration;
using Segmentation.Data.Features;
using Segmentation.Data.Ingestion;

namespace Segmentation.Data.Pipeline;

/// <summary>Everything the transactions → features pipeline reads from params.yaml: <c>data</c>, <c>cleaning</c>, <c>features</c>.</summary>
public sealed record DataOptions
{
    /// <summary>Ingestion (<c>data:</c>).</summary>
    public IngestionOptions Ingestion { get; init; } = new();

    /// <summary>Cleaning rules (<c>cleaning:</c>).</summary>
    public CleaningOptions Cleaning { get; init; } = new();

    /// <summary>Feature set and outlier policy (<c>features:</c>).</summary>
    public FeatureOptions Features { get; init; } = new();

    /// <summary>Checks every section; throws <see cref="ArgumentException"/> naming the bad key.</summary>
    public void Validate()
    {
        Ingestion.Validate();
        Cleaning.Validate();
        Features.Validate();
    }

    /// <summary>
    /// Binds the <c>data</c>, <c>cleaning</c> and <c>features</c> sections of a merged configuration (params.yaml with
    /// any sweep config over it). Other top-level sections belong to other components and are left alone; inside these
    /// sections a misspelt key fails with file:line:col, key path and the allowed keys.
    /// </summary>
    public static DataOptions Bind(ConfigMapping root)
    {
        ArgumentNullException.ThrowIfNull(root);
        return new DataOptions
        {
            Ingestion = IngestionOptions.Bind(root.GetMapping("data")),
            Cleaning = CleaningOptions.Bind(root.GetMapping("cleaning")),
            Features = FeatureOptions.Bind(root.GetMapping("features")),
        };
    }
}
