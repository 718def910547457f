using System.Globalization;
using Segmentation.Data.Configuration;

namespace Segmentation.Runner.Configuration;

/// <summary>DBSCAN ranges: the neighbourhood radius eps and min_samples; the cluster count is found, not given.</summary>
public sealed record DbscanSpace(IReadOnlyList<double> Eps, IReadOnlyList<int> MinSamples) : AlgorithmSpace
{
    /// <summary>The config and param name.</summary>
    public const string Name = "dbscan";

    /// <inheritdoc/>
    public override string Algorithm => Name;

    /// <inheritdoc/>
    public override IReadOnlyList<AlgorithmVariant> Expand() =>
        (from minSamples in MinSamples
         from eps in Eps
         select new AlgorithmVariant(Name, null, [
             new("dbscan.eps", eps.ToString("R", CultureInfo.InvariantCulture)),
             new("dbscan.min_samples", minSamples.ToString(CultureInfo.InvariantCulture))])).ToList();

    /// <summary>Binds <c>dbscan: {eps, min_samples}</c>; eps is required, min_samples defaults to 5.</summary>
    public static DbscanSpace Bind(ConfigMapping section)
    {
        section.RejectUnknownKeys("eps", "min_samples");
        var eps = ConfigReads.DoubleChoices(section, "eps", 0, double.MaxValue, null);
        if (eps.Contains(0.0))
        {
            throw section.GetSequence("eps")!.Error("eps must be greater than 0");
        }

        return new DbscanSpace(eps, ConfigReads.IntChoices(section, "min_samples", 1, 100_000, [5]));
    }
}
