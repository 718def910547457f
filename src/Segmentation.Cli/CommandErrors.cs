namespace Segmentation.Cli;

/// <summary>Turns the errors a verb can expect into a one-line message and an exit code — never a stack trace.</summary>
public static class CommandErrors
{
    /// <summary>Runs a verb body; expected failures print "error: …" to the error stream and return their exit code.</summary>
    public static async Task<int> GuardAsync(CliContext context, Func<Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(body);
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (Exception ex) when (ExitCodeFor(ex) is int code)
        {
            await context.Error.WriteLineAsync("error: " + ex.Message).ConfigureAwait(false);
            return code;
        }
    }

    /// <summary>The exit code for an expected failure, or null for a bug (which should surface).</summary>
    /// <remarks>Each layer's error type is added here as the layers land.</remarks>
    public static int? ExitCodeFor(Exception ex) => ex switch
    {
        OperationCanceledException => ExitCodes.UsageOrDataError,
        Segmentation.Tracking.Errors.TrackingUnreachableException => ExitCodes.TrackingUnreachable,
        Segmentation.Tracking.Errors.MlflowException => ExitCodes.UsageOrDataError,
        FileNotFoundException or DirectoryNotFoundException => ExitCodes.UsageOrDataError,
        InvalidDataException => ExitCodes.UsageOrDataError,
        Segmentation.Data.Ingestion.DataFormatException => ExitCodes.UsageOrDataError,
        Segmentation.Data.Configuration.ConfigException => ExitCodes.UsageOrDataError,
        Segmentation.Data.Versioning.DatasetStoreException => ExitCodes.UsageOrDataError,
        Segmentation.Parquet.ParquetException => ExitCodes.UsageOrDataError,
        ArgumentException => ExitCodes.UsageOrDataError,
        _ => null,
    };
}
