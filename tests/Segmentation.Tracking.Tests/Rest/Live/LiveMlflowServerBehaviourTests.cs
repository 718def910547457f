using System.Reflection;
using Segmentation.Tracking.Configuration;
using Segmentation.Tracking.Rest;
using Segmentation.Tracking.Tests.Behaviour;

namespace Segmentation.Tracking.Tests.Rest.Live;

/// <summary>
/// The shared behaviour suite against a real MLflow server (MLFLOW_TEST_URI, e.g. http://127.0.0.1:5000): one
/// test per suite test (and per InlineData row), each on a fresh REST backend; skipped one by one without a server.
/// </summary>
public sealed class LiveMlflowServerBehaviourTests
{
    /// <summary>Every test of <see cref="TrackingStoreBehaviourTests"/> as (method name, InlineData index or -1).</summary>
    public static IEnumerable<object[]> SuiteCases()
    {
        foreach (var method in typeof(TrackingStoreBehaviourTests).GetMethods(BindingFlags.Public | BindingFlags.Instance).OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            var rows = method.GetCustomAttributes<InlineDataAttribute>().ToArray();
            if (rows.Length > 0)
            {
                for (var i = 0; i < rows.Length; i++)
                {
                    yield return [method.Name, i];
                }
            }
            else if (method.GetCustomAttribute<FactAttribute>() is not null)
            {
                yield return [method.Name, -1];
            }
        }
    }

    [LiveMlflowTheory]
    [MemberData(nameof(SuiteCases))]
    public async Task Suite_AgainstLiveServer_Passes(string test, int row)
    {
        var method = typeof(TrackingStoreBehaviourTests).GetMethod(test, BindingFlags.Public | BindingFlags.Instance)
            ?? throw new InvalidOperationException($"behaviour test {test} no longer exists");
        var arguments = row < 0 ? null : method.GetCustomAttributes<InlineDataAttribute>().ElementAt(row).GetData(method).Single();
        var suite = new LiveSuite(LiveMlflowTheoryAttribute.ServerUri ?? throw new InvalidOperationException(LiveMlflowTheoryAttribute.SkipMessage));
        await suite.InitializeAsync();
        try
        {
            await (Task)method.Invoke(suite, arguments)!;
        }
        finally
        {
            await suite.DisposeAsync();
        }
    }

    /// <summary>The suite bound to the live server; private so xunit does not discover it on its own.</summary>
    private sealed class LiveSuite(string serverUri) : TrackingStoreBehaviourTests
    {
        // Either generation may be running there: the logged-model tests follow what the server says it is.
        protected override bool? RecordsLoggedModels => null;

        protected override Task<ITrackingBackend> CreateBackendAsync()
        {
            var uri = TrackingUri.Parse(serverUri, Environment.CurrentDirectory);
            return Task.FromResult<ITrackingBackend>(RestTrackingStore.Create(uri, Environment.GetEnvironmentVariable, TimeProvider.System));
        }
    }
}
