namespace Segmentation.Data.Versioning;

/// <summary>
/// A dataset version whose manifest is decided and whose files are not yet written (<see cref="DatasetStore.Stage"/>):
/// the version's digest, name and facts can be used at once; <see cref="Write"/> puts it in the store.
/// </summary>
public sealed class StagedDatasetVersion
{
    private readonly Action _write;

    internal StagedDatasetVersion(DatasetManifest manifest, Action write)
    {
        Manifest = manifest;
        _write = write;
    }

    /// <summary>The manifest the version has once written (an intact stored version's own, when the store had it already).</summary>
    public DatasetManifest Manifest { get; }

    /// <summary>Writes the version's files atomically: the Parquet, then the manifest, then the lineage entry that finds them.</summary>
    public void Write() => _write();
}
