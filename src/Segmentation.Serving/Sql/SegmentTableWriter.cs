using System.Data.Common;
using System.Globalization;
using System.Text;
using Segmentation.Data.Products;
using Segmentation.Serving.Output;
using Segmentation.Serving.Scoring;

namespace Segmentation.Serving.Sql;

/// <summary>
/// Writes a scoring into <c>customer_segments</c> and <c>segment_profiles</c> (and, when given, the model's products into
/// <c>segment_products</c>) in one transaction: the model version's
/// previous rows are replaced (re-running is idempotent), other versions' rows stay, and readers see the old scoring or
/// the new one, never half of one. Tables are created when missing; an incompatible one is an error and is never dropped.
/// </summary>
public static class SegmentTableWriter
{
    /// <summary>Writes <paramref name="result"/> to <paramref name="target"/>.</summary>
    /// <exception cref="SegmentTableException">The database is unreachable, a table is incompatible, or the write failed (nothing committed).</exception>
    public static Task<SqlWriteResult> WriteAsync(SqlTarget target, ScoringResult result, CancellationToken cancellationToken) =>
        WriteAsync(target, result, null, cancellationToken);

    /// <summary>
    /// Writes <paramref name="result"/> and, when <paramref name="products"/> is given, the model's products per segment
    /// (replacing that version's product rows) to <paramref name="target"/>, all in one transaction.
    /// </summary>
    /// <exception cref="SegmentTableException">The database is unreachable, a table is incompatible, or the write failed (nothing committed).</exception>
    public static async Task<SqlWriteResult> WriteAsync(SqlTarget target, ScoringResult result, IReadOnlyList<SegmentProduct>? products, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(result);
        var dialect = SqlDialect.For(target.Kind);
        try
        {
            if (target.Kind == SqlTargetKind.Sqlite && Path.GetDirectoryName(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(target.ConnectionString).DataSource) is { Length: > 0 } folder)
            {
                Directory.CreateDirectory(folder);
            }

            await using var connection = dialect.Connect(target.ConnectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var createdSegments = await EnsureTableAsync(dialect, connection, transaction, SegmentTables.Segments, SegmentTables.SegmentColumns, SegmentTables.SegmentKey, target, cancellationToken).ConfigureAwait(false);
            var createdProfiles = await EnsureTableAsync(dialect, connection, transaction, SegmentTables.Profiles, SegmentTables.ProfileColumns, SegmentTables.ProfileKey, target, cancellationToken).ConfigureAwait(false);
            var model = result.Model;
            var replaced = await DeleteVersionAsync(connection, transaction, SegmentTables.Segments, model.ModelName, model.ModelVersion, cancellationToken).ConfigureAwait(false);
            await DeleteVersionAsync(connection, transaction, SegmentTables.Profiles, model.ModelName, model.ModelVersion, cancellationToken).ConfigureAwait(false);
            var rows = await InsertAsync(dialect, connection, transaction, SegmentTables.Segments, SegmentTables.SegmentColumns, SegmentRows(result), cancellationToken).ConfigureAwait(false);
            var profiles = await InsertAsync(dialect, connection, transaction, SegmentTables.Profiles, SegmentTables.ProfileColumns, ProfileRows(result), cancellationToken).ConfigureAwait(false);
            int? productRows = null;
            var createdProducts = false;
            if (products is not null)
            {
                createdProducts = await EnsureTableAsync(dialect, connection, transaction, SegmentTables.Products, SegmentTables.ProductColumns, SegmentTables.ProductKey, target, cancellationToken).ConfigureAwait(false);
                await DeleteVersionAsync(connection, transaction, SegmentTables.Products, model.ModelName, model.ModelVersion, cancellationToken).ConfigureAwait(false);
                productRows = await InsertAsync(dialect, connection, transaction, SegmentTables.Products, SegmentTables.ProductColumns, ProductRows(result, products), cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new SqlWriteResult(target.Display, rows, replaced, profiles, createdSegments || createdProfiles || createdProducts) { ProductRowsWritten = productRows };
        }
        catch (DbException ex)
        {
            throw new SegmentTableException($"{target.Display}: {ex.Message}; nothing was written", ex);
        }
        catch (InvalidOperationException ex) when (ex.InnerException is DbException or System.Net.Sockets.SocketException)
        {
            throw new SegmentTableException($"{target.Display}: {ex.Message}; nothing was written", ex);
        }
    }

    private static async Task<bool> EnsureTableAsync(
        SqlDialect dialect, DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<SqlColumn> columns, IReadOnlyList<string> key, SqlTarget target, CancellationToken cancellationToken)
    {
        var existing = await dialect.ColumnsAsync(connection, transaction, table, cancellationToken).ConfigureAwait(false);
        if (existing.Count == 0)
        {
            var ddl = new StringBuilder("CREATE TABLE IF NOT EXISTS ").Append(table).Append(" (");
            foreach (var column in columns)
            {
                ddl.Append(column.Name).Append(' ').Append(dialect.TypeName(column.Type)).Append(column.Nullable ? " NULL" : " NOT NULL").Append(", ");
            }

            ddl.Append("PRIMARY KEY (").AppendJoin(", ", key).Append("))");
            await ExecuteAsync(connection, transaction, ddl.ToString(), cancellationToken).ConfigureAwait(false);
            if (table == SegmentTables.Segments)
            {
                // BI tools look customers up across versions; the key leads with the model instead.
                await ExecuteAsync(connection, transaction, $"CREATE INDEX IF NOT EXISTS ix_{table}_customer ON {table} ({ScoreColumns.CustomerId})", cancellationToken).ConfigureAwait(false);
            }

            return true;
        }

        foreach (var column in columns)
        {
            if (!existing.TryGetValue(column.Name, out var declared))
            {
                throw Incompatible(target, table, $"it has no column '{column.Name}' ({dialect.TypeName(column.Type)})");
            }

            if (!dialect.Accepts(column.Type, declared))
            {
                throw Incompatible(target, table, $"its column '{column.Name}' is {declared}, expected {dialect.TypeName(column.Type)}");
            }
        }

        return false;
    }

    private static SegmentTableException Incompatible(SqlTarget target, string table, string why) =>
        new($"{target.Display}: the existing table {table} is not a segments table this tool can write: {why}. "
            + "It is left as it is (never dropped); write to another database, or rename or drop the table yourself");

    private static async Task<int> DeleteVersionAsync(DbConnection connection, DbTransaction transaction, string table, string modelName, string modelVersion, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"DELETE FROM {table} WHERE {ScoreColumns.ModelName} = @name AND {ScoreColumns.ModelVersion} = @version";
        Add(command, "name", modelName);
        Add(command, "version", modelVersion);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<int> InsertAsync(
        SqlDialect dialect, DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<SqlColumn> columns, IEnumerable<object?[]> rows, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns.Select(c => c.Name))}) VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i.ToString(CultureInfo.InvariantCulture)))})";
        var parameters = columns.Select((_, i) => Add(command, "p" + i.ToString(CultureInfo.InvariantCulture), DBNull.Value)).ToArray();
        var count = 0;
        foreach (var row in rows)
        {
            for (var i = 0; i < columns.Count; i++)
            {
                parameters[i].Value = dialect.Value(columns[i].Type, row[i]);
            }

            count += await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        return count;
    }

    private static IEnumerable<object?[]> SegmentRows(ScoringResult result)
    {
        var model = result.Model;
        var scores = result.Scores;
        for (var r = 0; r < result.Count; r++)
        {
            var score = scores.Scores[r];
            yield return
            [
                result.Customers.CustomerIds[r],
                scores.Segments[r],
                result.SegmentName(r),
                scores.Kind == ScoreKind.Distance && double.IsFinite(score) ? score : null,
                scores.Kind == ScoreKind.Probability ? score : null,
                scores.Kind == ScoreKind.Noise ? score != 0 : null,
                model.ModelName,
                model.ModelVersion,
                model.RunId,
                result.ScoredAt,
            ];
        }
    }

    private static IEnumerable<object?[]> ProfileRows(ScoringResult result)
    {
        var model = result.Model;
        foreach (var profile in SegmentProfiles.Of(result))
        {
            yield return
            [
                model.ModelName,
                model.ModelVersion,
                model.RunId,
                profile.Segment,
                profile.Name,
                profile.Size,
                profile.Share,
                profile.RevenueShare,
                result.ScoredAt,
                .. Data.Features.FeatureCatalog.Names.Select(name => profile.FeatureMeans.TryGetValue(name, out var mean) && double.IsFinite(mean) ? (object?)mean : null),
            ];
        }
    }

    private static IEnumerable<object?[]> ProductRows(ScoringResult result, IReadOnlyList<SegmentProduct> products)
    {
        var model = result.Model;
        foreach (var product in products.OrderBy(p => p.Segment).ThenBy(p => p.Rank))
        {
            yield return
            [
                model.ModelName,
                model.ModelVersion,
                model.RunId,
                product.Segment,
                SegmentNames.For(product.Segment, model),
                product.Rank,
                product.StockCode,
                product.Description,
                double.Parse(product.Lift, CultureInfo.InvariantCulture),
                product.SegmentCustomersWithProduct,
                product.SegmentCustomers,
                product.AllCustomersWithProduct,
                product.AllCustomers,
            ];
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static DbParameter Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
