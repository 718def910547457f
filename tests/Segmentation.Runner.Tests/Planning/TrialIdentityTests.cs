using System.Globalization;
using Segmentation.Clustering.Scaling;
using Segmentation.Core.Json;
using Segmentation.Data.Configuration;
using Segmentation.Runner.Algorithms;
using Segmentation.Runner.Configuration;
using Segmentation.Runner.Planning;
using Segmentation.Runner.SingleFit;

namespace Segmentation.Runner.Tests.Planning;

/// <summary>
/// Pins what identifies a trial in users' MLflow stores — run name, seed, trial hash and the ordered params — for every
/// algorithm and every value of its settings. Resume matches on the hash, so any change here orphans existing runs.
/// </summary>
public sealed class TrialIdentityTests
{
    private const string EveryAlgorithm = """
        seed: 17
        search:
          scalers: [standard]
          reduction: [none, {pca: {components: 2}}]
          algorithms:
            kmeans: {k: [2, 7], n_init: [10, 3], algorithm: [lloyd, elkan]}
            gmm: {k: 3, covariance: [full, diag, spherical, tied]}
            agglomerative: {k: 4, linkage: [ward, complete, average, single]}
            dbscan: {eps: [0.5, 0.001, 2.5, 1e-7], min_samples: [5, 3]}
        """;

    // Each line: run name, seed, the first 16 hex digits of the trial hash, and of the SHA-256 of the ordered "key=value" params.
    private const string Expected = """
        kmeans-k2-standard 2034024743 c775cb2ddfa2425d 5d4a3db497c885c1
        kmeans-k7-standard 462493155 99cd7e6a0a4ef7ec 0a746baf37ce1863
        kmeans-k2-n3-standard 398119384 910ed2abb39ac226 f32f818760057698
        kmeans-k7-n3-standard 1024421024 c30c27acb9312ffc 43a7d340ff724c9e
        kmeans-k2-elkan-standard 1090967327 0ab664250e5deccd 84ae113bbdcaa57a
        kmeans-k7-elkan-standard 1323776373 e9a16d02c49108d9 d808808c2e824f80
        kmeans-k2-elkan-n3-standard 970128701 ea22dd12f9bac574 6264a6c726cf6f47
        kmeans-k7-elkan-n3-standard 927862391 4d451d9575e4a5cb 020d430966b11873
        gmm-k3-full-standard 1218039966 f490573b9c47d3a2 f0e87c6365cbd4ac
        gmm-k3-diag-standard 1230225254 dcfebdc1300fa9b0 8328572a4e39a191
        gmm-k3-spherical-standard 711742583 e888991f7ae2dec0 c03d8d8ba9c5a6a9
        gmm-k3-tied-standard 1325175491 3b2ac1d2d32b208a fffcf46329b71412
        agglomerative-k4-ward-standard 1485200471 13611cb4723f0ace 15e20ee04fecc02c
        agglomerative-k4-complete-standard 567295167 01d7a8736c546522 bc6fab6402f43ae5
        agglomerative-k4-average-standard 975378033 a96d27a11ba66f94 4ea4ccd61e6cf73f
        agglomerative-k4-single-standard 1467395337 dbca3ee3eb60fe63 10d52bd6de04a797
        dbscan-eps0.5-min5-standard 129789286 54b5d860f35dc3c3 294a35244a6f3afa
        dbscan-eps0.001-min5-standard 868586352 83175860d867d4e5 e721ba9a196b33f2
        dbscan-eps2.5-min5-standard 135363486 7ede186e9027087f f179f659db665b5f
        dbscan-eps1E-07-min5-standard 1068910649 3807ffe21b200744 77ec49f412b007a6
        dbscan-eps0.5-min3-standard 2093364656 b56798f381105b39 40037585add263f7
        dbscan-eps0.001-min3-standard 1199514225 149a5a27100d09ea 70af7aa7bc956952
        dbscan-eps2.5-min3-standard 28155799 792c085d477a2c10 9ba874bc615b1488
        dbscan-eps1E-07-min3-standard 1142083070 75791ae10c6bdff3 7cc177063bbd60b5
        kmeans-k2-standard-pca2 729865257 5be751160cf62162 25103128d621e7f8
        kmeans-k7-standard-pca2 887782942 1470922455d60ef8 fc55d78ef61160cc
        kmeans-k2-n3-standard-pca2 637268377 573298a404fb6da1 70ae0edf7caffdb3
        kmeans-k7-n3-standard-pca2 731176741 07c032f74ee465ff f4ef82d3c82d5d5b
        kmeans-k2-elkan-standard-pca2 1032297141 499801ce58365a4f 65cb921747b3b209
        kmeans-k7-elkan-standard-pca2 1094915990 c8652832754a5c95 6878d45c3fa3d24d
        kmeans-k2-elkan-n3-standard-pca2 98241345 3cd47959fafd9fb9 9056065c7a281073
        kmeans-k7-elkan-n3-standard-pca2 1208091159 a1ec0248b23f8713 05528e51a20e59c7
        gmm-k3-full-standard-pca2 1253745938 e01aa74bf4e6c33f 54b37fa85f9e3dba
        gmm-k3-diag-standard-pca2 882965385 7ba8998ef63f7d06 f51de2c371c62852
        gmm-k3-spherical-standard-pca2 1076887187 e9f66640702d27cb 44b9d1c477ad3d48
        gmm-k3-tied-standard-pca2 233454044 44106ca214c456e3 b90901786d989b45
        agglomerative-k4-ward-standard-pca2 1337620818 33400ad9574db8f1 a4d76e1de6ce3064
        agglomerative-k4-complete-standard-pca2 847641982 ab9e2575ce62bfa3 37c8b042179e7d6a
        agglomerative-k4-average-standard-pca2 1800953699 5c8bd82af115fa76 1940a27f212fbd80
        agglomerative-k4-single-standard-pca2 694198638 1ce210ae8aa0a668 5a7d9c974f11a13e
        dbscan-eps0.5-min5-standard-pca2 270387798 7fbd41c409d3606a 6202b5ace71b1ed5
        dbscan-eps0.001-min5-standard-pca2 2065327458 54a1ff959733125d 021002eb3f4e3435
        dbscan-eps2.5-min5-standard-pca2 296291348 7d779797f153ab51 19ac0d6b331c7ecb
        dbscan-eps1E-07-min5-standard-pca2 19524396 a8f1bdaab3b88895 8b947acc9a302ae5
        dbscan-eps0.5-min3-standard-pca2 419442909 c4308cc42a9a8e89 f0a0d8c7c0ad3164
        dbscan-eps0.001-min3-standard-pca2 1730902580 63ba2f2392ed26d1 f6677a69fdf2e5c6
        dbscan-eps2.5-min3-standard-pca2 690293270 0c23f06c709990e0 83cb31fb1a4d28ff
        dbscan-eps1E-07-min3-standard-pca2 140570097 6d828015fb373cf8 69f2cd0fcb7bcc33
        """;

