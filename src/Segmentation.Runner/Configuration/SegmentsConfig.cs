using System.Globalization;
using Segmentation.Data.Configuration;
using Segmentation.Tracking.Models;

namespace Segmentation.Runner.Configuration;

/// <summary>
/// Segment names chosen by people for one registered model version (<c>segments: {names: {"customer-segments/3": {0: VIP}}}</c>),
/// applied after the RFM rule wherever that version's segments are shown.
/// </summary>
/// <param name="Names">Overrides by <c>model/version</c>, each by segment label.</param>
public sealed record SegmentsConfig(IReadOnlyDictionary<string, IReadOnlyDictionary<int, string>> Names)
{
    /// <summary>No overrides.</summary>
    public static SegmentsConfig None { get; } = new(new Dictionary<string, IReadOnlyDictionary<int, string>>());

    /// <summary>The overrides as predict, serve and the report apply them.</summary>
    public SegmentNameOverrides Overrides => new(Names);

    /// <summary>The overrides of one model version, or null when it has none.</summary>
    public IReadOnlyDictionary<int, string>? NamesFor(string model, string version) => Overrides.NamesFor(model, version);

    /// <summary>
    /// The <c>segments:</c> section of the working directory's params.yaml (the file predict, serve and report read the
    /// overrides from), or <see cref="None"/> when there is no file or no section.
    /// </summary>
    /// <exception cref="ConfigException">params.yaml is not valid YAML or its <c>segments:</c> section does not bind.</exception>
    public static SegmentsConfig FromParams(string workingDirectory) =>
        ParamsFile.Load(workingDirectory, null) is { } root && root.Has("segments") ? Bind(root.GetMapping("segments")) : None;

    /// <summary>Binds <c>segments:</c>; keys are <c>"&lt;model name&gt;/&lt;version&gt;"</c>, labels integers ≥ −1, names non-empty.</summary>
    public static SegmentsConfig Bind(ConfigMapping section)
    {
        ArgumentNullException.ThrowIfNull(section);
        section.RejectUnknownKeys("names");
        var names = new Dictionary<string, IReadOnlyDictionary<int, string>>(StringComparer.Ordinal);
        var versions = section.GetMapping("names");
        foreach (var (key, value) in versions.Entries)
        {
            var slash = key.LastIndexOf('/');
            if (slash <= 0 || !int.TryParse(key.AsSpan(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
            {
                throw value.Error($"'{key}' is not a model version; expected \"<model name>/<version>\", e.g. \"customer-segments/3\"");
            }

            var labels = versions.GetMapping(key);
            var byLabel = new Dictionary<int, string>();
            foreach (var (label, _) in labels.Entries)
            {
                var name = labels.GetScalar(label)!;
                if (!int.TryParse(label, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var segment) || segment < -1)
                {
                    throw name.Error($"'{label}' is not a segment label; expected an integer >= -1 (-1 is noise), as in model/segments.json");
                }

                if (name.IsNull || string.IsNullOrWhiteSpace(name.Text))
                {
                    throw name.Error($"segment {segment} has an empty name; expected a non-empty string");
                }

                byLabel[segment] = name.Text.Trim();
            }

            // The number is normalised ("03" and "3" name one version), as the registry compares versions.
            names[string.Concat(key.AsSpan(0, slash), "/", number.ToString(CultureInfo.InvariantCulture))] = byLabel;
        }

        return new SegmentsConfig(names);
    }
}
