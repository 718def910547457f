using Xunit.Abstractions;
using Xunit.Sdk;

namespace Segmentation.Tracking.Tests.Rest.Live;

/// <summary>Discovers <see cref="LiveMlflowTheoryAttribute"/> theories: each data row is its own test, skipped one by one when no live server is configured.</summary>
public sealed class LiveMlflowTheoryDiscoverer(IMessageSink diagnosticMessageSink) : TheoryDiscoverer(diagnosticMessageSink)
{
    /// <inheritdoc/>
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute)
    {
        if (LiveMlflowTheoryAttribute.ServerUri is not null)
        {
            return base.Discover(discoveryOptions, testMethod, theoryAttribute);
        }

        // xunit 2 would report a skipped theory as a single test; list every suite test as skipped instead.
        return LiveMlflowServerBehaviourTests.SuiteCases()
            .SelectMany(row => CreateTestCasesForSkippedDataRow(discoveryOptions, testMethod, theoryAttribute, row, LiveMlflowTheoryAttribute.SkipMessage))
            .ToArray();
    }
}
