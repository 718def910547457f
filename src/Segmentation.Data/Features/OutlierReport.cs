namespace Segmentation.Data.Features;

/// <summary>What the outlier policy removed.</summary>
/// <param name="Method">The method applied.</param>
/// <param name="Features">The features screened (empty for none).</param>
/// <param name="RemovedCustomerIds">The customers removed, ascending.</param>
/// <param name="Details">One line per screened feature (fences or thresholds) or on the score cut-off.</param>
public sealed record OutlierReport(OutlierMethod Method, IReadOnlyList<string> Features, IReadOnlyList<long> RemovedCustomerIds, IReadOnlyList<string> Details)
{
    /// <summary>Number of customers removed.</summary>
    public int Removed => RemovedCustomerIds.Count;

    /// <summary>The report of the <see cref="OutlierMethod.None"/> policy.</summary>
    public static OutlierReport NoneApplied { get; } = new(OutlierMethod.None, [], [], []);
}
