namespace Segmentation.Parquet.Tests.DuckDb;

/// <summary>Shares one DuckDbFixture between the DuckDB test classes.</summary>
[CollectionDefinition(Name)]
public sealed class DuckDbCollection : ICollectionFixture<DuckDbFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "DuckDB";
}
