using System.Globalization;
using Segmentation.Runner.Algorithms;

namespace Segmentation.Runner.Planning.Tuning;

/// <summary>
/// The candidates of an adaptive sweep as points of a mixed, conditional space: algorithm, scaler and reduction as
/// categories, then each algorithm's own parameters — integer and real ones numeric (log-scaled where the descriptor
/// says <see cref="RealScale.Log"/>), the rest categorical — read from the descriptors, never listed here by name.
/// </summary>
/// <remarks>
/// The ranges are the configured ones (the lowest and highest value the candidates take), so the estimator spreads
/// over what the config allows; an axis the config fixes to one value carries no information and is left out.
/// </remarks>
public sealed class TuningSpace
{
    private readonly double[][] _points;

    private TuningSpace(IReadOnlyList<Trial> candidates, IReadOnlyList<TuningDimension> dimensions, double[][] points)
    {
        Candidates = candidates;
        Dimensions = dimensions;
        _points = points;
    }

    /// <summary>The candidates, in plan order; a candidate's index here is its plan index.</summary>
    public IReadOnlyList<Trial> Candidates { get; }

    /// <summary>The axes, the shared ones first, then each algorithm's in descriptor order.</summary>
    public IReadOnlyList<TuningDimension> Dimensions { get; }

    /// <summary>Candidate <paramref name="candidate"/>'s coordinate on axis <paramref name="dimension"/>: a value (in log space for a
    /// log axis), a choice index, or NaN where the axis does not apply to its algorithm.</summary>
    public double Coordinate(int candidate, int dimension) => _points[candidate][dimension];

    /// <summary>The space of <paramref name="candidates"/> (a plan's trials, in plan order).</summary>
    public static TuningSpace Of(IReadOnlyList<Trial> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var axes = new List<(TuningDimension Axis, Func<Trial, double> Read)>();
        AddCategory(axes, "algorithm", null, candidates, t => t.Algorithm);
        AddCategory(axes, "scaler", null, candidates, t => t.Scaler);
        AddCategory(axes, "reduction", null, candidates, t => t.Reduction.IsPca ? t.Reduction.Label : "none");
        foreach (var group in candidates.GroupBy(t => t.Options.Descriptor))
        {
            var members = group.ToList();
            var algorithm = group.Key.Name;
            foreach (var parameter in group.Key.Parameters)
            {
                var name = algorithm + "." + parameter.Name;
                string? ValueOf(Trial t) => t.Params.FirstOrDefault(p => p.Key == parameter.ParamKey).Value;
                switch (parameter)
                {
                    case IntRange:
                        AddNumeric(axes, name, algorithm, members, t => Parse(ValueOf(t)), log: false, integer: true);
                        break;
                    case RealRange real:
                        AddNumeric(axes, name, algorithm, members, t => Parse(ValueOf(t)), real.Scale == RealScale.Log, integer: false);
                        break;
                    default:
                        AddCategory(axes, name, algorithm, members, t => ValueOf(t) ?? string.Empty);
                        break;
                }
            }
        }

        var points = candidates.Select(t => axes.Select(a => a.Axis.Condition is null || a.Axis.Condition == t.Algorithm ? a.Read(t) : double.NaN).ToArray()).ToArray();
        return new TuningSpace(candidates, [.. axes.Select(a => a.Axis)], points);
    }

    private static double Parse(string? text) => double.Parse(text ?? "NaN", NumberStyles.Float, CultureInfo.InvariantCulture);

    private static void AddCategory(List<(TuningDimension, Func<Trial, double>)> axes, string name, string? condition, IReadOnlyList<Trial> trials, Func<Trial, string> word)
    {
        var choices = trials.Select(word).Distinct(StringComparer.Ordinal).ToList();
        if (choices.Count > 1)
        {
            axes.Add((TuningDimension.Categorical(name, condition, choices), t => choices.IndexOf(word(t))));
        }
    }

    private static void AddNumeric(
        List<(TuningDimension, Func<Trial, double>)> axes, string name, string condition, IReadOnlyList<Trial> trials, Func<Trial, double> value, bool log, bool integer)
    {
        Func<Trial, double> read = log ? t => Math.Log(value(t)) : value;
        var values = trials.Select(read).Where(double.IsFinite).Distinct().ToList();
        if (values.Count < 2)
        {
            return;
        }

        // An integer owns the unit interval around it, so the end values are as likely under the prior as inner ones.
        var pad = integer ? 0.5 : 0;
        axes.Add((TuningDimension.Numeric(name, condition, values.Min() - pad, values.Max() + pad), read));
    }
}
