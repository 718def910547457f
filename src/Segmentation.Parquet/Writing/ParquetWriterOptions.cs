using System.Reflection;

namespace Segmentation.Parquet.Writing;

/// <summary>Options for ParquetWriter; defaults are stated once here.</summary>
public sealed record ParquetWriterOptions
{
    /// <summary>Page compression codec.</summary>
    /// <value>Snappy.</value>
    public ParquetCompression Compression { get; init; } = ParquetCompression.Snappy;

    /// <summary>Maximum rows per row group when the writer splits a table (WriteTable).</summary>
    /// <value>122,880 rows, as DuckDB.</value>
    public int RowGroupSize { get; init; } = 122_880;

    /// <summary>Whether to try dictionary encoding (RLE_DICTIONARY) for non-boolean columns.</summary>
    /// <value>true.</value>
    public bool UseDictionary { get; init; } = true;

    /// <summary>Largest PLAIN-encoded dictionary, in bytes, before a column chunk falls back to PLAIN.</summary>
    /// <value>1 MiB.</value>
    public int DictionaryPageSizeLimit { get; init; } = 1 << 20;

    /// <summary>Target uncompressed size of one data page, in bytes.</summary>
    /// <value>1 MiB.</value>
    public int DataPageSize { get; init; } = 1 << 20;

    /// <summary>Key-value pairs stored in the file footer.</summary>
    /// <value>none.</value>
    public IReadOnlyDictionary<string, string>? KeyValueMetadata { get; init; }

    /// <summary>The created_by string of the footer.</summary>
    /// <value>"Segmentation.Parquet version X.Y.Z", this assembly's version.</value>
    public string CreatedBy { get; init; } = DefaultCreatedBy;

    private static readonly string DefaultCreatedBy = "Segmentation.Parquet version " +
        (typeof(ParquetWriterOptions).Assembly
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0");

    /// <summary>Throws ArgumentException naming the first invalid option and its allowed values.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Compression))
        {
            throw new ArgumentException($"Compression {Compression} is not one of None, Snappy, Gzip", nameof(Compression));
        }

        if (RowGroupSize < 1)
        {
            throw new ArgumentException($"RowGroupSize must be at least 1 row, got {RowGroupSize}", nameof(RowGroupSize));
        }

        if (DictionaryPageSizeLimit < 0)
        {
            throw new ArgumentException($"DictionaryPageSizeLimit must be 0 or more bytes, got {DictionaryPageSizeLimit}", nameof(DictionaryPageSizeLimit));
        }

        if (DataPageSize < 1024)
        {
            throw new ArgumentException($"DataPageSize must be at least 1024 bytes, got {DataPageSize}", nameof(DataPageSize));
        }

        if (CreatedBy is null)
        {
            throw new ArgumentException("CreatedBy must not be null", nameof(CreatedBy));
        }
    }
}
