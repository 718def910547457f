using System.Text.Json;

namespace Segmentation.Tracking.Tests.Rest.Faults;

/// <summary>
/// A <see cref="FaultProxy.AppliesToBody"/> schedule aimed at one trial run's <c>runs/update</c> calls: its first
/// <paramref name="finished"/> FINISHED updates, then its first <paramref name="failed"/> FAILED ones. The run is the first
/// whose FINISHED update the proxy sees (a sweep's parent is closed after every trial).
/// </summary>
public sealed class RunUpdateRefusals(int finished, int failed)
{
    private readonly Lock _gate = new();
    private string? _runId;
    private int _finished;
    private int _failed;
    private bool _stopped;

    /// <summary>The refused run, once its first FINISHED update was seen.</summary>
    public string? RunId
    {
        get
        {
            lock (_gate)
            {
                return _runId;
            }
        }
    }

    /// <summary>Refuses nothing from now on.</summary>
    public void Stop()
    {
        lock (_gate)
        {
            _stopped = true;
        }
    }

    /// <summary>Whether the proxy should fault this request (operation and JSON body).</summary>
    public bool Applies(string operation, string body)
    {
        if (!operation.EndsWith("/runs/update", StringComparison.Ordinal))
        {
            return false;
        }

        using var json = JsonDocument.Parse(body);
        var runId = json.RootElement.GetProperty("run_id").GetString();
        var status = json.RootElement.GetProperty("status").GetString();
        lock (_gate)
        {
            if (_stopped)
            {
                return false;
            }

            _runId ??= status == "FINISHED" ? runId : null;
            if (runId != _runId)
            {
                return false;
            }

            return status switch
            {
                "FINISHED" => _finished++ < finished,
                "FAILED" => _failed++ < failed,
                _ => false,
            };
        }
    }
}
