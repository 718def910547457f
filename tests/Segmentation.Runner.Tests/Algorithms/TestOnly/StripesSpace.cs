using Segmentation.Runner.Algorithms;

namespace Segmentation.Runner.Tests.Algorithms.TestOnly;

internal sealed record StripesSpace(IReadOnlyList<int> K, IReadOnlyList<int> Offsets) : AlgorithmSpace
{
    public override IAlgorithmDescriptor Descriptor => StripesDescriptor.Instance;

    public override IReadOnlyList<TrialOptions> Expand() =>
        (from offset in Offsets from k in K select (TrialOptions)new StripesTrialOptions(k, offset)).ToList();
}
