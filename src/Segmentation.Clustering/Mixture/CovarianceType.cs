using System.Text.Json.Serialization;

namespace Segmentation.Clustering.Mixture;

/// <summary>Shape of the component covariances (scikit-learn's covariance_type).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CovarianceType>))]
public enum CovarianceType
{
    /// <summary>Each component has its own general covariance matrix.</summary>
    Full,

    /// <summary>All components share one general covariance matrix.</summary>
    Tied,

    /// <summary>Each component has its own diagonal covariance matrix.</summary>
    Diag,

    /// <summary>Each component has its own single variance.</summary>
    Spherical,
}
