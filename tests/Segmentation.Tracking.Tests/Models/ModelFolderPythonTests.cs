using System.Globalization;
using Segmentation.Tracking.Models;

namespace Segmentation.Tracking.Tests.Models;

public sealed class ModelFolderPythonTests : IDisposable
{
    private const string RunId = "0123456789abcdef0123456789abcdef";

    private static readonly DateTimeOffset Created = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    private static readonly ModelFolderContent Content = new(
        "{\"formatVersion\": 1}",
        ["recency", "frequency"],
        "kmeans",
        1,
        "segment,size,share,mean_recency,mean_frequency\n-1,2,0.1,300,1\n0,9,0.45,12.5,3\n1,9,0.45,0.125,7\n");

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "seg-pyfunc-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public void Write_AnyModel_CodeHoldsTheEmbeddedLoaderWithMlflowsEntryPoint()
    {
        ModelFolder.Write(_directory, Content, RunId, Created, "0.1.0");

        var loader = File.ReadAllText(Path.Combine(_directory, "code", "segmentation_pyfunc.py"));
        Assert.Equal(ModelFolder.LoaderSource, loader);
        Assert.Contains("def _load_pyfunc(path):", loader, StringComparison.Ordinal);
        Assert.Contains("def predict(self, model_input, params=None):", loader, StringComparison.Ordinal);
        // numpy and pandas only: the loader must run wherever MLflow's pyfunc runs, with nothing else installed.
        var imports = loader.Split('\n').Where(l => l.StartsWith("import ", StringComparison.Ordinal) || l.StartsWith("from ", StringComparison.Ordinal));
        Assert.Equal(["import json", "import math", "import os", "import sys", "import numpy as np", "import pandas as pd"], imports);
    }

    [Fact]
    public void Write_AnyModel_RequirementsAreNumpyAndPandasAndPythonEnvPointsAtThem()
    {
        ModelFolder.Write(_directory, Content, RunId, Created, "0.1.0");

        Assert.Equal("numpy>=1.24.2\npandas>=1.5.3\n", File.ReadAllText(Path.Combine(_directory, "requirements.txt")));
        Assert.Equal(
            "python: 3.11.2\nbuild_dependencies:\n- pip==23.0.1\n- setuptools==66.1.1\n- wheel==0.38.4\ndependencies:\n- -r requirements.txt\n",
            File.ReadAllText(Path.Combine(_directory, "python_env.yaml")));
    }

    [Fact]
    public void Write_ProfileWithMeans_SevenFilesTheDocumentLoaderExamplesEnvironmentAndMlmodel()
    {
        // Each file is one upload per trial over REST: only what MLflow's format and our readers need.
        ModelFolder.Write(_directory, Content, RunId, Created, "0.1.0");

        Assert.Equal(
            ["MLmodel", "code/segmentation_pyfunc.py", "input_example.json", "python_env.yaml", "requirements.txt", "segmentation.json", "serving_input_example.json"],
            Directory.EnumerateFiles(_directory, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(_directory, f).Replace('\\', '/')).Order(StringComparer.Ordinal));
        Assert.Contains(
            "saved_input_example_info:\n  artifact_path: input_example.json\n  pandas_orient: split\n  serving_input_path: serving_input_example.json\n  type: dataframe\n",
            File.ReadAllText(Path.Combine(_directory, "MLmodel")),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Write_ProfileWithMeans_InputExampleIsTheSegmentMeansInSplitOrient()
    {
        ModelFolder.Write(_directory, Content, RunId, Created, "0.1.0");

        Assert.Equal(
            "{\"columns\":[\"recency\",\"frequency\"],\"data\":[[300,1],[12.5,3],[0.125,7]]}",
            File.ReadAllText(Path.Combine(_directory, "input_example.json")));
        Assert.Equal(
            "{\"dataframe_split\":{\"columns\":[\"recency\",\"frequency\"],\"data\":[[300,1],[12.5,3],[0.125,7]]}}",
            File.ReadAllText(Path.Combine(_directory, "serving_input_example.json")));
    }

    [Fact]
    public void Write_ProfileWithoutMeans_NoInputExampleAndNoSavedInputExampleInfo()
    {
        ModelFolder.Write(_directory, Content with { ClusterProfileCsv = "segment,size\n0,3\n" }, RunId, Created, "0.1.0");

        Assert.False(File.Exists(Path.Combine(_directory, "input_example.json")));
        Assert.DoesNotContain("saved_input_example_info", File.ReadAllText(Path.Combine(_directory, "MLmodel")), StringComparison.Ordinal);
    }

    [Fact]
    public void InputExample_ManySegments_KeepsTheFirstFive()
    {
        var profile = "segment,size,share,mean_recency,mean_frequency\n" + string.Concat(Enumerable.Range(0, 8).Select(i => $"{i},1,0.125,{i},1\n"));

        var example = ModelFolder.InputExample(Content with { ClusterProfileCsv = profile });

        Assert.Equal(5, example!["data"]!.AsArray().Count);
    }

    [Fact]
    public void Write_AnyModel_ModelSizeBytesCountsEveryFileBeforeMlmodelAsMlflowDoes()
    {
        ModelFolder.Write(_directory, Content, RunId, Created, "0.1.0");

        // MLflow's get_total_file_size runs just before MLmodel is saved; requirements.txt and python_env.yaml come after it.
        var expected = Directory.EnumerateFiles(_directory, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) is not ("MLmodel" or "requirements.txt" or "python_env.yaml"))
            .Sum(f => new FileInfo(f).Length);
        Assert.Contains(
            "model_size_bytes: " + expected.ToString(CultureInfo.InvariantCulture) + "\n",
            File.ReadAllText(Path.Combine(_directory, "MLmodel")),
            StringComparison.Ordinal);
        Assert.Equal(expected, ModelFolder.ModelSizeBytes(Content));
    }

    [Fact]
    public void Read_WrittenFolder_PythonFunctionFlavorNamesLoaderCodeAndData()
    {
        ModelFolder.Write(_directory, Content, RunId, Created, "0.1.0");

        var flavor = ModelFolder.Read(_directory).MlModel.Flavors["python_function"];

        Assert.Equal("segmentation_pyfunc", flavor["loader_module"]);
        Assert.Equal("code", flavor["code"]);
        Assert.Equal("segmentation.json", flavor["data"]);
        Assert.Equal("3.11.2", flavor["python_version"]);
    }

    [Fact]
    public void HistoryJson_AnyModel_RecordsBothFlavorsAsMlflowsGetTagsDict()
    {
        var json = ModelFolder.HistoryJson(Content, RunId, Created, "0.1.0", "00112233445566778899aabbccddeeff");

        Assert.EndsWith(
            "\"python_function\": {\"code\": \"code\", \"data\": \"segmentation.json\", \"env\": {\"virtualenv\": \"python_env.yaml\"}, \"loader_module\": \"segmentation_pyfunc\", \"python_version\": \"3.11.2\"}}}",
            json,
            StringComparison.Ordinal);
    }
}
