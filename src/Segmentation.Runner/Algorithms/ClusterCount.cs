using System.Globalization;
using Segmentation.Core.Errors;

namespace Segmentation.Runner.Algorithms;

/// <summary>
/// The one rule for k, the number of clusters asked for, shared by every algorithm that takes one: 2 to 100 in a
/// config and on the command line, and never more than the rows it is fitted on.
/// </summary>
public static class ClusterCount
{
    /// <summary>Fewer than two clusters is no segmentation.</summary>
    public const int Min = 2;

    /// <summary>More segments than anyone can act on; also bounds the cost of a sweep's k range.</summary>
    public const int Max = 100;

    /// <summary>k as a parameter: config key and param key <c>k</c>, required in a sweep.</summary>
    public static IntRange Parameter { get; } = new("k", "k", Min, Max, null);

    /// <summary><c>--k</c>, 5 unless given.</summary>
    public static ClusterOption Option { get; } = new(Parameter, "Number of clusters", 5);

    /// <summary>Returns <paramref name="k"/> when in range; a <see cref="UsageException"/> naming the bound otherwise.</summary>
    public static int Check(int k, string algorithm) => Parameter.Check(k, algorithm);

    /// <summary>A <see cref="UsageException"/> unless <paramref name="k"/> is at most the <paramref name="rows"/> it will be fitted on.</summary>
    public static void CheckFits(int k, int rows, string algorithm)
    {
        if (k > rows)
        {
            throw new UsageException(string.Create(
                CultureInfo.InvariantCulture, $"k must be at most the number of customers ({rows}) for {algorithm}, found {k}"));
        }
    }
}