    private const string ExpectedSingleFit = """
        kmeans-k5-log1p+standard 42 fba3c648d699c6d2 b7154e3616c773e5
        kmeans-k3-elkan-n4-robust-pcav0.9 7 11408019648f0188 c0092d5a9f3bae67
        gmm-k4-tied-standard 42 ecf5b433af0e220f 7e4e8b809244adf5
        agglomerative-k6-single-standard-pca2 42 b628f75fbcc497fa aa0f084a663a806b
        dbscan-eps0.25-min8-standard 42 15201e81870a0183 ad498d092f22282d
        """;

    private const string ExpectedFits = """
        kmeans-k3-standard 102102102102102102102102102102102102102102102102102102102102 calinski_harabasz=30515.381387 davies_bouldin=0.048391035403 inertia=0.167955078629 max_cluster_fraction=0.333333333333 min_cluster_fraction=0.333333333333 n_clusters=3 noise_fraction=0 silhouette=0.966124317018
        kmeans-k4-elkan-n2-robust 320120120120320320320320120120320120120120320120120120320320 calinski_harabasz=23746.7915322 davies_bouldin=0.487234291571 inertia=0.0245735205023 max_cluster_fraction=0.333333333333 min_cluster_fraction=0.15 n_clusters=4 noise_fraction=0 silhouette=0.777973865258
        gmm-k3-diag-standard 201201201201201201201201201201201201201201201201201201201201 aic=-586.138532717 bic=-544.251641473 calinski_harabasz=30515.381387 davies_bouldin=0.048391035403 inertia=0.167955078629 max_cluster_fraction=0.333333333333 min_cluster_fraction=0.333333333333 n_clusters=3 noise_fraction=0 silhouette=0.966124317018
        agglomerative-k3-average-standard 012012012012012012012012012012012012012012012012012012012012 calinski_harabasz=30515.381387 davies_bouldin=0.048391035403 inertia=0.167955078629 max_cluster_fraction=0.333333333333 min_cluster_fraction=0.333333333333 n_clusters=3 noise_fraction=0 silhouette=0.966124317018
        dbscan-eps0.4-min4-standard 012012012012012012012012012012012012012012012012012012012012 calinski_harabasz=30515.381387 davies_bouldin=0.048391035403 inertia=0.167955078629 max_cluster_fraction=0.333333333333 min_cluster_fraction=0.333333333333 n_clusters=3 noise_fraction=0 silhouette=0.966124317018
        """;

