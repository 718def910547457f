namespace Segmentation.Clustering.Scaling;

/// <summary>The elementwise function a column scaler applies before its affine step.</summary>
public enum ColumnTransform
{
    /// <summary>f(x) = x.</summary>
    Identity,

    /// <summary>f(x) = log(1 + x), x ≥ 0.</summary>
    Log1p,

    /// <summary>Yeo-Johnson power transform with the fitted lambda.</summary>
    YeoJohnson,
}
