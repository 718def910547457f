using System.Globalization;
using System.Text;
using System.Text.Json;
using Segmentation.Tracking.Errors;
using Segmentation.Tracking.Experiments;
using Segmentation.Tracking.Runs;
using Segmentation.Tracking.Search;

namespace Segmentation.Tracking.Sqlite;

public sealed partial class SqliteTrackingStore
{
    private static readonly Dictionary<string, string> StringAttributes = new(StringComparer.Ordinal)
    {
        ["run_id"] = "r.run_uuid",
        ["run_name"] = "r.name",
        ["status"] = "r.status",
        ["user_id"] = "r.user_id",
        ["artifact_uri"] = "r.artifact_uri",
        ["lifecycle_stage"] = "r.lifecycle_stage",
    };

    private static readonly Dictionary<string, string> NumericAttributes = new(StringComparer.Ordinal)
    {
        ["start_time"] = "r.start_time",
        ["end_time"] = "r.end_time",
        ["created"] = "r.start_time",
    };

    /// <inheritdoc/>
    public async Task<IReadOnlyList<Run>> SearchRunsAsync(RunSearchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var page = await SearchRunsPageAsync(request, request.MaxResults, null, cancellationToken).ConfigureAwait(false);
        return page.Runs;
    }

    /// <summary>One page of a run search with MLflow's offset page tokens, exactly as the REST API's runs/search pages.</summary>
    /// <param name="request">Experiments, filter, order and view type (its MaxResults is ignored in favour of <paramref name="pageSize"/>).</param>
    /// <param name="pageSize">Runs per page; null = all remaining.</param>
    /// <param name="pageToken">The token of the previous page, or null for the first.</param>
    /// <param name="cancellationToken">Cancels the search.</param>
    public Task<RunSearchPage> SearchRunsPageAsync(RunSearchRequest request, int? pageSize, string? pageToken, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (pageSize is <= 0)
        {
            throw new InvalidParameterException(string.Create(CultureInfo.InvariantCulture, $"max_results must be positive, got {pageSize}"));
        }

        var offset = DecodePageToken(pageToken);
        var sql = new StringBuilder("SELECT r.run_uuid FROM runs r");
        var parameters = new List<(string, object?)>();
        var where = new List<string>();
        var experimentIds = request.ExperimentIds.Select(ParseExperimentId).ToList();
        if (experimentIds.Count == 0)
        {
            return Task.FromResult(new RunSearchPage([], null));
        }

        where.Add("r.experiment_id IN (" + string.Join(", ", experimentIds.Select((id, i) => AddParameter(parameters, "$e", id))) + ")");
        where.Add(request.ViewType switch
        {
            ViewType.ActiveOnly => "r.lifecycle_stage = 'active'",
            ViewType.DeletedOnly => "r.lifecycle_stage = 'deleted'",
            _ => "r.lifecycle_stage IN ('active', 'deleted')",
        });
        foreach (var clause in SearchFilterParser.Parse(request.Filter))
        {
            where.Add(RunClauseSql(clause, parameters));
        }

        var joins = new StringBuilder();
        var orderBy = new List<string>();
        var sawStartTime = false;
        var orderIndex = 0;
        foreach (var text in request.OrderBy ?? [])
        {
            var order = OrderByParser.Parse(text);
            var direction = order.Ascending ? "ASC" : "DESC";
            var alias = "o" + orderIndex.ToString(CultureInfo.InvariantCulture);
            orderIndex++;
            switch (order.Entity)
            {
                case FilterEntity.Metric:
                    joins.Append(CultureInfo.InvariantCulture,
                        $" LEFT JOIN latest_metrics {alias} ON {alias}.run_uuid = r.run_uuid AND {alias}.key = {AddParameter(parameters, "$ok", order.Key)}");
                    // MLflow sorts NaN and missing values last whatever the direction.
                    orderBy.Add($"CASE WHEN {alias}.is_nan = 1 THEN 1 WHEN {alias}.value IS NULL THEN 2 ELSE 0 END");
                    orderBy.Add($"{alias}.value {direction}");
                    break;
                case FilterEntity.Param or FilterEntity.Tag:
                    var table = order.Entity == FilterEntity.Param ? "params" : "tags";
                    joins.Append(CultureInfo.InvariantCulture,
                        $" LEFT JOIN {table} {alias} ON {alias}.run_uuid = r.run_uuid AND {alias}.key = {AddParameter(parameters, "$ok", order.Key)}");
                    orderBy.Add($"CASE WHEN {alias}.value IS NULL THEN 1 ELSE 0 END");
                    orderBy.Add($"{alias}.value {direction}");
                    break;
                default:
                    var column = AttributeColumn(order.Key, forOrdering: true);
                    sawStartTime |= column == "r.start_time";
                    orderBy.Add($"{column} {direction}");
                    break;
            }
        }

        if (!sawStartTime)
        {
            orderBy.Add("r.start_time DESC");
        }

        orderBy.Add("r.run_uuid ASC");
        sql.Append(joins).Append(" WHERE ").AppendJoin(" AND ", where).Append(" ORDER BY ").AppendJoin(", ", orderBy);
        var limit = pageSize ?? -1;
        sql.Append(CultureInfo.InvariantCulture, $" LIMIT {limit} OFFSET {offset}");

        return ReadAsync(connection =>
        {
            var ids = Query(connection, null, sql.ToString(), r => r.GetString(0), parameters.ToArray());
            // As MLflow: a full page always carries a token, even when no run follows (the next page is then empty).
            var next = pageSize is { } n && ids.Count == n ? EncodePageToken(offset + n) : null;

            return new RunSearchPage(ReadRuns(connection, null, ids), next);
        }, cancellationToken);
    }

