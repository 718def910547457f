namespace Segmentation.Monitoring.Drift;

/// <summary>Whether the model still describes the customers: its silhouette now against at training, and agreement with a refit.</summary>
/// <param name="TrainingSilhouette">The model run's logged <c>silhouette</c>, or null when the run has none.</param>
/// <param name="CurrentSilhouette">Silhouette of the model's assignment of the new customers in its own preprocessed space (NaN when undefined).</param>
/// <param name="RefitAri">Adjusted Rand index between the model's assignment and a refit of the same configuration on the new customers (NaN when no refit).</param>
/// <param name="RefitConfiguration">The refitted configuration (the model run's name), or null.</param>
/// <param name="Note">Why a figure is missing, or null.</param>
public sealed record ModelDecay(double? TrainingSilhouette, double CurrentSilhouette, double RefitAri, string? RefitConfiguration, string? Note);
