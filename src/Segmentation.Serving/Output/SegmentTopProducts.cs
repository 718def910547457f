using Segmentation.Core.Errors;
using Segmentation.Data.Products;
using Segmentation.Serving.Http;
using Segmentation.Serving.Models;

namespace Segmentation.Serving.Output;

/// <summary>Each segment's top products as predict's optional <c>top_products</c> column: stock codes by lift rank, joined by <see cref="Separator"/>.</summary>
public static class SegmentTopProducts
{
    /// <summary>Between two stock codes in the column (stock codes never contain it).</summary>
    public const char Separator = ';';

    /// <summary>The model's products per segment (its <c>segment_products.csv</c>), for the column and the SQL table alike.</summary>
    /// <exception cref="UsageException">The model has no readable <c>segment_products.csv</c> (trained before products were recorded).</exception>
    public static IReadOnlyList<SegmentProduct> Rows(LoadedModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var products = ModelProducts.Of(model.Folder);
        return products.Rows ?? throw new UsageException($"--with-products: {products.Problem}");
    }

    /// <summary>Segment label → its products' stock codes, best lift first.</summary>
    public static IReadOnlyDictionary<int, string> Of(IReadOnlyList<SegmentProduct> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return rows
            .GroupBy(r => r.Segment)
            .ToDictionary(g => g.Key, g => string.Join(Separator, g.OrderBy(r => r.Rank).Select(r => r.StockCode)));
    }
}
