using Segmentation.Core.Errors;
using Segmentation.Serving.Models;
using Segmentation.Serving.Output;
using Segmentation.Serving.Sql;
using Segmentation.Tracking;

namespace Segmentation.Serving.Scoring;

/// <summary>Runs <c>segment predict</c>: load the model, score the input, write the file and/or the segments tables.</summary>
/// <param name="backend">The tracking backend of the configured URI (registry and artifacts).</param>
/// <param name="cache">Where downloaded model folders are kept.</param>
/// <param name="clock">Stamps <c>scored_at</c> and times the stages.</param>
/// <param name="workingDirectory">Where relative paths resolve.</param>
public sealed class PredictJob(ITrackingBackend backend, ModelCache cache, TimeProvider clock, string workingDirectory)
{
    /// <summary>Checks the request's paths and URIs before any work, so a typo fails in milliseconds.</summary>
    /// <exception cref="UsageException">An unsupported output extension or database URI.</exception>
    public void Validate(PredictRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        _ = ModelReference.Parse(request.Model, workingDirectory);
        if (request.OutputFile is { } file && !IsCsv(file) && !IsParquet(file))
        {
            throw new UsageException($"--out '{file}': expected a .csv or .parquet file");
        }

        if (request.SqlTarget is { } to)
        {
            _ = SqlTarget.Parse(to, workingDirectory);
        }
    }

    /// <summary>Runs the request.</summary>
    public async Task<PredictOutcome> RunAsync(PredictRequest request, TextWriter? csvFallback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Validate(request);
        var started = clock.GetTimestamp();
        var model = await ModelLoader.LoadAsync(backend, ModelReference.Parse(request.Model, workingDirectory), cache, request.SegmentNames, cancellationToken).ConfigureAwait(false);
        var loaded = clock.GetTimestamp();
        var referenceDate = request.AtTrainingReferenceDate
            ? model.TrainingReferenceDate ?? throw new UsageException(
                $"--reference-date training: the model '{request.Model}' does not record its training reference date (logged before it was recorded); give the date as YYYY-MM-DD")
            : request.ReferenceDate;
        // Read before scoring, so a model without products fails in milliseconds rather than after the batch.
        var products = request.WithProducts ? SegmentTopProducts.Rows(model) : null;
        var topProducts = products is null ? null : SegmentTopProducts.Of(products);
        var result = await Task.Run(() => Predictor.Predict(model, request.Input, referenceDate, workingDirectory, clock, cancellationToken), cancellationToken).ConfigureAwait(false);
        result = topProducts is null ? result : result with { TopProducts = topProducts };
        var scored = clock.GetTimestamp();
        string? outputFile = null;
        if (request.OutputFile is { } file)
        {
            outputFile = Path.GetFullPath(Path.Combine(workingDirectory, file));
            WriteFile(result, outputFile, request.WithFeatures);
        }

        SqlWriteResult? sql = null;
        if (request.SqlTarget is { } to)
        {
            // With --with-products the products go into their own table (one row per segment and rank, joined on model and
            // segment) rather than a ';'-joined column on every customer row.
            sql = await SegmentTableWriter.WriteAsync(SqlTarget.Parse(to, workingDirectory), result, products, cancellationToken).ConfigureAwait(false);
        }

        if (outputFile is null && sql is null && csvFallback is not null)
        {
            ScoreCsvWriter.Write(result, csvFallback, request.WithFeatures);
        }

        var written = clock.GetTimestamp();
        return new PredictOutcome(
            result, outputFile, sql, clock.GetElapsedTime(started, loaded).TotalSeconds, clock.GetElapsedTime(loaded, scored).TotalSeconds, clock.GetElapsedTime(scored, written).TotalSeconds);
    }

    private static void WriteFile(ScoringResult result, string path, bool withFeatures)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Written beside the target and moved over it, so a reader never sees a half-written file.
        var temp = path + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            using (var stream = File.Create(temp))
            {
                if (IsParquet(path))
                {
                    ScoreParquetWriter.Write(result, stream, withFeatures);
                }
                else
                {
                    using var text = new StreamWriter(stream, new System.Text.UTF8Encoding(false));
                    ScoreCsvWriter.Write(result, text, withFeatures);
                }
            }

            File.Move(temp, path, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static bool IsCsv(string path) => path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase);

    private static bool IsParquet(string path) => path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase);
}
