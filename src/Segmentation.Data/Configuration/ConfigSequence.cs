namespace Segmentation.Data.Configuration;

/// <summary>A YAML list.</summary>
public sealed class ConfigSequence : ConfigValue
{
    public ConfigSequence(IReadOnlyList<ConfigValue> items, string source, int line, int column, string path)
        : base(source, line, column, path)
    {
        Items = items;
    }

    /// <summary>The list items in document order.</summary>
    public IReadOnlyList<ConfigValue> Items { get; }

    public override string KindName => "a list";

    /// <summary>Every item as a scalar; a nested list or mapping is an error at that item.</summary>
    public IReadOnlyList<ConfigScalar> Scalars() =>
        Items.Select(item => item as ConfigScalar ?? throw item.Error($"expected a scalar list item, found {item.KindName}")).ToList();

    internal override ConfigValue WithPath(string path) =>
        new ConfigSequence(
            Items.Select((item, i) => item.WithPath(FormattableString.Invariant($"{path}[{i}]"))).ToList(),
            Source, Line, Column, path);
}
