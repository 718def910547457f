using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Segmentation.Clustering;
using Segmentation.Clustering.Decomposition;
using Segmentation.Clustering.Density;
using Segmentation.Clustering.Hierarchical;
using Segmentation.Clustering.KMeans;
using Segmentation.Clustering.Mixture;
using Segmentation.Clustering.Pipeline;
using Segmentation.Clustering.Scaling;
using Segmentation.Runner.Recording;
using Segmentation.Tracking.Models;
using Xunit.Abstractions;

namespace Segmentation.Runner.Tests.Recording;

/// <summary>
/// The python_function loader a model folder carries (code/segmentation_pyfunc.py) predicts the same segment as the C# pipeline for
/// every customer of a 500-customer sample of the shipped data, for every algorithm, scalers including chains and power, with and without PCA.
/// </summary>
public sealed class PythonLoaderTests(ITestOutputHelper output) : IDisposable
{
    private static readonly string[] Features = ["recency_days", "frequency", "monetary", "tenure_days", "avg_order_value", "unique_products"];

    private static readonly ReductionSpec Pca3 = new(Components: 3);

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [PythonFact]
    public void Loader_KMeansOverScalersAndPca_LabelsEqualCSharpOnEveryCustomer()
    {
        (string Scaler, ReductionSpec Reduction)[] cases =
        [
            (ScalerNames.Log1pStandard, ReductionSpec.None), (ScalerNames.Log1pStandard, Pca3), (ScalerNames.Log1pRobust, ReductionSpec.None),
            (ScalerNames.Power, ReductionSpec.None), (ScalerNames.Log1pPower, Pca3), (ScalerNames.Standard, new ReductionSpec(VarianceThreshold: 0.9)),
            (ScalerNames.Robust, new ReductionSpec(Components: 2, Whiten: true)), (ScalerNames.MinMax, ReductionSpec.None),
            (ScalerNames.MaxAbs, ReductionSpec.None), (ScalerNames.None, ReductionSpec.None),
        ];
        foreach (var (scaler, reduction) in cases)
        {
            AssertLoaderMatches("kmeans", scaler, reduction, x => KMeans.Fit(x, new KMeansOptions { Clusters = 5, Seed = 7 }).Model);
        }
    }

    [PythonFact]
    public void Loader_GaussianMixtureEveryCovarianceType_LabelsEqualCSharpOnEveryCustomer()
    {
        foreach (var covariance in Enum.GetValues<CovarianceType>())
        {
            foreach (var (scaler, reduction) in new[] { (ScalerNames.Log1pStandard, ReductionSpec.None), (ScalerNames.Power, Pca3) })
            {
                AssertLoaderMatches($"gmm-{covariance}", scaler, reduction, x => GaussianMixture.Fit(x, new GaussianMixtureOptions { Components = 4, CovarianceType = covariance, Seed = 3 }).Model);
            }
        }
    }

    [PythonFact]
    public void Loader_AgglomerativeWithAndWithoutPca_LabelsEqualCSharpOnEveryCustomer()
    {
        foreach (var (scaler, reduction) in new[] { (ScalerNames.Log1pStandard, ReductionSpec.None), (ScalerNames.Log1pRobust, Pca3), (ScalerNames.Standard, new ReductionSpec(Components: 2)) })
        {
            int[] cut = [];
            var actual = AssertLoaderMatches("agglomerative", scaler, reduction, x => AgglomerativeModel.FromLabels(x, cut = AgglomerativeTree.Build(x, Linkage.Ward).Cut(5), Linkage.Ward));

            // The loader follows the model's nearest-training-point rule, so it reproduces the tree cut itself.
            Assert.Equal(cut, actual);
        }
    }

