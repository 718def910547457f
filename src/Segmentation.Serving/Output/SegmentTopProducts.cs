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

    /// <summary>Segment label → its products' stock codes, best lift first, from the model's <c>segment_products.csv</c>.</summary>
    /// <exception cref="UsageException">The model has no readable <c>segment_products.csv</c> (trained before products were recorded).</exception>
    public static IReadOnlyDictionary<int, string> Of(LoadedModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var products = ModelProducts.Of(model.Folder);
        if (products.Rows is null)
        {
            throw new UsageException($"--with-products: {products.Problem}");
        }

        return products.Rows
            .GroupBy(r => r.Segment)
            .ToDictionary(g => g.Key, g => string.Join(Separator, g.OrderBy(r => r.Rank).Select(r => r.StockCode)));
    }
}
