using System.Text.Json;
using System.Text.Json.Nodes;
using Segmentation.Core.Json;
using Segmentation.Data.Features;
using Segmentation.Data.Ingestion;
using Segmentation.Data.Products;
using Segmentation.Parquet;
using Segmentation.Parquet.Reading;
using Segmentation.Parquet.Writing;

namespace Segmentation.Data.Versioning;

/// <summary>
/// Content-addressed dataset versions on disk: each version once as <c>&lt;digest&gt;.parquet</c> plus a JSON
/// manifest, and a lineage index from (raw file SHA-256, params hash) to the digest so a repeated ingest skips all
/// parsing. Every file is written to a temporary name and renamed into place, so a half-written version is never
/// visible and a crash leaves only a stray <c>.tmp</c> file.
/// </summary>
public sealed class DatasetStore
{
    /// <summary>Default store location, relative to the working directory.</summary>
    public const string DefaultRelativeRoot = ".segmentation/datasets";

    /// <summary>Environment variable that moves the store (a <c>--store</c> flag still wins).</summary>
    public const string EnvironmentVariable = "SEGMENTATION_DATASET_STORE";

    private const string LineageFolder = "lineage";
    private const string DigestMetadataKey = "segmentation.digest";
    private const string ProductsFolder = "products";
    private readonly TimeProvider _clock;

