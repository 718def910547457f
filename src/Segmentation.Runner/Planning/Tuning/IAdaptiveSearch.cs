
namespace Segmentation.Runner.Planning.Tuning;

/// <summary>A strategy that decides its trials while the sweep runs (tpe, halving), from the FINISHED runs in the tracking store.</summary>
public interface IAdaptiveSearch
{
    /// <summary>The most trials the search fits, for progress.</summary>
    int Budget { get; }

    /// <summary>Runs the search to its end; cancellation throws and a re-run continues from what finished.</summary>
    Task<SearchStop> RunAsync(SearchHooks hooks, CancellationToken cancellationToken);
}
