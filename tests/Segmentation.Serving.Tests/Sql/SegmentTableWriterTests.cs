using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;
using Segmentation.Serving.Models;
using Segmentation.Serving.Scoring;
using Segmentation.Serving.Sql;
using Segmentation.Serving.Tests.Fixtures;

namespace Segmentation.Serving.Tests.Sql;

/// <summary>The segments tables on a real SQLite file and a real PostgreSQL server: created, replaced per version, never dropped.</summary>
public sealed class SegmentTableWriterTests(TrainedModelsFixture models, PostgresServerFixture postgres)
    : IClassFixture<TrainedModelsFixture>, IClassFixture<PostgresServerFixture>
{
    public static TheoryData<string> Targets => ["sqlite", "postgres"];

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task WriteAsync_SameVersionTwice_ReplacesItsRowsAndKeepsOtherVersions(string kind)
    {
        var target = Target(kind);
        var kmeans = await ScoreAsync("kmeans");
        var gmm = await ScoreAsync("gmm");

        var first = await SegmentTableWriter.WriteAsync(target, kmeans, CancellationToken.None);
        await SegmentTableWriter.WriteAsync(target, gmm, CancellationToken.None);
        var again = await SegmentTableWriter.WriteAsync(target, kmeans, CancellationToken.None);

        Assert.True(first.CreatedTables);
        Assert.Equal(kmeans.Count, again.RowsWritten);
        Assert.Equal(kmeans.Count, again.RowsReplaced);
        Assert.Equal(kmeans.Count, await CountAsync(target, $"customer_segments WHERE model_name = '{kmeans.Model.ModelName}'"));
        Assert.Equal(gmm.Count, await CountAsync(target, $"customer_segments WHERE model_name = '{gmm.Model.ModelName}'"));
        Assert.Equal(4, await CountAsync(target, $"segment_profiles WHERE model_name = '{kmeans.Model.ModelName}'"));
        Assert.Equal(0, await CountAsync(target, $"customer_segments WHERE model_name = '{gmm.Model.ModelName}' AND probability IS NULL"));
        Assert.Equal(0, await CountAsync(target, $"customer_segments WHERE model_name = '{kmeans.Model.ModelName}' AND distance IS NULL"));
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task WriteAsync_IncompatibleExistingTable_FailsWithoutTouchingIt(string kind)
    {
        var target = Target(kind);
        await ExecuteAsync(target, "CREATE TABLE customer_segments (customer_id TEXT, note TEXT)");
        await ExecuteAsync(target, "INSERT INTO customer_segments VALUES ('a', 'keep me')");
        var result = await ScoreAsync("kmeans");

        var error = await Assert.ThrowsAsync<SegmentTableException>(() => SegmentTableWriter.WriteAsync(target, result, CancellationToken.None));

        Assert.Contains("customer_segments", error.Message, StringComparison.Ordinal);
        Assert.Contains("never dropped", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, await CountAsync(target, "customer_segments WHERE note = 'keep me'"));
        Assert.Equal(0, await CountAsync(target, "information_schema_stub", tableExists: "segment_profiles"));
    }

    [Fact]
    public async Task WriteAsync_ProfileRevenueShares_SumToOne()
    {
        var target = Target("sqlite");
        var result = await ScoreAsync("kmeans");

        await SegmentTableWriter.WriteAsync(target, result, CancellationToken.None);

        await using var connection = new SqliteConnection(target.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT SUM(revenue_share), SUM(share), SUM(size) FROM segment_profiles";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(1.0, reader.GetDouble(0), 9);
        Assert.Equal(1.0, reader.GetDouble(1), 9);
        Assert.Equal(result.Count, reader.GetInt64(2));
    }

    [Theory]
    [MemberData(nameof(Targets))]
    public async Task WriteAsync_WithProducts_OneRowPerSegmentAndRankAsTheModelRecordsThemReplacedPerVersion(string kind)
    {
        var target = Target(kind);
        var result = await ScoreAsync("kmeans");
        var products = Segmentation.Serving.Http.ModelProducts.Of(result.Model.Folder).Rows!;

        var without = await SegmentTableWriter.WriteAsync(target, result, CancellationToken.None);
        var first = await SegmentTableWriter.WriteAsync(target, result, products, CancellationToken.None);
        var again = await SegmentTableWriter.WriteAsync(target, result, products, CancellationToken.None);

        Assert.Null(without.ProductRowsWritten);
        Assert.True(first.CreatedTables);
        Assert.Equal(products.Count, again.ProductRowsWritten);
        Assert.Equal(products.Count, await CountAsync(target, $"segment_products WHERE model_name = '{result.Model.ModelName}'"));
        var best = products.Single(p => p.Segment == 0 && p.Rank == 1);
        await using var connection = Connect(target);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT stock_code, lift, segment_customers_with_product, segment_customers, all_customers_with_product, all_customers, segment_name "
            + "FROM segment_products WHERE segment = 0 AND rank = 1";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(best.StockCode, reader.GetString(0));
        Assert.Equal(double.Parse(best.Lift, System.Globalization.CultureInfo.InvariantCulture), reader.GetDouble(1));
        Assert.Equal(
            (best.SegmentCustomersWithProduct, best.SegmentCustomers, best.AllCustomersWithProduct, best.AllCustomers),
            (reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5)));
        Assert.Equal(SegmentNames.For(0, result.Model), reader.GetString(6));
    }

    private SqlTarget Target(string kind)
    {
        if (kind == "sqlite")
        {
            return SqlTarget.Parse("sqlite:///" + Path.Combine(models.Scratch, "segments-" + Guid.NewGuid().ToString("N")[..8] + ".db"), models.Scratch);
        }

        return SqlTarget.Parse(postgres.CreateDatabaseUri(), models.Scratch);
    }

    private async Task<ScoringResult> ScoreAsync(string algorithm)
    {
        var model = await models.GetAsync(algorithm);
        using var cache = new TempDirectory();
        var loaded = await ModelLoader.LoadAsync(models.Backend, ModelReference.Parse($"models:/{model.Name}/1", cache.Path), new ModelCache(cache.Path), CancellationToken.None);
        var batch = new CustomerBatch(RepositoryPaths.ShippedDataset, false, models.Built.Table, [], null, 0, 0);
        return Predictor.Score(loaded, batch, TimeProvider.System);
    }

    private static DbConnection Connect(SqlTarget target) =>
        target.Kind == SqlTargetKind.Sqlite ? new SqliteConnection(target.ConnectionString) : new NpgsqlConnection(target.ConnectionString);

    private static async Task ExecuteAsync(SqlTarget target, string sql)
    {
        await using var connection = Connect(target);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> CountAsync(SqlTarget target, string from, string? tableExists = null)
    {
        await using var connection = Connect(target);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = tableExists is null
            ? "SELECT COUNT(*) FROM " + from
            : target.Kind == SqlTargetKind.Sqlite
                ? $"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '{tableExists}'"
                : $"SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = '{tableExists}'";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
