using System.Globalization;
using System.Text.RegularExpressions;

namespace Segmentation.Tracking.Registry;

/// <summary>The one alias rule (MLflow's <c>_validate_model_alias_name</c>), shared by the stores, the config, the CLI and promotion.</summary>
public static partial class ModelAliases
{
    /// <summary>The alias moved when a promotion names neither a stage nor an alias.</summary>
    public const string Default = "champion";

    /// <summary>MLflow's longest alias (<c>MAX_REGISTERED_MODEL_ALIAS_LENGTH</c>).</summary>
    public const int MaxLength = 255;

    // MLflow: ^[\w\-]*$ with Python's Unicode \w; \z so a trailing newline is refused rather than stored.
    [GeneratedRegex(@"^[\w\-]*\z", RegexOptions.CultureInvariant)]
    private static partial Regex AllowedCharacters();

    // "v3" would shadow the version reference models:/name/3 written as models:/name@v3, so MLflow reserves the form.
    [GeneratedRegex(@"^[vV]\d+\z", RegexOptions.CultureInvariant)]
    private static partial Regex VersionForm();

    /// <summary>
    /// The problem with <paramref name="alias"/> in MLflow's words (empty, bad characters, too long, reserved
    /// <c>latest</c> or <c>v&lt;digits&gt;</c>), or null when MLflow accepts it.
    /// </summary>
    public static string? Validate(string? alias)
    {
        if (string.IsNullOrEmpty(alias))
        {
            return "Registered model alias name cannot be empty.";
        }

        if (!AllowedCharacters().IsMatch(alias))
        {
            return $"Invalid alias name: '{alias}'. Names may only contain alphanumerics, underscores (_), and dashes (-).";
        }

        if (alias.Length > MaxLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"Registered model alias name exceeds the maximum length of {MaxLength} characters ({alias.Length}).");
        }

        if (string.Equals(alias, "latest", StringComparison.OrdinalIgnoreCase))
        {
            return "'latest' alias name (case insensitive) is reserved.";
        }

        return VersionForm().IsMatch(alias) ? $"Version alias name '{alias}' is reserved." : null;
    }
}
