using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Segmentation.Data.Versioning;

namespace Segmentation.Data.Tests.Versioning;

public sealed class DatasetManifestJsonTests
{
    public static TheoryData<bool> Builds() => new() { true, false };

    [Theory]
    [MemberData(nameof(Builds))]
    public void JsonOptions_SourceGeneratedMetadata_WritesAndReadsWhatReflectionDoes(bool withBuild)
    {
        // DatasetManifest.JsonOptions resolves through the source-generated LineageJsonContext; the same settings over
        // the reflection-based resolver are the reference, so stored manifests keep their bytes and still load.
        var reflection = new JsonSerializerOptions(DatasetManifest.JsonOptions) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };
        var manifest = Manifest(withBuild);

        var json = JsonSerializer.Serialize(manifest, DatasetManifest.JsonOptions);

        Assert.Equal(JsonSerializer.Serialize(manifest, reflection), json);
        Assert.Contains(withBuild ? "\"build\"" : "\"profile\"", json, StringComparison.Ordinal);
        Assert.Contains("NaN", json, StringComparison.Ordinal);
        var back = JsonSerializer.Deserialize<DatasetManifest>(json, DatasetManifest.JsonOptions)!;
        Assert.Equal(json, JsonSerializer.Serialize(back, reflection));
    }

    private static DatasetManifest Manifest(bool withBuild) => new()
    {
        Digest = new string('a', 64),
        Name = "online_retail_ii <&> 'é'",
        Schema = [new DatasetColumn("customer_id", "int64"), new DatasetColumn("monetary", "double")],
        RowCount = 4320,
        RawInput = new RawInput("data/online_retail_II.xlsx", new string('b', 64), 45_622_278),
        Params = new JsonObject { ["cleaning"] = new JsonObject { ["drop_duplicates"] = true, ["pattern"] = "^[0-9]{5}" }, ["features"] = new JsonArray(1, 2.5) },
        ParamsHash = new string('c', 64),
        ToolVersion = "1.2.3+abc",
        CreatedUtc = new DateTimeOffset(2026, 12, 1, 22, 14, 52, 123, TimeSpan.Zero),
        Profile =
        [
            new ColumnProfile("customer_id", "int64", 4320, 0, 15_000.5, 1_700.25, 12_346, 15_000, 18_287),
            new ColumnProfile("monetary", "double", 4320, 3, double.NaN, null, double.NegativeInfinity, 0.1, double.MaxValue),
        ],
        Build = withBuild
            ? new DatasetBuildFacts(525_461, 12, new Dictionary<string, long> { ["missing customer"] = 107_927, ["duplicates"] = 6_865 }, new DateOnly(2011, 12, 10))
            : null,
    };
}
