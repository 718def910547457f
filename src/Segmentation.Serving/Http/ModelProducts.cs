using Segmentation.Data.Ingestion;
using Segmentation.Data.Products;
using Segmentation.Tracking.Models;

namespace Segmentation.Serving.Http;

/// <summary>A served model's products per segment (<c>model/segment_products.csv</c>), read once when the model is loaded.</summary>
/// <param name="Rows">The rows by segment and rank, or null when the model has none.</param>
/// <param name="Problem">Why there are none: the file is missing (a model trained before products were recorded) or unreadable.</param>
public sealed record ModelProducts(IReadOnlyList<SegmentProduct>? Rows, string? Problem)
{
    /// <summary>
    /// Reads the folder's products table (its <c>segment_products.csv</c> attachment). An unreadable table does not stop the model from serving: scores do not depend on it, so
    /// only the products routes answer with the problem.
    /// </summary>
    public static ModelProducts Of(ModelFolder folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (folder.Attachment(SegmentProductsCsv.FileName) is not { } csv)
        {
            return new ModelProducts(null, $"the served model has no {SegmentProductsCsv.FileName} (it was trained before products per segment were recorded; retrain it to get them)");
        }

        try
        {
            return new ModelProducts(SegmentProductsCsv.Read(csv, folder.AttachmentSource(SegmentProductsCsv.FileName)), null);
        }
        catch (DataFormatException ex)
        {
            return new ModelProducts(null, $"the served model's {SegmentProductsCsv.FileName} is unreadable: {ex.Message}");
        }
    }

    /// <summary>The rows of one segment, by rank.</summary>
    public IReadOnlyList<SegmentProduct> For(int segment) => Rows is null ? [] : [.. Rows.Where(r => r.Segment == segment).OrderBy(r => r.Rank)];
}
