using Segmentation.Data.Configuration;

namespace Segmentation.Runner.Configuration;

/// <summary>
/// Products per segment (<c>products: {min_support: 10, top: 20}</c>): each trial's model folder lists, per segment, the
/// <see cref="Top"/> products by lift that at least <see cref="MinSupport"/> of the segment's customers bought.
/// </summary>
/// <param name="MinSupport">Least segment customers with the product, 1–1,000,000.</param>
/// <param name="Top">Products kept per segment, 1–10,000.</param>
public sealed record ProductsConfig(int MinSupport = ProductsConfig.DefaultMinSupport, int Top = ProductsConfig.DefaultTop)
{
    /// <summary>Support threshold when the key is absent.</summary>
    public const int DefaultMinSupport = 10;

    /// <summary>Products per segment when the key is absent.</summary>
    public const int DefaultTop = 20;

    /// <summary>The defaults, for a config without the section.</summary>
    public static ProductsConfig Default { get; } = new();

    /// <summary>Binds <c>products:</c>; a bad key or value fails with file, line and key path.</summary>
    public static ProductsConfig Bind(ConfigMapping section)
    {
        ArgumentNullException.ThrowIfNull(section);
        section.RejectUnknownKeys("min_support", "top");
        return new ProductsConfig(section.GetInt("min_support", DefaultMinSupport, 1, 1_000_000), section.GetInt("top", DefaultTop, 1, 10_000));
    }
}
