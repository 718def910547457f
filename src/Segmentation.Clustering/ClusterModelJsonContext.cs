using System.Text.Json.Serialization;
using Segmentation.Clustering.Density;
using Segmentation.Clustering.Hierarchical;
using Segmentation.Clustering.KMeans;
using Segmentation.Clustering.Mixture;
using Segmentation.Clustering.Pipeline;
using Segmentation.Clustering.Scaling;

namespace Segmentation.Clustering;

/// <summary>
/// Source-generated JSON metadata of fitted pipelines and every registered model kind, the resolver behind
/// <see cref="ClusterModelJson.Options"/>. By reflection, the first trials built the metadata and JIT-compiled accessors
/// for every pipeline, scaler and model type at run time, on the sweep's critical path.
/// </summary>
/// <remarks>
/// Every type with <see cref="ClusterModelKindAttribute"/> must be listed here: the <c>"kind"</c> polymorphism resolves each
/// derived type through this context (a test checks every registered kind against it).
/// </remarks>
[JsonSerializable(typeof(FittedPipeline))]
[JsonSerializable(typeof(FittedScaler))]
[JsonSerializable(typeof(IClusterModel))]
[JsonSerializable(typeof(KMeansModel))]
[JsonSerializable(typeof(GaussianMixtureModel))]
[JsonSerializable(typeof(AgglomerativeModel))]
[JsonSerializable(typeof(DbscanModel))]
internal sealed partial class ClusterModelJsonContext : JsonSerializerContext;
