using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Segmentation.Data.Products;
using Segmentation.Serving.Scoring;

namespace Segmentation.Serving.Http;

/// <summary>Writes the server's JSON bodies (responses and RFC 9457 problems) with <see cref="Utf8JsonWriter"/>, snake_case, no reflection.</summary>
public static class ServeJson
{
    /// <summary>The problem body media type (RFC 9457).</summary>
    public const string ProblemContentType = "application/problem+json";

    /// <summary>Writes <paramref name="write"/>'s JSON with <paramref name="status"/>.</summary>
    public static async Task WriteAsync(HttpContext context, int status, Action<Utf8JsonWriter> write, string contentType = "application/json")
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(write);
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = buffer.WrittenCount;
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Writes an RFC 9457 problem; <paramref name="field"/>, when not empty, names the JSON field at fault.</summary>
    public static Task ProblemAsync(HttpContext context, int status, string detail, string field = "")
    {
        ArgumentNullException.ThrowIfNull(context);
        return WriteAsync(context, status, w =>
        {
            w.WriteStartObject();
            w.WriteString("type", "about:blank");
            w.WriteString("title", ReasonPhrases.GetReasonPhrase(status));
            w.WriteNumber("status", status);
            w.WriteString("detail", field.Length == 0 ? detail : $"{field}: {detail}");
            w.WriteString("instance", context.Request.Path.Value);
            if (field.Length > 0)
            {
                w.WriteString("field", field);
            }

            w.WriteEndObject();
        }, ProblemContentType);
    }

    /// <summary>The <c>model</c> object of a response: name, version, run id.</summary>
    public static void Identity(Utf8JsonWriter w, ServedModel served)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(served);
        w.WriteStartObject("model");
        w.WriteString("name", served.Model.ModelName);
        w.WriteString("version", served.Model.ModelVersion);
        w.WriteString("run_id", served.Model.RunId);
        w.WriteEndObject();
    }

    /// <summary>The <c>POST /v1/segments</c> response: the model and one entry per customer in request order.</summary>
    public static void Scores(Utf8JsonWriter w, ServedModel served, ScoreRequest request, ScoringResult result)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(result);
        w.WriteStartObject();
        Identity(w, served);
        w.WriteString("score_kind", result.Scores.Kind.ToString().ToLowerInvariant());
        w.WriteStartArray("segments");
        var ids = result.Customers.CustomerIds;
        // Feature rows keep their order through Predictor (every row is valid); transactions come back by customer id.
        Dictionary<long, int>? rowOf = request.Batch.IsCustomerTable ? null : Enumerable.Range(0, ids.Length).ToDictionary(r => ids[r]);
        for (var i = 0; i < request.Order.Count; i++)
        {
            var id = request.Order[i];
            var row = rowOf is null ? i : rowOf.GetValueOrDefault(id, -1);
            if (row < 0)
            {
                continue;
            }

            w.WriteStartObject();
            if (request.IdsAsText)
            {
                w.WriteString("customer_id", id.ToString(CultureInfo.InvariantCulture));
            }
            else
            {
                w.WriteNumber("customer_id", id);
            }

            var segment = result.Scores.Segments[row];
            w.WriteNumber("segment", segment);
            w.WriteString("segment_name", SegmentNames.For(segment, served.Model));
            Number(w, "score", result.Scores.Scores[row]);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("unscored");
        foreach (var u in result.Unscored)
        {
            w.WriteStartObject();
            w.WriteNumber("customer_id", u.CustomerId);
            w.WriteString("reason", u.Reason);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>The <c>GET /v1/model</c> response.</summary>
    public static void Model(Utf8JsonWriter w, ServedModel served, string? alias)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(served);
        var model = served.Model;
        w.WriteStartObject();
        w.WriteString("name", model.ModelName);
        w.WriteString("version", model.ModelVersion);
        if (alias is null)
        {
            w.WriteNull("alias");
        }
        else
        {
            w.WriteString("alias", alias);
        }

        w.WriteString("run_id", model.RunId);
        w.WriteString("algorithm", model.Pipeline.Model.Algorithm);
        w.WriteString("loaded_at", served.LoadedAt.ToString("O", CultureInfo.InvariantCulture));
        w.WriteStartArray("features");
        foreach (var f in model.FeatureNames)
        {
            w.WriteStringValue(f);
        }

        w.WriteEndArray();
        w.WriteStartArray("segments");
        foreach (var s in served.Segments)
        {
            w.WriteStartObject();
            w.WriteNumber("segment", s.Segment);
            w.WriteString("segment_name", s.Name);
            w.WriteNumber("size", s.Size);
            Number(w, "share", s.Share);
            foreach (var (key, value) in s.Profile)
            {
                w.WritePropertyName(key);
                if (value is null)
                {
                    w.WriteNullValue();
                }
                else
                {
                    value.WriteTo(w);
                }
            }

            // A few products keep the model description short; the products route lists all that were recorded.
            if (served.Products is { Rows: not null } products)
            {
                Products(w, "top_products", products.For(s.Segment).Take(ModelTopProducts));
            }
            else
            {
                w.WriteNull("top_products");
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>Products per segment shown in <c>GET /v1/model</c>.</summary>
    public const int ModelTopProducts = 5;

    /// <summary>The <c>GET /v1/segments/{id}/products</c> response.</summary>
    public static void SegmentProducts(Utf8JsonWriter w, ServedModel served, int segment, IEnumerable<SegmentProduct> rows)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(served);
        w.WriteStartObject();
        Identity(w, served);
        w.WriteNumber("segment", segment);
        w.WriteString("segment_name", SegmentNames.For(segment, served.Model));
        Products(w, "products", rows);
        w.WriteEndObject();
    }

    // The lift is written from its exact decimal string, so the JSON number is the file's digits, not a double's.
    private static void Products(Utf8JsonWriter w, string name, IEnumerable<SegmentProduct> rows)
    {
        w.WriteStartArray(name);
        foreach (var r in rows)
        {
            w.WriteStartObject();
            w.WriteNumber("rank", r.Rank);
            w.WriteString("stock_code", r.StockCode);
            w.WriteString("description", r.Description);
            w.WritePropertyName("lift");
            w.WriteRawValue(r.Lift);
            w.WriteNumber("segment_customers_with_product", r.SegmentCustomersWithProduct);
            w.WriteNumber("segment_customers", r.SegmentCustomers);
            w.WriteNumber("all_customers_with_product", r.AllCustomersWithProduct);
            w.WriteNumber("all_customers", r.AllCustomers);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary>Writes <paramref name="node"/> as is.</summary>
    public static void Node(Utf8JsonWriter w, JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        node.WriteTo(w);
    }

    // JSON has no NaN: a score the model cannot give (no centres) is null.
    private static void Number(Utf8JsonWriter w, string name, double value)
    {
        if (double.IsFinite(value))
        {
            w.WriteNumber(name, value);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
