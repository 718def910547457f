using System.Text.Json;
using System.Text.Json.Serialization;
using Segmentation.Runner.Selection;

namespace Segmentation.Runner.Recording;

/// <summary>
/// Source-generated JSON metadata of what a sweep records as JSON: the dataset input's documents (compact, through
/// <see cref="JsonSerializerContext"/>'s default instance) and the parent run's plan (<see cref="Indented"/>). By
/// reflection, the sweep's start built the metadata and emitted accessors at run time.
/// </summary>
[JsonSerializable(typeof(TrainingDatasetInput.Schema))]
[JsonSerializable(typeof(TrainingDatasetInput.Profile))]
[JsonSerializable(typeof(TrainingDatasetInput.Source))]
[JsonSerializable(typeof(SweepPlanRecord))]
internal sealed partial class RunnerJsonContext : JsonSerializerContext
{
    /// <summary>The context over indented default options (the plan artifact's layout).</summary>
    public static RunnerJsonContext Indented { get; } = new(new JsonSerializerOptions { WriteIndented = true });
}
