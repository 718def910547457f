using System.Text.Json;

namespace Segmentation.Tracking.Tests.Rest.Replay;

/// <summary>One of the two recorded MLflow servers the replay tests run against: 2.17.2 (Fixtures/mlflow-contract) or 3.11 (its v3/).</summary>
/// <param name="Name">"2.17.2" or "3.11", as test cases show it.</param>
/// <param name="Directory">The folder of its fixtures next to the test assembly.</param>
public sealed record ContractRecording(string Name, string Directory)
{
    /// <summary>The MLflow 2.17.2 recording.</summary>
    public static ContractRecording Mlflow2 { get; } = new("2.17.2", ContractFixture.Directory);

    /// <summary>The MLflow 3.11 recording (its 01-73 replay the 2.17.2 exchanges with this server's ids).</summary>
    public static ContractRecording Mlflow3 { get; } = new("3.11", Path.Combine(ContractFixture.Directory, "v3"));

    /// <summary>Both recordings' names, as theory data.</summary>
    public static TheoryData<string> Names => new() { Mlflow2.Name, Mlflow3.Name };

    /// <summary>Whether this is the MLflow 3 recording.</summary>
    public bool IsMlflow3 => this == Mlflow3;

    /// <summary>The parent run the recording's 06 created.</summary>
    public string ParentRun => RunCreatedBy("06");

    /// <summary>The child run kmeans-k3 the recording's 07 created.</summary>
    public string ChildRun => RunCreatedBy("07");

    /// <summary>The child run kmeans-k4 the recording's 20 created.</summary>
    public string K4Run => RunCreatedBy("20");

    /// <summary>The recording called <paramref name="name"/>.</summary>
    public static ContractRecording Of(string name) =>
        name == Mlflow2.Name ? Mlflow2 : name == Mlflow3.Name ? Mlflow3 : throw new ArgumentOutOfRangeException(nameof(name), name, "expected 2.17.2 or 3.11");

    /// <summary>This recording's fixture <paramref name="number"/>.</summary>
    public ContractFixture Load(string number) => ContractFixture.Load(Directory, number);

    /// <summary>A step replaying this recording's fixture <paramref name="number"/> as recorded.</summary>
    public ReplayStep Step(string number, params string[] ignoredExtraFields) =>
        new(Load(number), null, ignoredExtraFields.ToHashSet(StringComparer.Ordinal));

    /// <summary>A step serving this recording's fixture <paramref name="number"/> to a different request.</summary>
    public ReplayStep StepWithRequest(string number, string requestJson)
    {
        using var document = JsonDocument.Parse(requestJson);
        return new(Load(number), document.RootElement.Clone(), new HashSet<string>(StringComparer.Ordinal));
    }

    /// <summary>
    /// <c>GET /version</c>: v3 fixture 155; 2.17.2 was not recorded answering it, so its step is 155 answered with "2.17.2",
    /// which 155's note says 2.17.2 sends the same way.
    /// </summary>
    public ReplayStep Version()
    {
        var fixture = ContractFixture.Load(Mlflow3.Directory, "155");
        if (!IsMlflow3)
        {
            fixture = fixture with { Name = "155-version-endpoint (2.17.2)", Response = JsonSerializer.SerializeToElement("2.17.2") };
        }

        return new(fixture, null, new HashSet<string>(StringComparer.Ordinal));
    }

    /// <inheritdoc/>
    public override string ToString() => Name;

    private string RunCreatedBy(string number) =>
        Load(number).Response.GetProperty("run").GetProperty("info").GetProperty("run_id").GetString()!;
}
