using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Segmentation.Tracking.Models;

public sealed partial class ModelFolder
{
    /// <summary>MLflow's generic flavor, through which <c>mlflow.pyfunc.load_model</c> and <c>mlflow models serve</c> load the folder.</summary>
    public const string PythonFlavorName = "python_function";

    /// <summary>The Python module MLflow imports from <see cref="CodeDirectory"/> and calls <c>_load_pyfunc</c> on.</summary>
    public const string LoaderModule = "segmentation_pyfunc";

    /// <summary>The folder MLflow puts on <c>sys.path</c> before importing <see cref="LoaderModule"/>.</summary>
    public const string CodeDirectory = "code";

    /// <summary>The loader's path inside the model folder.</summary>
    public const string LoaderFile = CodeDirectory + "/" + LoaderModule + ".py";

    /// <summary>The pip requirements of the loader (numpy and pandas), as MLflow names the file.</summary>
    public const string RequirementsFile = "requirements.txt";

    /// <summary>The virtualenv description MLflow's <c>--env-manager virtualenv</c> builds from.</summary>
    public const string PythonEnvFile = "python_env.yaml";

    /// <summary>A few feature rows in pandas' split orient, as MLflow saves a DataFrame input example.</summary>
    public const string InputExampleFile = "input_example.json";

    /// <summary>The same rows as a scoring request body (<c>{"dataframe_split": …}</c>), as MLflow 2.17 saves beside the example.</summary>
    public const string ServingInputExampleFile = "serving_input_example.json";

    /// <summary>The MLflow release whose MLmodel layout the folder follows (also read unchanged by the recorded 3.11 client).</summary>
    public const string MlflowVersion = "2.17.2";

    /// <summary>The Python the loader is tested with in CI (Debian bookworm's, as in the recordings).</summary>
    public const string PythonVersion = "3.11.2";

    // The loader's requirements: the versions Debian bookworm ships, which CI tests against, as lower bounds.
    private const string RequirementsText = "numpy>=1.24.2\npandas>=1.5.3\n";

    // MLflow's layout of python_env.yaml, with the build tools the recorded client pinned.
    private const string PythonEnvText =
        "python: " + PythonVersion + "\n"
        + "build_dependencies:\n"
        + "- pip==23.0.1\n"
        + "- setuptools==66.1.1\n"
        + "- wheel==0.38.4\n"
        + "dependencies:\n"
        + "- -r " + RequirementsFile + "\n";

    // At most this many segments' mean customers make the input example: enough to show the shape, small enough to read.
    private const int InputExampleRows = 5;

    private static readonly Lazy<byte[]> LoaderBytes = new(ReadLoader);

    /// <summary>The Python loader's source, as written to <see cref="LoaderFile"/>.</summary>
    public static string LoaderSource => Encoding.UTF8.GetString(LoaderBytes.Value);

    /// <summary>
    /// The input example: the mean customer of each of the first segments of the cluster profile (raw feature units, so every scaler
    /// accepts it), as pandas' split orient <c>{"columns": […], "data": [[…]]}</c>; null when the profile has no mean of every feature.
    /// </summary>
    public static JsonObject? InputExample(ModelFolderContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var lines = content.ClusterProfileCsv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length < 2)
        {
            return null;
        }

        var header = lines[0].Split(',');
        var columns = content.FeatureNames.Select(name => Array.IndexOf(header, "mean_" + name)).ToArray();
        if (columns.Any(c => c < 0))
        {
            return null;
        }

        var data = new JsonArray();
        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split(',');
            var row = new JsonArray();
            foreach (var column in columns)
            {
                if (column >= cells.Length || !double.TryParse(cells[column], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
                {
                    return null;
                }

                row.Add(value);
            }

            data.Add(row);
            if (data.Count == InputExampleRows)
            {
                break;
            }
        }

        return new JsonObject
        {
            ["columns"] = new JsonArray([.. content.FeatureNames.Select(name => (JsonNode)name)]),
            ["data"] = data,
        };
    }

    private static byte[] ReadLoader()
    {
        const string name = "Segmentation.Tracking.Models.Python.segmentation_pyfunc.py";
        using var stream = typeof(ModelFolder).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The embedded resource '{name}' is missing from {typeof(ModelFolder).Assembly.GetName().Name}.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
