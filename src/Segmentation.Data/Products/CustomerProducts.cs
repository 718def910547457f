using System.Text.Json;
using Segmentation.Data.Ingestion;

namespace Segmentation.Data.Products;

/// <summary>Which products each customer bought: the distinct (customer, stock code) pairs of the cleaned purchases.</summary>
/// <remarks>
/// A sweep trains on a stored dataset version without parsing the transactions again, so these pairs are computed when
/// the version is built and stored beside it (see <c>DatasetStore.SaveProducts</c>). Pairs are sorted by customer, then
/// stock code (ordinal), so the file and everything computed from it are the same on any machine.
/// </remarks>
public sealed class CustomerProducts
{
    /// <summary>Version of the JSON layout.</summary>
    public const int CurrentFormatVersion = 1;

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private CustomerProducts(string[] stockCodes, string?[] descriptions, long[] customers, int[] products)
    {
        StockCodes = stockCodes;
        Descriptions = descriptions;
        Customers = customers;
        Products = products;
    }

    /// <summary>Distinct stock codes, ordinal order; <see cref="Products"/> indexes into it.</summary>
    public IReadOnlyList<string> StockCodes { get; }

    /// <summary>Each stock code's most frequent description (ties: ordinal first), or null when none was recorded.</summary>
    public IReadOnlyList<string?> Descriptions { get; }

    /// <summary>Customer id of each pair.</summary>
    public IReadOnlyList<long> Customers { get; }

    /// <summary>Stock code index of each pair.</summary>
    public IReadOnlyList<int> Products { get; }

    /// <summary>Number of distinct (customer, stock code) pairs.</summary>
    public int PairCount => Customers.Count;

    /// <summary>
    /// The pairs of a cleaned table. A row counts as a purchase when it has a customer, is not a cancellation and has a
    /// positive quantity: cleaning may be configured to keep returns, and a return is not a customer buying the product.
    /// </summary>
    public static CustomerProducts FromCleaned(TransactionTable cleaned, Func<string, bool> isCancellation)
    {
        ArgumentNullException.ThrowIfNull(cleaned);
        ArgumentNullException.ThrowIfNull(isCancellation);
        var pairs = new HashSet<(long Customer, int Code)>();
        var descriptionCounts = new Dictionary<(int Code, string Description), int>();
        var codes = cleaned.StockCode.Codes;
        var invoices = cleaned.Invoice;
        var quantity = cleaned.Quantity;
        var customers = cleaned.CustomerIdRaw;
        for (var row = 0; row < cleaned.RowCount; row++)
        {
            if (customers[row] == TransactionTable.NoCustomer || quantity[row] <= 0 || codes[row] == StringColumn.Missing
                || isCancellation(invoices[row] ?? string.Empty))
            {
                continue;
            }

            pairs.Add((customers[row], codes[row]));
            if (cleaned.Description[row] is { Length: > 0 } description)
            {
                var key = (codes[row], description);
                descriptionCounts[key] = descriptionCounts.GetValueOrDefault(key) + 1;
            }
        }

        var byCustomer = pairs.GroupBy(p => p.Customer).OrderBy(g => g.Key).Select(g => (g.Key, g.Select(p => p.Code)));
        return FromPurchases(cleaned.StockCode.Values, byCustomer, descriptionCounts.Select(d => (d.Key, d.Value)));
    }

    /// <summary>
    /// The pairs from each customer's bought stock codes (customers in id order; <paramref name="customers"/> is
    /// enumerated twice) and the purchase rows per (stock code, description), codes indexing <paramref name="values"/>.
    /// </summary>
    internal static CustomerProducts FromPurchases(
        IReadOnlyList<string> values,
        IEnumerable<(long Customer, IEnumerable<int> Codes)> customers,
        IEnumerable<((int Code, string Description) Key, int Count)> descriptionCounts)
    {
        // Pool codes are dense indexes into values: flags and a lookup array per code, not a set and a map per purchase
        // (the pairs are ~266k on the shipped data, and this runs on the ingest's serial tail).
        var used = new bool[values.Count];
        long total = 0;
        foreach (var (_, codes) in customers)
        {
            foreach (var code in codes)
            {
                used[code] = true;
                total++;
            }
        }

        var usedCodes = new List<int>();
        for (var code = 0; code < used.Length; code++)
        {
            if (used[code])
            {
                usedCodes.Add(code);
            }
        }

        var stockCodes = usedCodes.Select(c => values[c]).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var indexOf = stockCodes.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => x.i, StringComparer.Ordinal);
        var codeIndex = new int[values.Count];
        foreach (var code in usedCodes)
        {
            codeIndex[code] = indexOf[values[code]];
        }

        var descriptions = new string?[stockCodes.Length];
        foreach (var group in descriptionCounts.GroupBy(d => indexOf[values[d.Key.Code]]))
        {
            descriptions[group.Key] = group
                .GroupBy(d => d.Key.Description, d => d.Count, StringComparer.Ordinal)
                .Select(g => (Description: g.Key, Count: g.Sum()))
                .OrderByDescending(g => g.Count).ThenBy(g => g.Description, StringComparer.Ordinal)
                .First().Description;
        }

        // Two string-pool codes may spell one stock code (pools are per column chunk); the index map merges them.
        var pairCustomers = new long[total];
        var pairProducts = new int[total];
        var count = 0;
        var scratch = new List<int>();
        foreach (var (customer, codes) in customers)
        {
            scratch.Clear();
            foreach (var code in codes)
            {
                scratch.Add(codeIndex[code]);
            }

            scratch.Sort();
            for (var i = 0; i < scratch.Count; i++)
            {
                if (i > 0 && scratch[i] == scratch[i - 1])
                {
                    continue;
                }

                pairCustomers[count] = customer;
                pairProducts[count++] = scratch[i];
            }
        }

        return count == total
            ? new CustomerProducts(stockCodes, descriptions, pairCustomers, pairProducts)
            : new CustomerProducts(stockCodes, descriptions, pairCustomers[..count], pairProducts[..count]);
    }

    /// <summary>The JSON text stored beside a dataset version.</summary>
    public void WriteJson(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        JsonSerializer.Serialize(stream, new StoredForm(CurrentFormatVersion, [.. StockCodes], [.. Descriptions], [.. Customers], [.. Products]), Json);
    }

    /// <summary>Reads <see cref="WriteJson"/>'s text; <paramref name="source"/> names the file in the error.</summary>
    /// <exception cref="DataFormatException">Malformed, inconsistent or of another format version.</exception>
    public static CustomerProducts ReadJson(Stream stream, string source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        StoredForm? form;
        try
        {
            form = JsonSerializer.Deserialize<StoredForm>(stream, Json);
        }
        catch (JsonException ex)
        {
            throw new DataFormatException($"not a customer products file: {ex.Message}", source);
        }

        if (form is null || form.FormatVersion != CurrentFormatVersion || form.StockCodes is null || form.Descriptions is null
            || form.Customers is null || form.Products is null || form.StockCodes.Length != form.Descriptions.Length
            || form.Customers.Length != form.Products.Length || form.Products.Any(p => p < 0 || p >= form.StockCodes.Length))
        {
            throw new DataFormatException($"not a customer products file of format version {CurrentFormatVersion} (or its arrays disagree)", source);
        }

        return new CustomerProducts(form.StockCodes, form.Descriptions, form.Customers, form.Products);
    }

    private sealed record StoredForm(
        int FormatVersion,
        string[] StockCodes,
        string?[] Descriptions,
        long[] Customers,
        int[] Products);
}