    public DatasetStore(string root, TimeProvider clock)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        ArgumentNullException.ThrowIfNull(clock);
        Root = Path.GetFullPath(root);
        _clock = clock;
    }

    /// <summary>
    /// The store folder: <paramref name="explicitRoot"/> (a flag) if given, else <c>SEGMENTATION_DATASET_STORE</c>, else
    /// <c>.segmentation/datasets</c>; relative paths resolve against <paramref name="workingDirectory"/>.
    /// </summary>
    public static string ResolveRoot(string? explicitRoot, Func<string, string?> environment, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var fromEnvironment = environment(EnvironmentVariable);
        var root = explicitRoot ?? (string.IsNullOrEmpty(fromEnvironment) ? DefaultRelativeRoot : fromEnvironment);
        return Path.GetFullPath(root, workingDirectory);
    }

    /// <summary>The store's folder (absolute).</summary>
    public string Root { get; }

    /// <summary>Path of a version's Parquet file.</summary>
    public string ParquetPath(string digest) => Path.Combine(Root, digest + ".parquet");

    /// <summary>Path of a version's manifest.</summary>
    public string ManifestPath(string digest) => Path.Combine(Root, digest + ".json");

    /// <summary>The version built from this raw file with these params, or null (a cache miss).</summary>
    public DatasetManifest? FindByLineage(string rawSha256, string paramsHash)
    {
        var entry = LineagePath(rawSha256, paramsHash);
        if (!File.Exists(entry))
        {
            return null;
        }

        var digest = File.ReadAllText(entry).Trim();
        return File.Exists(ManifestPath(digest)) && File.Exists(ParquetPath(digest)) ? ReadManifest(digest) : null;
    }

    /// <summary>
    /// Stores <paramref name="table"/> unless a version with the same digest exists (then only the lineage entry is
    /// added), and returns its manifest.
    /// </summary>
    public DatasetManifest Save(CustomerFeatureTable table, string name, RawInput rawInput, JsonObject parameters, string toolVersion, DatasetBuildFacts? build = null)
    {
        var staged = Stage(table, name, rawInput, parameters, toolVersion, build);
        staged.Write();
        return staged.Manifest;
    }

    /// <summary>
    /// What <see cref="Save"/> stores, decided but not yet written: the version's manifest (the existing one when an intact
    /// version with the same digest is already stored) and <see cref="StagedDatasetVersion.Write"/>, which writes its files.
    /// A sweep trains on the table while its version is written beside it, instead of waiting for the Parquet encode and
    /// the fsyncs before its first trial.
    /// </summary>
    public StagedDatasetVersion Stage(CustomerFeatureTable table, string name, RawInput rawInput, JsonObject parameters, string toolVersion, DatasetBuildFacts? build = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(rawInput);
        ArgumentNullException.ThrowIfNull(parameters);
        var digest = DatasetDigest.Compute(table);
        var paramsHash = CanonicalJson.Hash(parameters);
        var lineage = LineagePath(rawInput.Sha256, paramsHash);
        if (File.Exists(ManifestPath(digest)) && File.Exists(ParquetPath(digest)) && IsIntact(digest))
        {
            return new StagedDatasetVersion(ReadManifest(digest), () => WriteLineage(lineage, digest));
        }

        var manifest = new DatasetManifest
        {
            Digest = digest,
            Name = name,
            Schema = DatasetSchema.Of(table),
            RowCount = table.RowCount,
            RawInput = rawInput,
            Params = (JsonObject)parameters.DeepClone(),
            ParamsHash = paramsHash,
            ToolVersion = toolVersion,
            CreatedUtc = _clock.GetUtcNow(),
            Profile = Profile(table),
            Build = build,
        };
        return new StagedDatasetVersion(manifest, () =>
        {
            // Parquet first, manifest last: a manifest is only ever visible next to complete content.
            Directory.CreateDirectory(Root);
            WriteAtomically(ParquetPath(digest), stream => FeatureTableParquet.Write(table, stream, new ParquetWriterOptions
            {
                KeyValueMetadata = new Dictionary<string, string> { [DigestMetadataKey] = digest },
            }));
            WriteAtomically(ManifestPath(digest), stream => JsonSerializer.Serialize(stream, manifest, DatasetManifest.JsonOptions));
            WriteLineage(lineage, digest);
        });
    }

    /// <summary>
    /// Path of the (customer, product) purchases built from this raw file with these params. They are keyed by lineage,
    /// not by the version's digest: two raw files can yield the same feature table from different purchases.
    /// </summary>
    public string ProductsPath(string rawSha256, string paramsHash) => Path.Combine(Root, ProductsFolder, $"{rawSha256}-{paramsHash}.json");

    /// <summary>The purchases stored for this lineage, or null when none are (or the file is unreadable, so they are rebuilt).</summary>
    public CustomerProducts? FindProducts(string rawSha256, string paramsHash)
    {
        var path = ProductsPath(rawSha256, paramsHash);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var stream = File.OpenRead(path);
            return CustomerProducts.ReadJson(stream, path);
        }
        catch (DataFormatException)
        {
            return null;
        }
    }

    /// <summary>Whether purchases are stored for this lineage (without reading them).</summary>
    public bool HasProducts(string rawSha256, string paramsHash) => File.Exists(ProductsPath(rawSha256, paramsHash));

    /// <summary>Stores the purchases of a lineage (atomically, like every store file).</summary>
    public void SaveProducts(string rawSha256, string paramsHash, CustomerProducts products)
    {
        ArgumentNullException.ThrowIfNull(products);
        Directory.CreateDirectory(Path.Combine(Root, ProductsFolder));
        WriteAtomically(ProductsPath(rawSha256, paramsHash), products.WriteJson);
    }

    /// <summary>Every stored version, newest first.</summary>
    public IReadOnlyList<DatasetManifest> List()
    {
        if (!Directory.Exists(Root))
        {
            return [];
        }

        return Directory.EnumerateFiles(Root, "*.json")
            .Select(path => Path.GetFileNameWithoutExtension(path))
            .Where(IsDigest)
            .Select(ReadManifest)
            .OrderByDescending(m => m.CreatedUtc)
            .ThenBy(m => m.Digest, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The manifest for a full digest or a unique prefix of at least 4 characters.</summary>
    public DatasetManifest Get(string digestOrPrefix) => ReadManifest(Resolve(digestOrPrefix));

    /// <summary>
    /// Loads a stored version's table, verified: its content must still hash to its digest and agree with its manifest
    /// (row count, schema), so a damaged or edited version is never trained or scored on. The feature table has one row
    /// per customer, so the full canonical digest costs a few milliseconds — cheaper than any shortcut worth trusting.
    /// </summary>
    /// <exception cref="DatasetStoreException">The version is damaged; the message names its files and how to rebuild it.</exception>
    public CustomerFeatureTable Load(string digestOrPrefix)
    {
        var digest = Resolve(digestOrPrefix);
        var manifest = ReadManifest(digest);
        CustomerFeatureTable table;
        try
        {
            table = FeatureTableParquet.Read(ParquetPath(digest));
        }
        catch (Exception ex) when (ex is ParquetException or InvalidDataException or FormatException or IOException)
        {
            throw Damaged(digest, ex.Message, ex);
        }

        if (Problem(digest, manifest, table) is { } problem)
        {
            throw Damaged(digest, problem.Text, null);
        }

        return table;
    }

    /// <summary>
    /// Checks a version without reading its content, for callers that only report it (a repeated <c>data ingest</c>): the
    /// Parquet footer must carry the digest the writer stamped into it and agree with the manifest on row count and
    /// column names. Truncation or a replaced file fails here; a byte flipped inside a data page is caught by
    /// <see cref="Load"/>, which re-hashes the content before anything is trained or scored on it.
    /// </summary>
    /// <exception cref="DatasetStoreException">The version is damaged; the message names its files and how to rebuild it.</exception>
    public DatasetManifest CheckFooter(string digestOrPrefix)
    {
        var digest = Resolve(digestOrPrefix);
        var manifest = ReadManifest(digest);
        string? problem;
        try
        {
            using var reader = ParquetReader.Open(ParquetPath(digest));
            var names = reader.Schema.Fields.Select(f => f.Name);
            if (!reader.KeyValueMetadata.TryGetValue(DigestMetadataKey, out var stamped))
            {
                // Written before the digest was stamped into the footer: only the full check can vouch for it.
                reader.Dispose();
                Load(digest);
                return manifest;
            }

            problem = stamped != digest
                ? $"its Parquet footer names digest {DatasetDigest.Short(stamped)}"
                : manifest.Digest != digest
                    ? $"its manifest names digest {manifest.Digest}"
                    : reader.RowCount != manifest.RowCount
                        ? FormattableString.Invariant($"its manifest says {manifest.RowCount} rows but the file holds {reader.RowCount}")
                        : !names.SequenceEqual(manifest.Schema.Select(c => c.Name), StringComparer.Ordinal)
                            ? "its manifest columns differ from the file's"
                            : null;
        }
        catch (Exception ex) when (ex is ParquetException or InvalidDataException or FormatException or IOException)
        {
            throw Damaged(digest, ex.Message, ex);
        }

        return problem is null ? manifest : throw Damaged(digest, problem, null);
    }

    /// <summary>
    /// Re-hashes stored content and checks it against its manifest (digest, row count, schema): one version, or all
    /// when <paramref name="digestOrPrefix"/> is null.
    /// </summary>
    public IReadOnlyList<DatasetVerification> Verify(string? digestOrPrefix = null)
    {
        var digests = digestOrPrefix is null ? List().Select(m => m.Digest).ToList() : [Resolve(digestOrPrefix)];
        var results = new List<DatasetVerification>(digests.Count);
        foreach (var digest in digests)
        {
            try
            {
                var table = FeatureTableParquet.Read(ParquetPath(digest));
                var problem = Problem(digest, ReadManifest(digest), table);
                results.Add(new DatasetVerification(digest, problem is null, problem?.ActualDigest ?? digest, problem?.Text));
            }
            catch (Exception ex) when (ex is ParquetException or InvalidDataException or FormatException or IOException or DatasetStoreException)
            {
                results.Add(new DatasetVerification(digest, false, null, ex.Message));
            }
        }

        return results;
    }

    /// <summary>Per-column profile of a table, as stored in the manifest.</summary>
    public static IReadOnlyList<ColumnProfile> Profile(CustomerFeatureTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var profile = new List<ColumnProfile> { new(DatasetSchema.CustomerIdColumn, "int64", table.RowCount, 0, null, null, null, null, null) };
        foreach (var name in table.FeatureNames)
        {
            var s = FeatureSummary.Of(name, table.Column(name));
            profile.Add(table.RowCount == 0
                ? new(name, "double", 0, 0, null, null, null, null, null)
                : new(name, "double", table.RowCount, 0, s.Mean, s.Std, s.Min, s.Median, s.Max));
        }

        profile.Add(new(DatasetSchema.ExactMonetaryColumn, "decimal", table.RowCount, 0, null, null, null, null, null));
        return profile;
    }

    private string Resolve(string digestOrPrefix)
    {
        ArgumentNullException.ThrowIfNull(digestOrPrefix);
        var prefix = digestOrPrefix.Trim().ToLowerInvariant();
        if (prefix.Length < 4 || !prefix.All(Uri.IsHexDigit))
        {
            throw new DatasetStoreException($"'{digestOrPrefix}' is not a dataset digest (expected at least 4 hex characters)");
        }

        var matches = Directory.Exists(Root)
            ? Directory.EnumerateFiles(Root, prefix + "*.json").Select(p => Path.GetFileNameWithoutExtension(p)).Where(IsDigest).ToList()
            : [];
        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new DatasetStoreException($"no dataset {digestOrPrefix} in {Root} (run 'segment data list')"),
            _ => throw new DatasetStoreException($"'{digestOrPrefix}' matches {matches.Count} datasets; give more characters"),
        };
    }

    private DatasetManifest ReadManifest(string digest)
    {
        var path = ManifestPath(digest);
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<DatasetManifest>(stream, DatasetManifest.JsonOptions)
                ?? throw new DatasetStoreException($"{path}: empty manifest");
        }
        catch (JsonException ex)
        {
            throw new DatasetStoreException($"{path}: damaged manifest ({ex.Message})", ex);
        }
    }

    // What is wrong with a stored version, or null: its content must hash to its name and match its manifest.
    private static (string Text, string ActualDigest)? Problem(string digest, DatasetManifest manifest, CustomerFeatureTable table)
    {
        var actual = DatasetDigest.Compute(table);
        if (actual != digest)
        {
            return ($"content does not match its digest (it hashes to {DatasetDigest.Short(actual)})", actual);
        }

        if (manifest.Digest != digest)
        {
            return ($"its manifest names digest {manifest.Digest}", actual);
        }

        if (manifest.RowCount != table.RowCount)
        {
            return (FormattableString.Invariant($"its manifest says {manifest.RowCount} rows but the file holds {table.RowCount}"), actual);
        }

        var schema = DatasetSchema.Of(table);
        if (!manifest.Schema.SequenceEqual(schema))
        {
            return ($"its manifest schema ({string.Join(", ", manifest.Schema.Select(c => c.Name + ":" + c.Type))}) differs from the file's "
                + $"({string.Join(", ", schema.Select(c => c.Name + ":" + c.Type))})", actual);
        }

        return null;
    }

    private DatasetStoreException Damaged(string digest, string problem, Exception? cause)
    {
        var message = $"dataset {DatasetDigest.Short(digest)} in {Root} is damaged: {problem}. Nothing was trained or scored on it; delete "
            + $"{ParquetPath(digest)} and {ManifestPath(digest)} and run 'segment data ingest' (or the sweep) again to rebuild it from the raw file";
        return cause is null ? new DatasetStoreException(message) : new DatasetStoreException(message, cause);
    }

    // An existing version is kept only when intact; a damaged one is rewritten by the ingest that rebuilt its content.
    private bool IsIntact(string digest)
    {
        try
        {
            return Problem(digest, ReadManifest(digest), FeatureTableParquet.Read(ParquetPath(digest))) is null;
        }
        catch (Exception ex) when (ex is ParquetException or InvalidDataException or FormatException or IOException or DatasetStoreException)
        {
            return false;
        }
    }

    private string LineagePath(string rawSha256, string paramsHash) =>
        Path.Combine(Root, LineageFolder, $"{rawSha256}-{paramsHash}");

    // The lineage entry last of a version's files: a lineage hit always finds the version complete.
    private void WriteLineage(string lineagePath, string digest)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(lineagePath)!);
        WriteAtomically(lineagePath, stream => stream.Write(System.Text.Encoding.ASCII.GetBytes(digest)));
    }

    private static bool IsDigest(string name) => name.Length == 64 && name.All(Uri.IsHexDigit);

    private static void WriteAtomically(string path, Action<Stream> write)
    {
        var temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
