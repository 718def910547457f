using Microsoft.Data.Sqlite;
using Segmentation.Tracking.Sqlite;

namespace Segmentation.Tracking.Tests.Sqlite;

public sealed class StatementCacheTests : IDisposable
{
    private readonly SqliteConnection _connection = Open();

    public void Dispose() => _connection.Dispose();

    [Fact]
    public void Get_SameText_ReturnsTheSameCommandWhichRunsAgainWithNewParameters()
    {
        var cache = new StatementCache();
        var insert = cache.Get(_connection, "INSERT INTO t (v) VALUES ($v)");
        foreach (var value in new[] { 1, 2, 3 })
        {
            Assert.Same(insert, cache.Get(_connection, "INSERT INTO t (v) VALUES ($v)"));
            insert.Parameters.Clear();
            insert.Parameters.AddWithValue("$v", value);
            insert.ExecuteNonQuery();
        }

        var sum = cache.Get(_connection, "SELECT sum(v) FROM t");
        Assert.Equal(6L, sum.ExecuteScalar());
        Assert.Equal(2, cache.Count);
    }

    [Fact]
    public void Get_BeyondCapacity_DisposesTheLeastRecentlyUsedAndKeepsTheRest()
    {
        var cache = new StatementCache();
        var commands = Enumerable.Range(0, StatementCache.Capacity).Select(i => cache.Get(_connection, "SELECT " + i)).ToList();
        Assert.Same(commands[0], cache.Get(_connection, "SELECT 0"));
        Assert.Same(commands[1], cache.Get(_connection, "SELECT 1"));
        var disposed = commands.Select(_ => false).ToArray();
        for (var i = 0; i < commands.Count; i++)
        {
            var index = i;
            commands[i].Disposed += (_, _) => disposed[index] = true;
        }

        cache.Get(_connection, "SELECT -1");

        // "SELECT 2" was the least recently used: evicted and disposed, and asked again it is a new command.
        Assert.Equal(StatementCache.Capacity, cache.Count);
        Assert.Equal([2], Enumerable.Range(0, commands.Count).Where(i => disposed[i]));
        Assert.Same(commands[0], cache.Get(_connection, "SELECT 0"));
        Assert.Same(commands[1], cache.Get(_connection, "SELECT 1"));
        var again = cache.Get(_connection, "SELECT 2");
        Assert.NotSame(commands[2], again);
        Assert.Equal(2L, again.ExecuteScalar());
    }

    [Fact]
    public void Get_OtherConnection_StartsAnEmptyCacheForIt()
    {
        var cache = new StatementCache();
        var before = cache.Get(_connection, "SELECT 1");
        using var other = Open();

        var after = cache.Get(other, "SELECT 1");

        Assert.NotSame(before, after);
        Assert.Same(other, after.Connection);
        Assert.Equal(1, cache.Count);
        Assert.Equal(1L, after.ExecuteScalar());
    }

    private static SqliteConnection Open()
    {
        var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var create = connection.CreateCommand();
        create.CommandText = "CREATE TABLE t (v INTEGER)";
        create.ExecuteNonQuery();
        return connection;
    }
}
