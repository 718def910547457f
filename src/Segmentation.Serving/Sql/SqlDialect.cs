using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using Segmentation.Serving.Output;

namespace Segmentation.Serving.Sql;

/// <summary>What differs between SQLite and PostgreSQL for the segments tables: connections, type names, catalogue queries, values.</summary>
public abstract class SqlDialect
{
    /// <summary>The dialect of a target.</summary>
    public static SqlDialect For(SqlTargetKind kind) => kind == SqlTargetKind.Postgres ? new PostgresDialect() : new SqliteDialect();

    /// <summary>A new, closed connection.</summary>
    public abstract DbConnection Connect(string connectionString);

    /// <summary>The type name used in CREATE TABLE.</summary>
    public abstract string TypeName(SqlColumnType type);

    /// <summary>Whether an existing column's declared type holds values of <paramref name="type"/>.</summary>
    public abstract bool Accepts(SqlColumnType type, string declaredType);

    /// <summary>The existing table's columns (name → declared type, lower-case); empty when the table does not exist.</summary>
    public abstract Task<Dictionary<string, string>> ColumnsAsync(DbConnection connection, DbTransaction transaction, string table, CancellationToken cancellationToken);

    /// <summary>The parameter value for <paramref name="value"/> in a column of <paramref name="type"/>.</summary>
    public virtual object Value(SqlColumnType type, object? value) => value ?? DBNull.Value;

    private sealed class SqliteDialect : SqlDialect
    {
        public override DbConnection Connect(string connectionString) => new SqliteConnection(connectionString);

        public override string TypeName(SqlColumnType type) => type switch
        {
            SqlColumnType.BigInt or SqlColumnType.Int or SqlColumnType.Bool => "INTEGER",
            SqlColumnType.Real => "REAL",
            _ => "TEXT",
        };

        // SQLite's type affinity rules (section 3.1 of its datatype page): INT → integer, CHAR/CLOB/TEXT → text, REAL/FLOA/DOUB → real.
        public override bool Accepts(SqlColumnType type, string declaredType) => type switch
        {
            SqlColumnType.BigInt or SqlColumnType.Int or SqlColumnType.Bool => declaredType.Contains("int", StringComparison.Ordinal) || declaredType.Contains("bool", StringComparison.Ordinal),
            SqlColumnType.Real => declaredType.Contains("real", StringComparison.Ordinal) || declaredType.Contains("floa", StringComparison.Ordinal) || declaredType.Contains("doub", StringComparison.Ordinal),
            _ => declaredType.Contains("text", StringComparison.Ordinal) || declaredType.Contains("char", StringComparison.Ordinal) || declaredType.Contains("clob", StringComparison.Ordinal) || declaredType.Contains("timestamp", StringComparison.Ordinal) || declaredType.Contains("date", StringComparison.Ordinal),
        };

        public override Task<Dictionary<string, string>> ColumnsAsync(DbConnection connection, DbTransaction transaction, string table, CancellationToken cancellationToken) =>
            ReadColumnsAsync(connection, transaction, "SELECT name, type FROM pragma_table_info($table)", "$table", table, cancellationToken);

        public override object Value(SqlColumnType type, object? value) => value switch
        {
            null => DBNull.Value,
            bool b => b ? 1 : 0,
            DateTimeOffset at => ScoreColumns.Timestamp(at),
            _ => value,
        };
    }

    private sealed class PostgresDialect : SqlDialect
    {
        public override DbConnection Connect(string connectionString) => new NpgsqlConnection(connectionString);

        public override string TypeName(SqlColumnType type) => type switch
        {
            SqlColumnType.BigInt => "BIGINT",
            SqlColumnType.Int => "INTEGER",
            SqlColumnType.Real => "DOUBLE PRECISION",
            SqlColumnType.Bool => "BOOLEAN",
            SqlColumnType.Timestamp => "TIMESTAMPTZ",
            _ => "TEXT",
        };

        public override bool Accepts(SqlColumnType type, string declaredType) => type switch
        {
            SqlColumnType.BigInt => declaredType is "bigint" or "numeric",
            SqlColumnType.Int => declaredType is "integer" or "bigint" or "numeric",
            SqlColumnType.Real => declaredType is "double precision" or "numeric",
            SqlColumnType.Bool => declaredType is "boolean",
            SqlColumnType.Timestamp => declaredType is "timestamp with time zone",
            _ => declaredType is "text" or "character varying",
        };

        public override Task<Dictionary<string, string>> ColumnsAsync(DbConnection connection, DbTransaction transaction, string table, CancellationToken cancellationToken) =>
            ReadColumnsAsync(
                connection,
                transaction,
                "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = @table",
                "table",
                table,
                cancellationToken);

        public override object Value(SqlColumnType type, object? value) => value switch
        {
            null => DBNull.Value,
            DateTimeOffset at => at.ToUniversalTime(),
            _ => value,
        };
    }

    // Both catalogues answer (column name, declared type) rows for one table, named by a bound parameter.
    private static async Task<Dictionary<string, string>> ReadColumnsAsync(
        DbConnection connection, DbTransaction transaction, string query, string parameterName, string table, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = query;
        var parameter = command.CreateParameter();
        parameter.ParameterName = parameterName;
        parameter.Value = table;
        command.Parameters.Add(parameter);
        var columns = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            columns[reader.GetString(0)] = reader.GetString(1).ToLower(CultureInfo.InvariantCulture);
        }

        return columns;
    }
}
