using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Segmentation.Core.Json;
using Segmentation.Data.Features;
using Segmentation.Data.Ingestion;
using Segmentation.Data.Pipeline;

namespace Segmentation.Data.Versioning;

/// <summary>
/// Raw transactions → a stored dataset version, through the lineage cache: the same raw bytes with the same
/// parameters load the stored Parquet instead of parsing the file again.
/// </summary>
public static class DatasetIngestion
{
    /// <summary>Ingests <see cref="DataOptions"/>' input into <paramref name="store"/>, or finds it there.</summary>
    public static DatasetIngestResult Ingest(DataOptions options, DatasetStore store, string workingDirectory, CancellationToken ct) =>
        Ingest(options, store, workingDirectory, storeInBackground: false, ct);

    /// <summary>
    /// <see cref="Ingest(DataOptions, DatasetStore, string, CancellationToken)"/>; with <paramref name="storeInBackground"/>,
    /// a cache miss returns as soon as the table is built and its new version (with its purchases) is written to the store
    /// by a background task, <see cref="DatasetIngestResult.Stored"/>, which the caller awaits before it relies on the store.
    /// </summary>
    public static DatasetIngestResult Ingest(DataOptions options, DatasetStore store, string workingDirectory, bool storeInBackground, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(workingDirectory);
        var (rawPath, raw, parameters, paramsHash) = LineageKey(options, workingDirectory);
        var cached = store.FindByLineage(raw.Sha256, paramsHash);
        if (cached is not null)
        {
            var table = store.Load(cached.Digest);
            // A version stored before purchases were kept beside it: read them from the raw file once, then keep them too.
            var products = store.FindProducts(raw.Sha256, paramsHash);
            if (products is null)
            {
                products = FeaturePipeline.Products(options, workingDirectory, ct);
                store.SaveProducts(raw.Sha256, paramsHash, products);
            }

            return new DatasetIngestResult(cached, table, CacheHit: true, Build: null, products);
        }

        var build = FeaturePipeline.Run(options, workingDirectory, ct);
        ct.ThrowIfCancellationRequested();
        var staged = store.Stage(build.Table, DatasetName(rawPath), raw, parameters, ToolVersion.Current, DatasetBuildFacts.Of(build));
        void Write()
        {
            // The purchases first: the version's lineage entry (written last) is what a later ingest finds it by.
            store.SaveProducts(raw.Sha256, paramsHash, build.Products!);
            staged.Write();
        }

        Task stored;
        if (storeInBackground)
        {
            // Not cancellable once begun: each file is written atomically and the whole takes a few tens of milliseconds.
            // A thread of its own, not a pool worker: its four fsyncs wait on the disk (one took 250 ms here), and a
            // waiting pool worker is one of the two a 2-core machine has for the sweep's fits.
            stored = Task.Factory.StartNew(Write, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        else
        {
            Write();
            stored = Task.CompletedTask;
        }

        return new DatasetIngestResult(staged.Manifest, build.Table, CacheHit: false, build, build.Products) { Stored = stored };
    }

    /// <summary>
    /// Like <see cref="Ingest"/> for a caller that only reports the version: on a cache hit it reads neither the feature
    /// table nor the purchases, only the manifest and the Parquet footer (<see cref="DatasetStore.CheckFooter"/>), so a
    /// repeated <c>segment data ingest</c> costs the raw file's SHA-256 and little else. The lineage key is the same.
    /// </summary>
    public static DatasetIngestSummary IngestForReport(DataOptions options, DatasetStore store, string workingDirectory, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(workingDirectory);
        var (_, raw, _, paramsHash) = LineageKey(options, workingDirectory);
        var cached = store.FindByLineage(raw.Sha256, paramsHash);
        if (cached is null || !store.HasProducts(raw.Sha256, paramsHash))
        {
            // A miss, or a version that still needs its purchases built: the full path does (and stores) the work.
            var ingested = Ingest(options, store, workingDirectory, ct);
            return new DatasetIngestSummary(ingested.Manifest, ingested.CacheHit);
        }

        return new DatasetIngestSummary(store.CheckFooter(cached.Digest), CacheHit: true);
    }

    /// <summary>
    /// The parameters that decide a version's content: everything in <see cref="DataOptions"/> except the input's
    /// location (the raw file is identified by its SHA-256) and where rejected rows are written.
    /// </summary>
    public static JsonObject LineageParams(DataOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var content = options with { Ingestion = options.Ingestion with { Input = "", RejectedRowsFile = "" } };
        return CanonicalJson.From(content, LineageJsonContext.Canonical.DataOptions);
    }

    /// <summary>Dataset name for MLflow: the raw file name without compression and table extensions.</summary>
    public static string DatasetName(string rawPath)
    {
        var name = Path.GetFileName(rawPath);
        foreach (var suffix in new[] { ".gz", ".csv", ".xlsx", ".parquet" })
        {
            if (name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                name = name[..^suffix.Length];
            }
        }

        return name + "_customer_features";
    }

    // The lineage cache key of a raw file and options: the file's SHA-256 and the hash of the content parameters.
    private static (string RawPath, RawInput Raw, JsonObject Parameters, string ParamsHash) LineageKey(DataOptions options, string workingDirectory)
    {
        options.Validate();
        var rawPath = Path.GetFullPath(options.Ingestion.Input, workingDirectory);
        if (!File.Exists(rawPath))
        {
            throw new DataFormatException("transactions file not found (set data.input in params.yaml or pass --input)", rawPath);
        }

        // The file's hash (~10 ms a 7.5 MB file) runs beside the parameters' canonical form (~20 ms on a cold start).
        var hashing = Task.Run(() => Sha256OfFile(rawPath));
        var parameters = LineageParams(options);
        var paramsHash = CanonicalJson.Hash(parameters);
        var raw = new RawInput(rawPath, hashing.GetAwaiter().GetResult(), new FileInfo(rawPath).Length);
        return (rawPath, raw, parameters, paramsHash);
    }

    private static string Sha256OfFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