    [Fact]
    public void Plan_EveryAlgorithmAndSetting_RunNamesSeedsHashesAndParamOrderUnchanged()
    {
        var effective = ConfigDocument.Merge(SweepConfigLoader.Defaults(), ConfigDocument.Parse(EveryAlgorithm, "sweep.yaml"));
        var plan = SweepPlanner.Plan(SweepConfig.Bind(effective), "config-hash", "digest", ["recency", "frequency", "monetary"], "1.0.0");

        var actual = string.Join('\n', plan.Trials.Select(Line));

        Assert.Equal(Expected.ReplaceLineEndings("\n"), actual);
    }

    [Fact]
    public void BuildTrial_EachAlgorithmFromTheCommandLine_RunNameSeedHashAndParamOrderUnchanged()
    {
        var data = new SyntheticDataSource(30).Load(null!, "", CancellationToken.None);
        SingleFitRequest[] requests =
        [
            Request("kmeans", ScalerNames.Log1pStandard, ReductionChoice.None, 42, ("k", 5)),
            Request("kmeans", ScalerNames.Robust, new ReductionChoice(null, 0.9), 7, ("k", 3), ("n_init", 4), ("algorithm", "elkan")),
            Request("gmm", ScalerNames.Standard, ReductionChoice.None, 42, ("k", 4), ("covariance", "tied")),
            Request("agglomerative", ScalerNames.Standard, new ReductionChoice(2, null), 42, ("k", 6), ("linkage", "single")),
            Request("dbscan", ScalerNames.Standard, ReductionChoice.None, 42, ("eps", 0.25), ("min_samples", 8)),
        ];

        var actual = string.Join('\n', requests.Select(r => Line(SingleFitRunner.BuildTrial(data, r))));

        Assert.Equal(ExpectedSingleFit.ReplaceLineEndings("\n"), actual);
    }

    [Fact]
    public void Fit_EachAlgorithm_SameLabelsAndMetrics()
    {
        var data = new SyntheticDataSource(60).Load(null!, "", CancellationToken.None);
        SingleFitRequest[] requests =
        [
            Request("kmeans", ScalerNames.Standard, ReductionChoice.None, 42, ("k", 3)),
            Request("kmeans", ScalerNames.Robust, ReductionChoice.None, 7, ("k", 4), ("n_init", 2), ("algorithm", "elkan")),
            Request("gmm", ScalerNames.Standard, ReductionChoice.None, 42, ("k", 3), ("covariance", "diag")),
            Request("agglomerative", ScalerNames.Standard, ReductionChoice.None, 42, ("k", 3), ("linkage", "average")),
            Request("dbscan", ScalerNames.Standard, ReductionChoice.None, 42, ("eps", 0.4), ("min_samples", 4)),
        ];

        var actual = string.Join('\n', requests.Select(r => FitLine(SingleFitRunner.Fit(data, r))));

        Assert.Equal(ExpectedFits.ReplaceLineEndings("\n"), actual);
    }

    // Labels and every deterministic metric (fit_seconds is wall time) to 12 digits, so a CPU with other SIMD widths agrees.
    private static string FitLine(SingleFitResult result)
    {
        // Metrics added after this pin (issue 12's revenue share) are tested on their own; the pin proves the old ones did not move.
        var metrics = result.Metrics.Where(m => m.Key is not MetricNames.FitSeconds and not MetricNames.LargestSegmentRevenueShare).OrderBy(m => m.Key, StringComparer.Ordinal)
            .Select(m => m.Key + "=" + m.Value.ToString("G12", CultureInfo.InvariantCulture));
        return result.Trial.RunName + " " + string.Concat(result.Labels.Select(l => l < 0 ? "n" : l.ToString(CultureInfo.InvariantCulture)))
            + " " + string.Join(' ', metrics);
    }

    private static SingleFitRequest Request(string algorithm, string scaler, ReductionChoice reduction, int seed, params (string Name, object Value)[] values) =>
        SingleFitRequest.Create(algorithm, new ParameterValues(values.Select(v => new KeyValuePair<string, object>(v.Name, v.Value))), scaler, reduction, seed);

    private static string Line(Trial trial)
    {
        var ordered = CanonicalJson.Sha256Hex(string.Join('\n', trial.Params.Select(p => p.Key + "=" + p.Value)));
        return string.Create(CultureInfo.InvariantCulture, $"{trial.RunName} {trial.Seed} {trial.Hash[..16]} {ordered[..16]}");
    }
}
