using System.Globalization;
using System.Text.Json.Nodes;

namespace Segmentation.Serving.Http;

/// <summary>
/// The OpenAPI 3.1 document of the server, built from its route table (<see cref="ServeEndpoint"/>) so a route cannot be
/// served without being described; the schemas mirror <see cref="ServeJson"/> and <see cref="ScoreRequestReader"/>.
/// </summary>
public static class OpenApiDocument
{
    /// <summary>The document for <paramref name="endpoints"/>.</summary>
    public static JsonObject Build(IReadOnlyList<ServeEndpoint> endpoints, ServeOptions options, bool bearer)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentNullException.ThrowIfNull(options);
        var paths = new JsonObject();
        foreach (var e in endpoints)
        {
            var responses = new JsonObject();
            foreach (var (status, description, schema) in e.Responses)
            {
                var response = new JsonObject { ["description"] = description };
                if (schema is not null)
                {
                    var media = status >= 400 ? ServeJson.ProblemContentType : "application/json";
                    response["content"] = new JsonObject { [media] = new JsonObject { ["schema"] = Ref(schema) } };
                }

                responses[status.ToString(CultureInfo.InvariantCulture)] = response;
            }

            var operation = new JsonObject { ["operationId"] = e.OperationId, ["summary"] = e.Summary, ["responses"] = responses };
            if (e.RequestSchema is { } body)
            {
                operation["requestBody"] = new JsonObject
                {
                    ["required"] = true,
                    ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = Ref(body) } },
                };
            }

            operation["security"] = e.Authenticated && bearer ? new JsonArray(new JsonObject { ["bearer"] = new JsonArray() }) : new JsonArray();
            var item = paths[e.Path] as JsonObject ?? [];
            item[e.Method.ToLowerInvariant()] = operation;
            paths[e.Path] = item;
        }

        return new JsonObject
        {
            ["openapi"] = "3.1.0",
            ["info"] = new JsonObject
            {
                ["title"] = "segment serve",
                ["version"] = typeof(OpenApiDocument).Assembly.GetName().Version?.ToString(3) ?? "0.0.0",
                ["description"] = $"Customer segmentation with a registered model. At most {options.MaxBatch} customers and {options.MaxBodyBytes} bytes per request.",
            },
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["securitySchemes"] = new JsonObject { ["bearer"] = new JsonObject { ["type"] = "http", ["scheme"] = "bearer" } },
                ["schemas"] = Schemas(options),
            },
        };
    }

    private static JsonObject Ref(string schema) => new() { ["$ref"] = "#/components/schemas/" + schema };

    private static JsonObject Obj(JsonObject properties, params string[] required) => new()
    {
        ["type"] = "object",
        ["properties"] = properties,
        ["required"] = new JsonArray([.. required.Select(r => (JsonNode)r)]),
    };

    private static JsonObject Type(string type, string? description = null)
    {
        var o = new JsonObject { ["type"] = type };
        if (description is not null)
        {
            o["description"] = description;
        }

        return o;
    }

    private static JsonObject Nullable(string type) => new() { ["type"] = new JsonArray(type, "null") };

    private static JsonObject Schemas(ServeOptions options)
    {
        var customerId = new JsonObject { ["oneOf"] = new JsonArray(Type("integer"), new JsonObject { ["type"] = "string", ["pattern"] = "^[0-9]+$" }) };
        var customer = new JsonObject
        {
            ["type"] = "object",
            ["description"] = "customer_id and every feature of the model (GET /v1/model lists them) as finite numbers; no other field",
            ["properties"] = new JsonObject { ["customer_id"] = customerId },
            ["required"] = new JsonArray("customer_id"),
            ["additionalProperties"] = Type("number"),
        };
        var transaction = new JsonObject
        {
            ["type"] = "object",
            ["description"] = "One raw invoice line with the training file's columns (e.g. InvoiceNo, StockCode, Quantity, InvoiceDate, UnitPrice, CustomerID, Country)",
            ["additionalProperties"] = new JsonObject { ["type"] = new JsonArray("string", "number", "null") },
        };
        var request = new JsonObject
        {
            ["type"] = "object",
            ["additionalProperties"] = false,
            ["properties"] = new JsonObject
            {
                [ScoreRequestReader.CustomersField] = new JsonObject { ["type"] = "array", ["minItems"] = 1, ["maxItems"] = options.MaxBatch, ["items"] = customer },
                [ScoreRequestReader.TransactionsField] = new JsonObject { ["type"] = "array", ["minItems"] = 1, ["maxItems"] = options.MaxBatch, ["items"] = transaction },
                [ScoreRequestReader.ReferenceDateField] = new JsonObject { ["type"] = "string", ["format"] = "date" },
            },
            ["oneOf"] = new JsonArray(new JsonObject { ["required"] = new JsonArray(ScoreRequestReader.CustomersField) }, new JsonObject { ["required"] = new JsonArray(ScoreRequestReader.TransactionsField) }),
        };
        var identity = Obj(new JsonObject { ["name"] = Type("string"), ["version"] = Type("string"), ["run_id"] = Type("string") }, "name", "version", "run_id");
        var scored = Obj(
            new JsonObject
            {
                ["customer_id"] = customerId.DeepClone(),
                ["segment"] = Type("integer", "-1 = noise (DBSCAN)"),
                ["segment_name"] = Type("string"),
                ["score"] = new JsonObject { ["type"] = new JsonArray("number", "null"), ["description"] = "distance to the centre, probability or noise flag; see score_kind" },
            },
            "customer_id", "segment", "segment_name", "score");
        var unscored = Obj(new JsonObject { ["customer_id"] = Type("integer"), ["reason"] = Type("string") }, "customer_id", "reason");
        var response = Obj(
            new JsonObject
            {
                ["model"] = identity,
                ["score_kind"] = new JsonObject { ["enum"] = new JsonArray("distance", "probability", "noise") },
                ["segments"] = new JsonObject { ["type"] = "array", ["items"] = scored },
                ["unscored"] = new JsonObject { ["type"] = "array", ["items"] = unscored },
            },
            "model", "segments");
        var segment = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["segment"] = Type("integer"),
                ["segment_name"] = Type("string"),
                ["size"] = Type("integer"),
                ["share"] = Nullable("number"),
            },
            ["required"] = new JsonArray("segment", "segment_name", "size", "share"),
            ["additionalProperties"] = true,
            ["description"] = "plus the training profile: description, revenue_share, rfm, features (mean, median, lift)",
        };
        var product = Obj(
            new JsonObject
            {
                ["rank"] = Type("integer", "1 = highest lift"),
                ["stock_code"] = Type("string"),
                ["description"] = Nullable("string"),
                ["lift"] = Type("number", "segment share who bought it / all customers' share, rounded half up from the exact fraction"),
                ["segment_customers_with_product"] = Type("integer"),
                ["segment_customers"] = Type("integer"),
                ["all_customers_with_product"] = Type("integer"),
                ["all_customers"] = Type("integer"),
            },
            "rank", "stock_code", "lift", "segment_customers_with_product", "segment_customers", "all_customers_with_product", "all_customers");
        segment["properties"]!["top_products"] = new JsonObject
        {
            ["type"] = new JsonArray("array", "null"),
            ["items"] = Ref("SegmentProduct"),
            ["description"] = "the segment's first products by lift; null when the model records none",
        };
        var model = Obj(
            new JsonObject
            {
                ["name"] = Type("string"),
                ["version"] = Type("string"),
                ["alias"] = Nullable("string"),
                ["run_id"] = Type("string"),
                ["algorithm"] = Type("string"),
                ["loaded_at"] = new JsonObject { ["type"] = "string", ["format"] = "date-time" },
                ["features"] = new JsonObject { ["type"] = "array", ["items"] = Type("string"), ["description"] = "in the model's order" },
                ["segments"] = new JsonObject { ["type"] = "array", ["items"] = segment },
            },
            "name", "version", "alias", "run_id", "features", "segments");
        var problem = Obj(
            new JsonObject
            {
                ["type"] = Type("string"),
                ["title"] = Type("string"),
                ["status"] = Type("integer"),
                ["detail"] = Type("string"),
                ["instance"] = Type("string"),
                ["field"] = Type("string", "JSON path of the field at fault, e.g. customers[2].frequency"),
            },
            "type", "title", "status", "detail");
        var reload = new JsonObject
        {
            ["type"] = new JsonArray("object", "null"),
            ["properties"] = new JsonObject
            {
                ["at"] = new JsonObject { ["type"] = "string", ["format"] = "date-time" },
                ["succeeded"] = Type("boolean"),
                ["version"] = Nullable("string"),
                ["error"] = Nullable("string"),
            },
        };
        var ready = Obj(
            new JsonObject
            {
                ["status"] = new JsonObject { ["enum"] = new JsonArray("ready", "degraded") },
                ["model"] = identity.DeepClone(),
                ["loaded_at"] = new JsonObject { ["type"] = "string", ["format"] = "date-time" },
                ["follows_alias"] = Type("boolean"),
                ["last_reload"] = reload,
            },
            "status", "model");
        return new JsonObject
        {
            ["ScoreRequest"] = request,
            ["ScoreResponse"] = response,
            ["ModelInfo"] = model,
            ["SegmentProduct"] = product,
            ["SegmentProducts"] = Obj(
                new JsonObject
                {
                    ["model"] = identity.DeepClone(),
                    ["segment"] = Type("integer"),
                    ["segment_name"] = Type("string"),
                    ["products"] = new JsonObject { ["type"] = "array", ["items"] = Ref("SegmentProduct") },
                },
                "model", "segment", "segment_name", "products"),
            ["Problem"] = problem,
            ["Health"] = Obj(new JsonObject { ["status"] = new JsonObject { ["const"] = "ok" } }, "status"),
            ["Ready"] = ready,
        };
    }
}
