using Segmentation.Core.Json;
using Segmentation.Data.Pipeline;
using Segmentation.Data.Versioning;

namespace Segmentation.Data.Tests.Versioning;

public sealed class LineageHashTests
{
    [Fact]
    public void LineageParamsHash_DefaultOptions_UnchangedSinceCanonicalJsonMovedToCore()
    {
        // Pinned with the Data layer's own canonical JSON before the one Core implementation replaced it: stores written
        // before keep their lineage cache hits for the default parameters.
        Assert.Equal("9c60f67fe1355c6e38eaa75047b3e6c3f0e1423f8e3224a944cc1bebb05a2fd1", CanonicalJson.Hash(DatasetIngestion.LineageParams(new DataOptions())));
    }
}
