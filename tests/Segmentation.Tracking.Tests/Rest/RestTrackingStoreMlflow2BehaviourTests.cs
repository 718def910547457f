using Segmentation.Tracking.Rest;

namespace Segmentation.Tracking.Tests.Rest;

/// <summary>The behaviour suite against the emulator answering as MLflow 2.17.2.</summary>
public sealed class RestTrackingStoreMlflow2BehaviourTests() : RestTrackingStoreBehaviourTests(MlflowServerGeneration.Mlflow2)
{
}
