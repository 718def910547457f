using Segmentation.Tracking.Rest;

namespace Segmentation.Tracking.Tests.Rest;

/// <summary>The behaviour suite against the emulator answering as MLflow 3.11, with two-point history pages so every history read pages.</summary>
public sealed class RestTrackingStoreMlflow3BehaviourTests() : RestTrackingStoreBehaviourTests(MlflowServerGeneration.Mlflow3)
{
    protected override int MetricHistoryPageSize => 2;

    protected override bool? RecordsLoggedModels => true;
}
