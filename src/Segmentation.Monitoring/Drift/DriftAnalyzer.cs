using Segmentation.Clustering;
using Segmentation.Clustering.Metrics;
using Segmentation.Clustering.Stability;
using Segmentation.Core.Errors;
using Segmentation.Data.Features;
using Segmentation.Data.Ingestion;
using Segmentation.Monitoring.Configuration;
using Segmentation.Monitoring.Statistics;
using Segmentation.Runner.Data;
using Segmentation.Runner.SingleFit;
using Segmentation.Serving.Models;
using Segmentation.Serving.Scoring;

namespace Segmentation.Monitoring.Drift;

/// <summary>
/// Compares a new batch with the model's training dataset: per-feature PSI and KS, segment shares (PSI and chi-square)
/// with profiles side by side, and model decay (silhouette now, ARI against a refit). Pure: no files, no tracking.
/// </summary>
public static class DriftAnalyzer
{
    /// <summary>Above this many customers the current silhouette is computed on a seeded sample of this size (it is O(n²)).</summary>
    public const int SilhouetteSampleLimit = 10_000;

    /// <summary>Seed of the silhouette sample (only used above <see cref="SilhouetteSampleLimit"/>).</summary>
    public const int SilhouetteSampleSeed = 42;

    /// <summary>Runs every comparison.</summary>
    /// <param name="model">The loaded model; its pipeline scores both sides.</param>
    /// <param name="reference">The training dataset version's customer table.</param>
    /// <param name="referenceSide">Its identity.</param>
    /// <param name="current">The new batch, built with the model's own ingestion, cleaning and feature params.</param>
    /// <param name="currentSide">Its identity.</param>
    /// <param name="thresholds">PSI thresholds.</param>
    /// <param name="trainingSilhouette">The model run's silhouette, when logged.</param>
    /// <param name="refit">The model's configuration to refit on the new customers, or null when it cannot be rebuilt.</param>
    /// <param name="clock">Stamps the scorings.</param>
    /// <exception cref="DataFormatException">A side has no customer with a finite value of a model feature.</exception>
    public static DriftReport Analyze(
        LoadedModel model,
        CustomerFeatureTable reference,
        DatasetSide referenceSide,
        CustomerBatch current,
        DatasetSide currentSide,
        MonitoringConfig thresholds,
        double? trainingSilhouette,
        RefitPlan refit,
        TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(thresholds);
        ArgumentNullException.ThrowIfNull(refit);
        var features = model.FeatureNames.Select(name => Feature(name, reference, referenceSide, current, thresholds)).ToList();

        var referenceBatch = new CustomerBatch(referenceSide.Source, true, reference, [], referenceSide.ReferenceDate, 0, 0);
        var trained = Predictor.Score(model, referenceBatch, clock);
        var scored = Predictor.Score(model, current, clock);
        var segments = Segments(trained, scored, thresholds);
        var decay = Decay(model, scored, trainingSilhouette, refit, currentSide);
        return new DriftReport(model.ModelName, model.ModelVersion, model.RunId, referenceSide, currentSide, thresholds, features, segments, decay);
    }

    private static FeatureDrift Feature(string name, CustomerFeatureTable reference, DatasetSide referenceSide, CustomerBatch current, MonitoringConfig thresholds)
    {
        var (referenceSummary, referenceValues) = SampleSummary.Of(Column(reference, name, referenceSide.Source));
        var (currentSummary, currentValues) = SampleSummary.Of(Column(current.Features, name, current.InputPath));
        if (referenceValues.Length == 0 || currentValues.Length == 0)
        {
            throw new DataFormatException(
                $"feature '{name}' has no finite value in the {(referenceValues.Length == 0 ? "training dataset" : "new batch")}, so its drift cannot be measured",
                referenceValues.Length == 0 ? referenceSide.Source : current.InputPath);
        }

        var psi = PopulationStability.Compute(referenceValues, currentValues);
        var ks = KolmogorovSmirnov.TwoSample(referenceValues, currentValues);
        return new FeatureDrift(name, psi, ks, referenceSummary, currentSummary, thresholds.Classify(psi.Value));
    }

    private static double[] Column(CustomerFeatureTable table, string name, string source) =>
        table.FeatureNames.Contains(name, StringComparer.Ordinal)
            ? table.Column(name)
            : throw new DataFormatException($"the table has no column '{name}', a feature of the model (it has {string.Join(", ", table.FeatureNames)})", source);

