using Segmentation.Runner.Algorithms;

namespace Segmentation.Runner.Tests.Algorithms.TestOnly;

internal sealed record StripesTrialOptions(int K, int Offset) : TrialOptions
{
    public override IAlgorithmDescriptor Descriptor => StripesDescriptor.Instance;

    public override int? Clusters => K;

    public override IReadOnlyList<KeyValuePair<string, string>> Settings() => [new(StripesDescriptor.Offset.ParamKey, StripesDescriptor.Offset.Format(Offset))];

    public override IReadOnlyList<string> RunNameTokens() => Offset == 0 ? [] : ["o" + StripesDescriptor.Offset.Format(Offset)];

    public override void Validate()
    {
        ClusterCount.Check(K, Algorithm);
        StripesDescriptor.Offset.Check(Offset, Algorithm);
    }
}
