using Segmentation.Serving.Models;

namespace Segmentation.Serving.Http;

/// <summary>
/// The served model behind one reference swap: a request reads <see cref="Current"/> once and scores with that instance to
/// the end, so a reload never changes the model under an in-flight request.
/// </summary>
public sealed class ModelHolder
{
    private ServedModel _current;
    private ReloadStatus? _lastReload;

    /// <summary>Starts serving <paramref name="model"/>.</summary>
    public ModelHolder(LoadedModel model, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(clock);
        Clock = clock;
        _current = Serve(model);
    }

    /// <summary>The clock that stamps loads and reloads.</summary>
    public TimeProvider Clock { get; }

    /// <summary>The model in force.</summary>
    public ServedModel Current => Volatile.Read(ref _current);

    /// <summary>The last reload attempt, or null before the first.</summary>
    public ReloadStatus? LastReload => Volatile.Read(ref _lastReload);

    /// <summary>Switches to <paramref name="model"/> atomically.</summary>
    public void Swap(LoadedModel model)
    {
        var served = Serve(model);
        Volatile.Write(ref _current, served);
        Volatile.Write(ref _lastReload, new ReloadStatus(served.LoadedAt, true, model.ModelVersion, null));
    }

    /// <summary>Records a reload check that found the model unchanged.</summary>
    public void Unchanged(string? version) => Volatile.Write(ref _lastReload, new ReloadStatus(Clock.GetUtcNow(), true, version, null));

    /// <summary>Records a failed reload; the current model stays.</summary>
    public void Failed(string? version, string error) => Volatile.Write(ref _lastReload, new ReloadStatus(Clock.GetUtcNow(), false, version, error));

    private ServedModel Serve(LoadedModel model) => new(model, ModelSegments.Of(model), Clock.GetUtcNow(), ModelProducts.Of(model.Folder));
}