    private static SegmentDrift Segments(ScoringResult trained, ScoringResult scored, MonitoringConfig thresholds)
    {
        if (trained.Count == 0 || scored.Count == 0)
        {
            throw new DataFormatException($"no customer of the {(trained.Count == 0 ? "training dataset" : "new batch")} could be scored", trained.Count == 0 ? trained.Batch.InputPath : scored.Batch.InputPath);
        }

        var profileFeatures = ProfileFeatures(trained, scored);
        var trainingProfiles = SegmentProfiles.Of(trained).ToDictionary(p => p.Segment);
        var currentProfiles = SegmentProfiles.Of(scored).ToDictionary(p => p.Segment);
        var ids = trainingProfiles.Keys.Union(currentProfiles.Keys).Order().ToList();
        var shares = ids.Select(id =>
        {
            var t = trainingProfiles.GetValueOrDefault(id);
            var c = currentProfiles.GetValueOrDefault(id);
            return new SegmentShare(
                id,
                SegmentNames.For(id, trained.Model.Folder),
                t?.Size ?? 0,
                t?.Share ?? 0,
                c?.Size ?? 0,
                c?.Share ?? 0,
                Profile(t, profileFeatures),
                Profile(c, profileFeatures));
        }).ToList();
        var psi = PopulationStability.Index([.. shares.Select(s => s.TrainingShare)], [.. shares.Select(s => s.CurrentShare)]);
        // A segment no training customer fell in still needs a positive expectation; the PSI floor is that expectation.
        var chi = shares.Count < 2
            ? new ChiSquareResult(0, 0, 1.0)
            : ChiSquare.GoodnessOfFit([.. shares.Select(s => (long)s.CurrentCount)], [.. shares.Select(s => Math.Max(s.TrainingShare, PopulationStability.ShareFloor))]);
        return new SegmentDrift(psi, chi, thresholds.Classify(psi), shares, profileFeatures);
    }

    // The model's features and the three RFM figures people read a segment by, when both sides have them.
    private static List<string> ProfileFeatures(ScoringResult trained, ScoringResult scored)
    {
        string[] wanted = [.. trained.Model.FeatureNames, FeatureCatalog.RecencyDays, FeatureCatalog.Frequency, FeatureCatalog.Monetary];
        return [.. trained.Customers.FeatureNames.Where(f => wanted.Contains(f, StringComparer.Ordinal) && scored.Customers.FeatureNames.Contains(f, StringComparer.Ordinal))];
    }

    private static Dictionary<string, double> Profile(Serving.Scoring.SegmentProfile? profile, IReadOnlyList<string> features) =>
        profile is null ? [] : features.ToDictionary(f => f, f => profile.FeatureMeans[f], StringComparer.Ordinal);

    private static ModelDecay Decay(LoadedModel model, ScoringResult scored, double? trainingSilhouette, RefitPlan refit, DatasetSide currentSide)
    {
        var features = model.FeatureNames;
        var raw = new Matrix(scored.Customers.ToRowMajor(features), scored.Count, features.Count);
        var labels = scored.Scores.Segments;
        var notes = new List<string>();
        var silhouette = double.NaN;
        if (labels.Distinct().Count() is var distinct && distinct >= 2 && distinct < labels.Length)
        {
            var x = model.Pipeline.Preprocessor.Transform(raw, features);
            var options = labels.Length > SilhouetteSampleLimit ? new SilhouetteOptions(SilhouetteSampleLimit, SilhouetteSampleSeed) : SilhouetteOptions.Default;
            silhouette = Silhouette.Score(x, labels, options);
        }
        else
        {
            notes.Add("the model puts the new customers in fewer than two segments (or one each), so their silhouette is undefined");
        }

        var ari = double.NaN;
        if (refit.Request is { } request)
        {
            try
            {
                var data = new TrainingData([.. scored.Customers.CustomerIds], [.. features], raw, currentSide.Digest, currentSide.Source, currentSide.Name);
                var fit = SingleFitRunner.Fit(data, request);
                ari = AdjustedRandIndex.Score(labels, [.. fit.Labels]);
            }
            catch (UsageException ex)
            {
                notes.Add("no refit: " + ex.Message);
            }
        }
        else
        {
            notes.Add("no refit: " + refit.Reason);
        }

        return new ModelDecay(trainingSilhouette, silhouette, ari, refit.Request is null ? null : refit.Configuration, notes.Count == 0 ? null : string.Join("; ", notes));
    }
}
