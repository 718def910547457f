namespace Segmentation.Data.Features;

/// <summary>How customers are screened as outliers after the features are built (<c>features.outliers.method</c>).</summary>
public enum OutlierMethod
{
    /// <summary>Keep every customer (default).</summary>
    None,

    /// <summary>Drop a customer outside [Q1 − m·IQR, Q3 + m·IQR] on any screened feature.</summary>
    Iqr,

    /// <summary>Drop a customer whose |z-score| exceeds the threshold on any screened feature.</summary>
    ZScore,

    /// <summary>Drop the most anomalous fraction by isolation forest score (Liu, Ting and Zhou 2008), seeded.</summary>
    IsolationForest,
}
