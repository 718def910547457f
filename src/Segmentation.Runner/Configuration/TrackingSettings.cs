using Segmentation.Data.Configuration;

namespace Segmentation.Runner.Configuration;

/// <summary>Where runs go: the tracking URI (<c>tracking.uri</c>) and the experiment name (<c>experiment.name</c>).</summary>
public sealed record TrackingSettings(string Uri, string ExperimentName)
{
    /// <summary>Binds the <c>tracking:</c> and <c>experiment:</c> sections of the effective config.</summary>
    public static TrackingSettings Bind(ConfigMapping tracking, ConfigMapping experiment)
    {
        ArgumentNullException.ThrowIfNull(tracking);
        ArgumentNullException.ThrowIfNull(experiment);
        tracking.RejectUnknownKeys("uri");
        experiment.RejectUnknownKeys("name");
        var uri = tracking.GetScalar("uri") ?? throw ConfigReads.Missing(tracking, "uri", "a tracking URI such as sqlite:///mlflow.db or http://host:5000");
        var name = experiment.GetScalar("name") ?? throw ConfigReads.Missing(experiment, "name", "an MLflow experiment name");
        if (string.IsNullOrWhiteSpace(name.Text))
        {
            throw name.Error("expected a non-empty experiment name");
        }

        return new TrackingSettings(uri.Text.Trim(), name.Text.Trim());
    }
}
