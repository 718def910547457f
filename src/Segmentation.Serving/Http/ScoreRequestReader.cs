using System.Globalization;
using System.Text;
using System.Text.Json;
using Segmentation.Data.Features;
using Segmentation.Data.Ingestion;
using Segmentation.Data.Versioning;
using Segmentation.Serving.Models;
using Segmentation.Serving.Scoring;

namespace Segmentation.Serving.Http;

/// <summary>
/// Validates a <c>POST /v1/segments</c> body against the served model: every problem names its JSON field, and the
/// customers become the same <see cref="CustomerBatch"/> that <c>segment predict</c> scores.
/// </summary>
public static class ScoreRequestReader
{
    /// <summary>The property holding feature rows.</summary>
    public const string CustomersField = "customers";

    /// <summary>The property holding raw transaction lines.</summary>
    public const string TransactionsField = "transactions";

    /// <summary>The optional reference date for transactions (YYYY-MM-DD; default: the day after the last one).</summary>
    public const string ReferenceDateField = "reference_date";

    /// <summary>Reads <paramref name="root"/> for <paramref name="model"/>.</summary>
    /// <exception cref="RequestProblemException">400 for bad input, 413 for more than <paramref name="maxBatch"/> entries.</exception>
    public static ScoreRequest Read(JsonElement root, LoadedModel model, int maxBatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Bad(string.Empty, $"the body must be a JSON object with '{CustomersField}' or '{TransactionsField}'");
        }

        JsonElement? customers = null, transactions = null;
        DateOnly? referenceDate = null;
        foreach (var property in root.EnumerateObject())
        {
            switch (property.Name)
            {
                case CustomersField:
                    customers = property.Value;
                    break;
                case TransactionsField:
                    transactions = property.Value;
                    break;
                case ReferenceDateField:
                    referenceDate = property.Value.ValueKind == JsonValueKind.String
                        && DateOnly.TryParseExact(property.Value.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                        ? date
                        : throw Bad(ReferenceDateField, "expected a date as \"YYYY-MM-DD\"");
                    break;
                default:
                    throw Bad(property.Name, $"unknown field; expected '{CustomersField}' or '{TransactionsField}' (and optionally '{ReferenceDateField}')");
            }
        }

        if (customers is not null && transactions is not null)
        {
            throw Bad(TransactionsField, $"give '{CustomersField}' or '{TransactionsField}', not both");
        }

        if (customers is { } c)
        {
            return referenceDate is null
                ? ReadCustomers(c, model, maxBatch)
                : throw Bad(ReferenceDateField, $"applies to '{TransactionsField}' only: customer features are already built");
        }

        return transactions is { } t
            ? ReadTransactions(t, model, referenceDate, maxBatch, cancellationToken)
            : throw Bad(CustomersField, $"missing: the body must have '{CustomersField}' (feature rows) or '{TransactionsField}' (raw lines)");
    }

    private static ScoreRequest ReadCustomers(JsonElement array, LoadedModel model, int maxBatch)
    {
        var count = CheckArray(array, CustomersField, maxBatch);
        var features = model.FeatureNames;
        var ids = new long[count];
        var columns = features.Select(_ => new double[count]).ToArray();
        var seen = new bool[features.Count];
        var asText = false;
        var i = 0;
        foreach (var customer in array.EnumerateArray())
        {
            var at = $"{CustomersField}[{i.ToString(CultureInfo.InvariantCulture)}]";
            if (customer.ValueKind != JsonValueKind.Object)
            {
                throw Bad(at, "expected an object with customer_id and the model's features");
            }

            Array.Clear(seen);
            var hasId = false;
            foreach (var property in customer.EnumerateObject())
            {
                var field = at + "." + property.Name;
                if (property.NameEquals(DatasetSchema.CustomerIdColumn))
                {
                    (ids[i], var text) = CustomerId(property.Value, field);
                    asText |= text;
                    hasId = true;
                    continue;
                }

                var j = IndexOf(features, property.Name);
                if (j < 0)
                {
                    throw Bad(field, $"unknown field; a customer has customer_id and the model's features ({string.Join(", ", features)})");
                }

                columns[j][i] = Number(property.Value, field);
                seen[j] = true;
            }

            if (!hasId)
            {
                throw Bad(at + "." + DatasetSchema.CustomerIdColumn, "missing");
            }

            var missing = Array.IndexOf(seen, false);
            if (missing >= 0)
            {
                throw Bad(at + "." + features[missing], "missing: the model needs every one of its features");
            }

            i++;
        }

        var monetary = IndexOf(features, FeatureCatalog.Monetary);
        // Exact monetary only feeds revenue shares, never the segment; a value beyond decimal's range must not fail the request.
        var exact = monetary < 0 ? new decimal[count] : [.. columns[monetary].Select(m => Math.Abs(m) < 1e28 ? (decimal)m : 0m)];
        var table = new CustomerFeatureTable(ids, [.. features], columns, exact);
        return new ScoreRequest(new CustomerBatch("request", true, table, [], null, 0, 0), ids, asText);
    }