    [PythonFact]
    public void Loader_DbscanWithAndWithoutPca_LabelsIncludingNoiseEqualCSharpOnEveryCustomer()
    {
        foreach (var (scaler, reduction, eps) in new[] { (ScalerNames.Log1pStandard, ReductionSpec.None, 0.6), (ScalerNames.Log1pStandard, Pca3, 0.35) })
        {
            DbscanResult? fit = null;
            var actual = AssertLoaderMatches("dbscan", scaler, reduction, x => (fit = Dbscan.Fit(x, new DbscanOptions(eps, 5))).Model);

            // Fit's labels, border points reachable from two clusters included (the model keeps those with their fitted label).
            Assert.Equal(fit!.Labels, actual);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"dbscan {scaler} {reduction}: {fit.Model.BorderSamples.Rows} border points kept with their fitted label"));
        }
    }

    [PythonFact]
    public void LoadPyfunc_AsMlflowImportsIt_PredictsCustomersAsCSharp()
    {
        var (x, _) = ReadFixture();
        var pipeline = Fit(x, ScalerNames.Log1pRobust, ReductionSpec.None, m => KMeans.Fit(m, new KMeansOptions { Clusters = 4, Seed = 1 }).Model);
        var folder = WriteFolder(pipeline, x);
        var rows = Enumerable.Range(0, 40).Select(i => x.RowReadOnly(i * 7).ToArray()).ToArray();
        var example = Path.Combine(folder, "..", Path.GetFileName(folder) + "-rows.json");
        File.WriteAllText(example, JsonSerializer.Serialize(new { columns = Features, data = rows }));

        var labels = PredictThroughPyfunc(folder, example);

        Assert.Equal(pipeline.Predict(Matrix.FromRows(rows), Features), labels);
        Assert.True(labels.Distinct().Count() > 1, "the rows should fall in more than one segment");
    }

    [PythonFact]
    public void LoadPyfunc_AsMlflowImportsIt_PredictsTheInputExampleAsCSharp()
    {
        var (x, _) = ReadFixture();
        var pipeline = Fit(x, ScalerNames.Log1pRobust, ReductionSpec.None, m => KMeans.Fit(m, new KMeansOptions { Clusters = 4, Seed = 1 }).Model);
        var folder = WriteFolder(pipeline, x);
        using var example = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, ModelFolder.InputExampleFile)));
        var rows = example.RootElement.GetProperty("data").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();

        var labels = PredictThroughPyfunc(folder, Path.Combine(folder, ModelFolder.InputExampleFile));

        Assert.Equal(pipeline.Predict(Matrix.FromRows(rows), Features), labels);
        Assert.InRange(rows.Length, 2, 5);
    }

    [PythonFact]
    public void LoadPyfunc_FolderWrittenBeforeTheDocument_ReadsItsPipelineJson()
    {
        // Champions registered before segmentation.json have a bare pipeline.json as the flavor's data: the loader reads both.
        var (x, csv) = ReadFixture();
        var pipeline = Fit(x, ScalerNames.Standard, ReductionSpec.None, m => KMeans.Fit(m, new KMeansOptions { Clusters = 3, Seed = 1 }).Model);
        var folder = WriteFolder(pipeline, x);
        var old = Path.Combine(folder, "..", Path.GetFileName(folder) + "-old");
        Directory.CreateDirectory(old);
        File.WriteAllText(Path.Combine(old, ModelFolder.PipelineFile), pipeline.ToJson());
        var features = Path.Combine(old, "features.csv");
        File.WriteAllText(features, csv);

        var script = string.Join('\n',
            "import sys",
            "import pandas as pd",
            "sys.path.insert(0, sys.argv[1])",
            "import segmentation_pyfunc",
            "model = segmentation_pyfunc._load_pyfunc(sys.argv[2])",
            "frame = pd.read_csv(sys.argv[3], float_precision='round_trip')",
            "print('\\n'.join(str(v) for v in model.predict(frame)['segment']))");
        var labels = Labels(RunPython(["-c", script, Path.Combine(folder, ModelFolder.CodeDirectory), old, features]));

        Assert.Equal(pipeline.Predict(x, Features), labels);
    }

    [PythonFact]
    public void Loader_SimdSumOrder_MatchesTensorPrimitivesDistanceAndVectorDotBitForBit()
    {
        // Values spread over many magnitudes, so a different summation order changes the last bits of most sums.
        var random = new Random(11);
        var cases = Enumerable.Range(0, 400).Select(i =>
        {
            var length = 1 + (i % 7);
            double Draw() => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-3, 4));
            return (X: Enumerable.Range(0, length).Select(_ => Draw()).ToArray(), Y: Enumerable.Range(0, length).Select(_ => Draw()).ToArray());
        }).ToArray();
        var input = Path.Combine(_dir.Path, "simd.txt");
        File.WriteAllLines(input, cases.Select(c => string.Join(' ', c.X.Concat(c.Y).Select(v => v.ToString("R", CultureInfo.InvariantCulture)))));
        var folder = WriteFolder(Fit(ReadFixture().X, ScalerNames.Standard, ReductionSpec.None, m => KMeans.Fit(m, new KMeansOptions { Clusters = 2, Seed = 1 }).Model), ReadFixture().X);
        var script = string.Join('\n',
            "import sys",
            "sys.path.insert(0, sys.argv[1])",
            "from segmentation_pyfunc import _Agglomerative, _vector_sum",
            "for line in open(sys.argv[2]):",
            "    v = [float(t) for t in line.split()]",
            "    n = len(v) // 2",
            "    x, y = v[:n], v[n:]",
            "    dot = _vector_sum([a * a for a in x[:4]])",
            "    print(repr(float(_Agglomerative._distance(x, y))) + ' ' + repr(float(dot)))");

        var lines = RunPython(["-c", script, Path.Combine(folder, ModelFolder.CodeDirectory), input]);

        Assert.Equal(cases.Length, lines.Length);
        for (var i = 0; i < cases.Length; i++)
        {
            var (x, y) = cases[i];
            var padded = new double[System.Numerics.Vector<double>.Count];
            x.AsSpan(0, Math.Min(x.Length, padded.Length)).CopyTo(padded);
            var vector = new System.Numerics.Vector<double>(padded);
            double[] expected = [System.Numerics.Tensors.TensorPrimitives.Distance(x, y), System.Numerics.Vector.Dot(vector, vector)];
            var actual = lines[i].Split(' ').Select(v => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();
            Assert.True(expected.SequenceEqual(actual), $"case {i} (length {x.Length}): C# {expected[0]:R} {expected[1]:R}, python {lines[i]}");
        }
    }

    private int[] AssertLoaderMatches(string name, string scaler, ReductionSpec reduction, Func<Matrix, IClusterModel> fit)
    {
        var (x, csv) = ReadFixture();
        var pipeline = Fit(x, scaler, reduction, fit);
        var folder = WriteFolder(pipeline, x);
        var features = Path.Combine(folder, "..", Path.GetFileName(folder) + "-features.csv");
        File.WriteAllText(features, csv);

        var loader = Path.Combine(folder, ModelFolder.LoaderFile);
        var pipelineFile = Path.Combine(folder, ModelFolder.DocumentFile);
        var expected = pipeline.Predict(x, Features);
        var actual = Labels(RunPython([loader, pipelineFile, features]));

        // Equal labels could hide a last-bit difference far from any tie: the rows the model sees must be the same doubles.
        var transformed = pipeline.Preprocessor.Transform(x, Features);
        var pythonRows = RunPython([loader, pipelineFile, features, "--transformed"]);
        Assert.Equal(x.Rows, pythonRows.Length);
        for (var i = 0; i < x.Rows; i++)
        {
            var values = pythonRows[i].Split(',').Select(v => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray();
            Assert.True(
                values.AsSpan().SequenceEqual(transformed.RowReadOnly(i)),
                $"{name} {scaler} {reduction}: row {i} transformed by python [{pythonRows[i]}] differs from C# [{string.Join(",", transformed.RowReadOnly(i).ToArray().Select(v => v.ToString("R", CultureInfo.InvariantCulture)))}]");
        }

        var differing = Enumerable.Range(0, expected.Length).Where(i => i >= actual.Length || expected[i] != actual[i]).Take(5).ToList();
        Assert.True(
            actual.Length == expected.Length && differing.Count == 0,
            $"{name} {scaler} {reduction}: python gave {actual.Length} labels for {expected.Length} customers; first differing rows {string.Join(", ", differing)}");
        Assert.True(expected.Distinct().Count() >= 2, $"{name} {scaler} {reduction}: a single segment proves little");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name} {scaler} {reduction}: labels and model inputs equal on {expected.Length} customers ({expected.Distinct().Count()} segments, {expected.Count(l => l < 0)} noise)"));
        return actual;
    }

    private static FittedPipeline Fit(Matrix x, string scaler, ReductionSpec reduction, Func<Matrix, IClusterModel> fit)
    {
        var pre = Preprocessor.Fit(x, Features, new ScalerSpec(scaler), reduction);
        return new FittedPipeline(pre, fit(pre.Transform(x)));
    }

    private string WriteFolder(FittedPipeline pipeline, Matrix x)
    {
        var folder = Path.Combine(_dir.Path, Guid.NewGuid().ToString("N"));
        var labels = pipeline.Predict(x, Features);
        ModelFolder.Write(folder, TrialModel.Content(pipeline, ClusterProfile.ToCsv(x, Features, labels)), "run1", DateTimeOffset.UnixEpoch, "0.1.0");
        return folder;
    }

    // The committed sample: every 8th customer of `segment data features` on data/online_retail.csv.gz, the default six features.
    private static (Matrix X, string Csv) ReadFixture()
    {
        var path = Path.Combine(RepositoryRoot(), "tests", "Segmentation.Runner.Tests", "Recording", "Fixtures", "customers-500.csv");
        var csv = File.ReadAllText(path);
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["customer_id", .. Features], lines[0].Split(','));
        var rows = lines.Skip(1).Select(line => line.Split(',').Skip(1).Select(v => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        return (Matrix.FromRows(rows), csv);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Segmentation.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Segmentation.sln above {AppContext.BaseDirectory}");
    }

    // What mlflow.pyfunc.load_model does with the flavor: put `code` on sys.path, import loader_module, call
    // _load_pyfunc(data); then predict a split-orient example file ({"columns": …, "data": …}) as a DataFrame.
    private static int[] PredictThroughPyfunc(string folder, string exampleFile)
    {
        var script = string.Join('\n',
            "import json, os, sys",
            "import pandas as pd",
            "folder = sys.argv[1]",
            "sys.path.insert(0, os.path.join(folder, 'code'))",
            "import segmentation_pyfunc",
            "model = segmentation_pyfunc._load_pyfunc(os.path.join(folder, '" + ModelFolder.DocumentFile + "'))",
            "example = json.load(open(sys.argv[2]))",
            "frame = pd.DataFrame(example['data'], columns=example['columns'])",
            "result = model.predict(frame, params=None)",
            "assert list(result.columns) == ['segment'], result.columns",
            "print('\\n'.join(str(v) for v in result['segment']))");
        return Labels(RunPython(["-c", script, folder, exampleFile]));
    }

    private static int[] Labels(string[] lines) => [.. lines.Select(v => int.Parse(v, CultureInfo.InvariantCulture))];

    private static string[] RunPython(IReadOnlyList<string> arguments)
    {
        var python = PythonFactAttribute.Interpreter
            ?? throw new InvalidOperationException("CI is set but no python3 with numpy and pandas was found: .ci/run installs python3-numpy and python3-pandas");
        using var process = Process.Start(new ProcessStartInfo(python, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(300_000), "python did not finish in 5 minutes");
        Assert.True(process.ExitCode == 0, $"python exited with {process.ExitCode}: {stderr.Result}");
        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
