namespace Segmentation.Runner.Execution;

/// <summary>The phases of a sweep that <see cref="SweepPhases"/> times, in the order a sweep goes through them.</summary>
public enum SweepPhase
{
    /// <summary>Reading, cleaning and aggregating the transactions into the feature table (or reading the stored version).</summary>
    Load,

    /// <summary>Fitting each (scaler, reduction) once and transforming the table.</summary>
    Preprocessing,

    /// <summary>The clustering fits (what <c>fit_seconds</c> measures per trial).</summary>
    Fits,

    /// <summary>Silhouette, Davies-Bouldin, Calinski-Harabasz, inertia and the segment-quality metrics of each trial.</summary>
    Metrics,

    /// <summary>The bootstrap refits of the top trials (<c>stability:</c>).</summary>
    Stability,

    /// <summary>Tracking calls: runs, params, metrics, tags, dataset inputs, status; the parent run's start and membership reads.</summary>
    Logging,

    /// <summary>Each trial's model folder: profiles, segments, products, the MLmodel and their upload.</summary>
    Artifacts,

    /// <summary>Ranking, the parent run's curves, leaderboard and note, the report artifacts and the optional export.</summary>
    Report,
}
