using System.Globalization;
using Segmentation.Clustering.Decomposition;
using Segmentation.Data.Configuration;

namespace Segmentation.Runner.Configuration;

/// <summary>One dimension-reduction choice: none, PCA to n components, or PCA to a share of explained variance.</summary>
/// <param name="Components">PCA component count, or null.</param>
/// <param name="Variance">PCA explained-variance threshold in (0, 1), or null.</param>
public sealed record ReductionChoice(int? Components, double? Variance)
{
    /// <summary>No reduction.</summary>
    public static ReductionChoice None { get; } = new(null, null);

    /// <summary>True when PCA is applied.</summary>
    public bool IsPca => Components is not null || Variance is not null;

    /// <summary>The clustering layer's spec for this choice.</summary>
    public ReductionSpec ToSpec() => new(Components, Variance);

    /// <summary>A short label for run names: <c>pca3</c>, <c>pcav0.9</c>, or empty for none.</summary>
    public string Label => (Components, Variance) switch
    {
        ({ } c, _) => string.Create(CultureInfo.InvariantCulture, $"pca{c}"),
        (_, { } v) => string.Create(CultureInfo.InvariantCulture, $"pcav{v}"),
        _ => string.Empty,
    };

    /// <summary>The flat params this choice logs: <c>reduction</c> and <c>pca.components</c> or <c>pca.variance</c>.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Params() => (Components, Variance) switch
    {
        ({ } c, _) => [new("reduction", "pca"), new("pca.components", c.ToString(CultureInfo.InvariantCulture))],
        (_, { } v) => [new("reduction", "pca"), new("pca.variance", v.ToString("R", CultureInfo.InvariantCulture))],
        _ => [new("reduction", "none")],
    };

    /// <summary>
    /// Binds one list item: <c>none</c>, <c>{pca: {components: 3}}</c> or <c>{pca: {variance: 0.9}}</c>
    /// (<c>{pca: 3}</c> is short for components).
    /// </summary>
    public static ReductionChoice Bind(ConfigValue item, int maxComponents)
    {
        ArgumentNullException.ThrowIfNull(item);
        const string Expected = "expected none, {pca: {components: N}} or {pca: {variance: 0.x}}";
        switch (item)
        {
            case ConfigScalar scalar:
                scalar.AsChoice(["none"]);
                return None;
            case ConfigMapping mapping:
                mapping.RejectUnknownKeys("pca");
                switch (mapping.Get("pca"))
                {
                    case ConfigScalar count:
                        return new ReductionChoice(count.AsInt(1, maxComponents), null);
                    case ConfigMapping pca:
                        pca.RejectUnknownKeys("components", "variance");
                        var components = pca.GetScalar("components");
                        var variance = pca.GetScalar("variance");
                        if ((components is null) == (variance is null))
                        {
                            throw new ConfigException("give exactly one of 'components' or 'variance'", pca.Source, pca.Line, pca.Column, pca.Path);
                        }

                        if (variance is not null)
                        {
                            var v = variance.AsDouble(0, 1);
                            if (v is <= 0 or >= 1)
                            {
                                throw variance.Error(string.Create(CultureInfo.InvariantCulture, $"expected a share of variance strictly between 0 and 1, found {v}"));
                            }

                            return new ReductionChoice(null, v);
                        }

                        return new ReductionChoice(components!.AsInt(1, maxComponents), null);
                    default:
                        throw mapping.Error(Expected);
                }

            default:
                throw item.Error(Expected + ", found " + item.KindName);
        }
    }
}