    private static string RunClauseSql(FilterClause clause, List<(string, object?)> parameters)
    {
        switch (clause.Entity)
        {
            case FilterEntity.Metric:
                if (clause.NumberValue is not { } number || clause.ListValue is not null || clause.Comparator is "LIKE" or "ILIKE")
                {
                    throw new InvalidParameterException(
                        $"metric '{clause.Key}' is compared with {clause.Comparator} to a non-number; metrics take = != > >= < <= and a number");
                }

                return "EXISTS (SELECT 1 FROM latest_metrics m WHERE m.run_uuid = r.run_uuid AND m.key = "
                    + AddParameter(parameters, "$k", clause.Key) + " AND m.is_nan = 0 AND m.value " + clause.Comparator + " " + AddParameter(parameters, "$v", number) + ")";
            case FilterEntity.Param or FilterEntity.Tag:
                var table = clause.Entity == FilterEntity.Param ? "params" : "tags";
                return $"EXISTS (SELECT 1 FROM {table} x WHERE x.run_uuid = r.run_uuid AND x.key = {AddParameter(parameters, "$k", clause.Key)} AND "
                    + StringClauseSql(clause, "x.value", parameters, $"{(clause.Entity == FilterEntity.Param ? "param" : "tag")} '{clause.Key}'") + ")";
            default:
                if (NumericAttributes.TryGetValue(clause.Key, out var numericColumn))
                {
                    if (clause.NumberValue is not { } n || clause.ListValue is not null || clause.Comparator is "LIKE" or "ILIKE")
                    {
                        throw new InvalidParameterException(
                            $"attribute '{clause.Key}' is compared with {clause.Comparator} to a non-number; it takes = != > >= < <= and a number (Unix milliseconds)");
                    }

                    return $"{numericColumn} {clause.Comparator} {AddParameter(parameters, "$v", n)}";
                }

                var column = AttributeColumn(clause.Key, forOrdering: false);
                if (clause.ListValue is not null && clause.Key != "run_id")
                {
                    throw new InvalidParameterException($"IN / NOT IN is only supported for attributes.run_id, not '{clause.Key}'");
                }

                return StringClauseSql(clause, column, parameters, $"attribute '{clause.Key}'");
        }
    }

    private static string StringClauseSql(FilterClause clause, string column, List<(string, object?)> parameters, string what)
    {
        if (clause.ListValue is { } list)
        {
            var names = list.Select(v => AddParameter(parameters, "$v", v));
            return $"{column} {clause.Comparator} ({string.Join(", ", names)})";
        }

        if (clause.StringValue is not { } value || clause.IsOrdering)
        {
            throw new InvalidParameterException(
                $"{what} is compared with {clause.Comparator} {(clause.StringValue is null ? "to a number" : string.Empty)}; strings take =, !=, LIKE or ILIKE and a quoted value".Replace("  ", " ", System.StringComparison.Ordinal));
        }

        var p = AddParameter(parameters, "$v", value);
        return clause.Comparator switch
        {
            "=" => $"{column} = {p}",
            "!=" => $"{column} != {p}",
            "LIKE" => $"mlflow_like({column}, {p}, 0)",
            _ => $"mlflow_like({column}, {p}, 1)",
        };
    }

    private static string AttributeColumn(string key, bool forOrdering)
    {
        if (StringAttributes.TryGetValue(key, out var column) || (forOrdering && NumericAttributes.TryGetValue(key, out column)))
        {
            return column;
        }

        throw new InvalidParameterException(
            $"Invalid attribute key '{key}' specified. Valid keys are {string.Join(", ", StringAttributes.Keys.Concat(NumericAttributes.Keys).Select(k => "'" + k + "'"))}");
    }

    private static string AddParameter(List<(string, object?)> parameters, string prefix, object value)
    {
        var name = prefix + parameters.Count.ToString(CultureInfo.InvariantCulture);
        parameters.Add((name, value));
        return name;
    }

    private static string EncodePageToken(long offset) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{{\"offset\": {offset}}}")));

    private static long DecodePageToken(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return 0;
        }

        try
        {
            using var doc = JsonDocument.Parse(Convert.FromBase64String(token));
            var offset = doc.RootElement.GetProperty("offset").GetInt64();
            return offset >= 0 ? offset : throw new FormatException("negative offset");
        }
        catch (Exception ex) when (ex is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidParameterException($"Invalid page token '{token}': {ex.Message}");
        }
    }
}
