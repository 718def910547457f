using Segmentation.Data.Configuration;

namespace Segmentation.Data.Ingestion;

/// <summary>Where the transactions come from and how to read them (params.yaml <c>data:</c>).</summary>
public sealed record IngestionOptions
{
    /// <summary>The shipped dataset, relative to the working directory.</summary>
    public const string DefaultInput = "data/online_retail.csv.gz";

    /// <summary>Default path of the rejected-rows file under <c>on_bad_rows: skip</c>.</summary>
    public const string DefaultRejectedRowsFile = "rejected_rows.csv";

    /// <summary>The params.yaml keys of this section.</summary>
    public static IReadOnlyList<string> Keys { get; } = ["input", "columns", "sheet", "on_bad_rows", "rejected_rows_file"];

    /// <summary>Input file (.csv, .csv.gz, .xlsx); a relative path resolves against the working directory.</summary>
    /// <value>Default <c>data/online_retail.csv.gz</c>.</value>
    public string Input { get; init; } = DefaultInput;

    /// <summary>Header names for logical columns whose names differ from both UCI spellings.</summary>
    /// <value>Default: none (both UCI spellings are recognised).</value>
    public IReadOnlyDictionary<TransactionColumn, string> Columns { get; init; } = new Dictionary<TransactionColumn, string>();

    /// <summary>Worksheet to read from a workbook; null picks the first sheet whose header has the required columns.</summary>
    public string? Sheet { get; init; }

    /// <summary>What to do with an unparsable row.</summary>
    /// <value>Default <see cref="BadRowPolicy.Fail"/>.</value>
    public BadRowPolicy OnBadRows { get; init; } = BadRowPolicy.Fail;

    /// <summary>Where skipped rows are written (line, reason, raw line); relative to the working directory.</summary>
    /// <value>Default <c>rejected_rows.csv</c>.</value>
    public string RejectedRowsFile { get; init; } = DefaultRejectedRowsFile;

    /// <summary>The header names accepted for a logical column: the mapped name if any, else both UCI spellings.</summary>
    public IReadOnlyList<string> AcceptedNames(TransactionColumn column) =>
        Columns.TryGetValue(column, out var mapped) ? [mapped] : ColumnNames.Defaults(column);

    /// <summary>Checks the values; throws <see cref="ArgumentException"/> naming the bad one.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(Input))
        {
            throw new ConfigException("data.input must name a file");
        }

        if (string.IsNullOrWhiteSpace(RejectedRowsFile))
        {
            throw new ConfigException("data.rejected_rows_file must name a file");
        }

        foreach (var (column, name) in Columns)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new ConfigException($"data.columns.{ColumnNames.ConfigKey(column)} must be a header name");
            }
        }
    }

    /// <summary>Reads the <c>data:</c> section; unknown keys and bad values fail with file, line and key path.</summary>
    public static IngestionOptions Bind(ConfigMapping section)
    {
        ArgumentNullException.ThrowIfNull(section);
        section.RejectUnknownKeys([.. Keys]);
        var defaults = new IngestionOptions();
        var columnsSection = section.GetMapping("columns");
        var allowedColumns = ColumnNames.All.Select(ColumnNames.ConfigKey).ToArray();
        columnsSection.RejectUnknownKeys(allowedColumns);
        var columns = new Dictionary<TransactionColumn, string>();
        foreach (var column in ColumnNames.All)
        {
            var scalar = columnsSection.GetScalar(ColumnNames.ConfigKey(column));
            if (scalar is null)
            {
                continue;
            }

            if (string.IsNullOrWhiteSpace(scalar.Text))
            {
                throw scalar.Error("expected a header name, found an empty value");
            }

            columns[column] = scalar.Text;
        }

        var input = section.GetScalar("input");
        if (input is not null && string.IsNullOrWhiteSpace(input.Text))
        {
            throw input.Error("expected a file path, found an empty value");
        }

        var rejected = section.GetScalar("rejected_rows_file");
        if (rejected is not null && string.IsNullOrWhiteSpace(rejected.Text))
        {
            throw rejected.Error("expected a file path, found an empty value");
        }

        var options = new IngestionOptions
        {
            Input = input?.Text ?? defaults.Input,
            Columns = columns,
            Sheet = section.GetString("sheet"),
            OnBadRows = section.GetChoice("on_bad_rows", "fail", ["fail", "skip"]) == "skip" ? BadRowPolicy.Skip : BadRowPolicy.Fail,
            RejectedRowsFile = rejected?.Text ?? defaults.RejectedRowsFile,
        };
        options.Validate();
        return options;
    }
}