    private static ScoreRequest ReadTransactions(JsonElement array, LoadedModel model, DateOnly? referenceDate, int maxBatch, CancellationToken cancellationToken)
    {
        CheckArray(array, TransactionsField, maxBatch);
        if (model.Data is null)
        {
            throw Bad(TransactionsField, "this model records no training data params to build features from transactions; send 'customers' instead");
        }

        // Raw lines go through the training's own ingestion (column names, date format, cleaning), which reads files.
        var columns = new List<string>();
        var index = 0;
        foreach (var line in array.EnumerateArray())
        {
            if (line.ValueKind != JsonValueKind.Object)
            {
                throw Bad($"{TransactionsField}[{index.ToString(CultureInfo.InvariantCulture)}]", "expected an object of column → value, as in the training file");
            }

            foreach (var property in line.EnumerateObject())
            {
                if (!columns.Contains(property.Name, StringComparer.Ordinal))
                {
                    columns.Add(property.Name);
                }
            }

            index++;
        }

        var csv = new StringBuilder(string.Join(',', columns.Select(Quote))).Append('\n');
        index = 0;
        foreach (var line in array.EnumerateArray())
        {
            for (var j = 0; j < columns.Count; j++)
            {
                csv.Append(j == 0 ? string.Empty : ",");
                if (line.TryGetProperty(columns[j], out var value))
                {
                    csv.Append(Quote(Cell(value, $"{TransactionsField}[{index.ToString(CultureInfo.InvariantCulture)}].{columns[j]}")));
                }
            }

            csv.Append('\n');
            index++;
        }

        var directory = Path.Combine(Path.GetTempPath(), "segment-serve-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var path = Path.Combine(directory, "transactions.csv");
            File.WriteAllText(path, csv.ToString());
            CustomerBatch batch;
            try
            {
                batch = CustomerBatchReader.Read(path, model.FeatureNames, model.Data, referenceDate, directory, cancellationToken);
            }
            catch (DataFormatException ex)
            {
                throw new RequestProblemException(400, ex.Line > 1 && ex.Column is { } column
                    ? $"{TransactionsField}[{(ex.Line - 2).ToString(CultureInfo.InvariantCulture)}].{column}"
                    : ex.Column ?? TransactionsField, ex.Detail);
            }

            var order = FirstAppearance(array, model, batch);
            return new ScoreRequest(batch, order, false);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    // Customers in the order their first line appears; ids the ingestion could not read are left to the unscored list.
    private static List<long> FirstAppearance(JsonElement array, LoadedModel model, CustomerBatch batch)
    {
        var names = model.Data!.Ingestion.AcceptedNames(TransactionColumn.CustomerId);
        var known = batch.Features.CustomerIds.Concat(batch.Unscored.Select(u => u.CustomerId)).ToHashSet();
        var order = new List<long>();
        var seen = new HashSet<long>();
        foreach (var line in array.EnumerateArray())
        {
            if (names.FirstOrDefault(n => line.TryGetProperty(n, out _)) is { } column
                && line.TryGetProperty(column, out var value)
                && double.TryParse(value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText(), NumberStyles.Float, CultureInfo.InvariantCulture, out var id)
                && known.Contains((long)id) && seen.Add((long)id))
            {
                order.Add((long)id);
            }
        }

        return order;
    }

    private static int CheckArray(JsonElement array, string field, int maxBatch)
    {
        if (array.ValueKind != JsonValueKind.Array)
        {
            throw Bad(field, "expected an array");
        }

        var count = array.GetArrayLength();
        return count == 0
            ? throw Bad(field, "empty batch: send at least one entry")
            : count > maxBatch
                ? throw new RequestProblemException(413, field, $"{count} entries; at most {maxBatch} per request (split the batch)")
                : count;
    }

    private static (long Id, bool AsText) CustomerId(JsonElement value, string field) => value.ValueKind switch
    {
        JsonValueKind.Number when value.TryGetInt64(out var id) => (id, false),
        JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) => (id, true),
        _ => throw Bad(field, "expected an integer customer id (a JSON number or a string of digits)"),
    };

    private static double Number(JsonElement value, string field)
    {
        if (value.ValueKind != JsonValueKind.Number)
        {
            throw Bad(field, value.ValueKind is JsonValueKind.Null
                ? "null: a missing or NaN feature cannot be scored; send a finite number"
                : $"expected a number, got a JSON {value.ValueKind.ToString().ToLowerInvariant()}");
        }

        return value.TryGetDouble(out var x) && double.IsFinite(x) ? x : throw Bad(field, "not a finite number");
    }

    private static string Cell(JsonElement value, string field) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.Null => string.Empty,
        _ => throw Bad(field, "expected a string, number or null"),
    };

    private static string Quote(string text) =>
        text.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (string.Equals(names[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    private static RequestProblemException Bad(string field, string detail) => new(400, field, detail);
}
