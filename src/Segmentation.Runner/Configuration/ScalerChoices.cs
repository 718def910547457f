using Segmentation.Clustering.Scaling;
using Segmentation.Data.Configuration;

namespace Segmentation.Runner.Configuration;

/// <summary>
/// Binds <c>search.scalers</c>: one name or a list whose items are names, chains written <c>log1p+robust</c>, or chains
/// written as a nested list <c>[log1p, robust]</c>. Every chain is stored under its canonical <c>a+b</c> name, so both
/// spellings plan the same trials with the same hashes.
/// </summary>
internal static class ScalerChoices
{
    /// <summary>The canonical scaler names, in config order; bad, empty or duplicate items throw a located <see cref="ConfigException"/>.</summary>
    public static IReadOnlyList<string> Bind(ConfigMapping parent, string key)
    {
        var sequence = parent.GetSequence(key) ?? throw ConfigReads.Missing(parent, key, "a scaler or a list of scalers: " + ScalerNames.Allowed);
        if (sequence.Items.Count == 0)
        {
            throw sequence.Error("expected at least one scaler, found an empty list; allowed: " + ScalerNames.Allowed);
        }

        var names = new List<string>();
        foreach (var item in sequence.Items)
        {
            var name = item switch
            {
                ConfigScalar scalar => Check(scalar, scalar.Text),
                ConfigSequence chain when chain.Items.Count >= 2 => Check(chain, ScalerNames.Join(chain.Scalars().Select(s => Step(s)))),
                ConfigSequence chain => throw chain.Error("a chain needs at least two steps, e.g. [log1p, robust]"),
                _ => throw item.Error($"expected a scaler name or a chain [a, b], found {item.KindName}"),
            };
            if (names.Contains(name, StringComparer.Ordinal))
            {
                throw item.Error($"duplicate scaler '{name}' in {sequence.Path}");
            }

            names.Add(name);
        }

        return names;
    }

    private static string Step(ConfigScalar step) =>
        ScalerNames.Steps.Contains(step.Text, StringComparer.Ordinal)
            ? step.Text
            : throw step.Error($"unknown chain step '{step.Text}'; allowed steps: {string.Join(", ", ScalerNames.Steps)}");

    private static string Check(ConfigValue node, string name) =>
        ScalerNames.IsValid(name) ? name : throw node.Error($"unknown value '{name}'; allowed: {ScalerNames.Allowed}");
}
