using Segmentation.Data.Configuration;
using Segmentation.Tracking.Registry;

namespace Segmentation.Runner.Configuration;

/// <summary>Where a promoted model goes (<c>registry:</c>): a registered model name and either a stage or an alias.</summary>
/// <param name="ModelName">Registered model name.</param>
/// <param name="Stage">Stage to transition to (Staging or Production), or null when an alias is used.</param>
/// <param name="Alias">Alias to point at the new version (e.g. <c>champion</c>), or null when a stage is used.</param>
public sealed record RegistryTarget(string ModelName, string? Stage, string? Alias)
{
    /// <summary>Binds <c>registry: {model_name, stage | alias}</c> (alias <c>champion</c> when neither is given); null when the section is absent.</summary>
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

        var stageValue = section.GetScalar("stage");
        var stage = stageValue is null ? null : ModelStages.PromotionTarget(stageValue.Text) ?? throw stageValue.Error(ModelStages.ValidatePromotionTarget(stageValue.Text)!);
        var alias = section.GetScalar("alias");
        if (stage is not null && alias is not null)
        {
            throw alias.Error("give either 'stage' or 'alias', not both");
        }

        // The alias rule is checked here so a bad alias fails when the config loads, at its line, not after registration.
        if (alias is not null && ModelAliases.Validate(alias.Text) is { } problem)
        {
            throw alias.Error(problem);
        }

        // Aliases are the default target: stages are deprecated since MLflow 2.9 and only kept on request.
        return new RegistryTarget(name.Text, stage, stage is null ? alias?.Text ?? ModelAliases.Default : null);
    }
}
