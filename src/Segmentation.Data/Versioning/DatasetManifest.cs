using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Segmentation.Data.Versioning;

/// <summary>What is known about one stored dataset version; saved as <c>&lt;digest&gt;.json</c> beside the Parquet file.</summary>
public sealed record DatasetManifest
{
    /// <summary>Full hex SHA-256 of the canonical content (see <see cref="DatasetDigest"/>).</summary>
    public required string Digest { get; init; }

    /// <summary>The 12-character short digest.</summary>
    public string ShortDigest => DatasetDigest.Short(Digest);

    /// <summary>Dataset name used for MLflow dataset inputs.</summary>
    public required string Name { get; init; }

    /// <summary>Columns in stored order.</summary>
    public required IReadOnlyList<DatasetColumn> Schema { get; init; }

    /// <summary>Number of rows (customers).</summary>
    public required long RowCount { get; init; }

    /// <summary>The raw file the version was built from.</summary>
    public required RawInput RawInput { get; init; }

    /// <summary>The ingestion, cleaning and feature parameters that produced it, as canonical JSON.</summary>
    public required JsonObject Params { get; init; }

    /// <summary>SHA-256 of <see cref="Params"/> in canonical form: with the raw SHA-256, the lineage cache key.</summary>
    public required string ParamsHash { get; init; }

    /// <summary>Version of the tool that wrote it.</summary>
    public required string ToolVersion { get; init; }

    /// <summary>When it was first stored (UTC).</summary>
    public required DateTimeOffset CreatedUtc { get; init; }

    /// <summary>Per-column profile.</summary>
    public required IReadOnlyList<ColumnProfile> Profile { get; init; }

    /// <summary>Rows read and removed and the reference date when the version was built; null in manifests written before they were kept.</summary>
    public DatasetBuildFacts? Build { get; init; }

    /// <summary>Serializer settings shared by every manifest read and write.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        // Source-generated metadata: no reflection or emitted accessors when a sweep stores or reads its dataset.
        TypeInfoResolver = LineageJsonContext.Default,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
