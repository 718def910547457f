using System.Numerics.Tensors;
using Segmentation.Clustering;
using Segmentation.Clustering.Density;
using Segmentation.Clustering.Hierarchical;
using Segmentation.Clustering.KMeans;
using Segmentation.Clustering.Mixture;
using Segmentation.Clustering.Pipeline;

namespace Segmentation.Serving.Scoring;

/// <summary>Runs the fitted pipeline on raw feature rows and scores each assignment the way its algorithm can.</summary>
public static class SegmentScorer
{
    /// <summary>The score kind of a model.</summary>
    public static ScoreKind KindOf(IClusterModel model) => model switch
    {
        GaussianMixtureModel => ScoreKind.Probability,
        DbscanModel => ScoreKind.Noise,
        _ => ScoreKind.Distance,
    };

    /// <summary>Scales, reduces and predicts <paramref name="raw"/> (columns in the pipeline's feature order).</summary>
    public static SegmentScores Score(FittedPipeline pipeline, Matrix raw)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(raw);
        var transformed = pipeline.Preprocessor.Transform(raw, pipeline.FeatureNames);
        var model = pipeline.Model;
        var segments = model.Predict(transformed);
        var scores = new double[segments.Length];
        switch (model)
        {
            case GaussianMixtureModel gmm:
                var probabilities = gmm.PredictProbabilities(transformed);
                for (var i = 0; i < segments.Length; i++)
                {
                    scores[i] = probabilities[i, segments[i]];
                }

                break;
            case DbscanModel:
                for (var i = 0; i < segments.Length; i++)
                {
                    scores[i] = segments[i] < 0 ? 1 : 0;
                }

                break;
            default:
                var centres = Centres(model);
                for (var i = 0; i < segments.Length; i++)
                {
                    scores[i] = centres is null ? double.NaN : TensorPrimitives.Distance(transformed.RowReadOnly(i), centres.RowReadOnly(segments[i]));
                }

                break;
        }

        return new SegmentScores(KindOf(model), segments, scores);
    }

    private static Matrix? Centres(IClusterModel model) => model switch
    {
        KMeansModel kmeans => kmeans.Centers,
        AgglomerativeModel agglomerative => agglomerative.Centroids,
        _ => null,
    };
}
