using Segmentation.Data.Configuration;

namespace Segmentation.Runner.Configuration;

/// <summary>Where a promoted model goes (<c>registry:</c>): a registered model name and either a stage or an alias.</summary>
/// <param name="ModelName">Registered model name.</param>
/// <param name="Stage">Stage to transition to (Staging or Production), or null when an alias is used.</param>
/// <param name="Alias">Alias to point at the new version (e.g. <c>champion</c>), or null when a stage is used.</param>
public sealed record RegistryTarget(string ModelName, string? Stage, string? Alias)
{
    /// <summary>The stages a promotion may move a version to.</summary>
    public static IReadOnlyList<string> Stages { get; } = ["Staging", "Production"];

    /// <summary>Binds <c>registry: {model_name, stage | alias}</c>; null when the section is absent.</summary>
    public static RegistryTarget? Bind(ConfigMapping section)
    {
        ArgumentNullException.ThrowIfNull(section);
        if (!section.Entries.Any())
        {
            return null;
        }

        section.RejectUnknownKeys("model_name", "stage", "alias");
        var name = section.GetScalar("model_name")
            ?? throw new ConfigException("missing required key 'model_name' (the registered model name)", section.Source, section.Line, section.Column, section.Child("model_name"));
        if (string.IsNullOrWhiteSpace(name.Text))
        {
            throw name.Error("expected a non-empty registered model name");
        }

        var stage = section.GetScalar("stage")?.AsChoice(Stages);
        var alias = section.GetScalar("alias");
        if (stage is not null && alias is not null)
        {
            throw alias.Error("give either 'stage' or 'alias', not both");
        }

        if (stage is null && alias is null)
        {
            throw new ConfigException(
                $"expected 'stage' ({string.Join(", ", Stages)}) or 'alias' (e.g. champion)", section.Source, section.Line, section.Column, section.Path);
        }

        if (alias is not null && !IsValidAlias(alias.Text))
        {
            throw alias.Error($"alias '{alias.Text}' is not valid; expected letters, digits, '_' or '-', not starting with 'v' followed by digits");
        }

        return new RegistryTarget(name.Text, stage, alias?.Text);
    }

    // MLflow reserves "latest" and version-like aliases ("v3"), and allows only word characters and dashes.
    private static bool IsValidAlias(string alias) =>
        alias.Length > 0
        && alias.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-')
        && !string.Equals(alias, "latest", StringComparison.OrdinalIgnoreCase)
        && !(alias.Length > 1 && alias[0] is 'v' or 'V' && alias[1..].All(char.IsAsciiDigit));
}
