using Xunit.Sdk;

namespace Segmentation.Tracking.Tests.Rest.Live;

/// <summary>A theory that runs against a real MLflow server named by MLFLOW_TEST_URI; without it every data row is reported as skipped with how to run it.</summary>
[XunitTestCaseDiscoverer("Segmentation.Tracking.Tests.Rest.Live.LiveMlflowTheoryDiscoverer", "Segmentation.Tracking.Tests")]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class LiveMlflowTheoryAttribute : TheoryAttribute
{
    /// <summary>The environment variable naming the live server.</summary>
    public const string Variable = "MLFLOW_TEST_URI";

    /// <summary>Why the tests are skipped, and how to run them.</summary>
    public const string SkipMessage =
        "needs a real MLflow server: run `mlflow server --host 127.0.0.1 --port 5000`, then "
        + "`MLFLOW_TEST_URI=http://127.0.0.1:5000 dotnet test tests/Segmentation.Tracking.Tests -c Release --filter LiveMlflowServerBehaviourTests`";

    /// <summary>The server URI, or null when the live tests are off.</summary>
    public static string? ServerUri => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } uri ? uri : null;
}
