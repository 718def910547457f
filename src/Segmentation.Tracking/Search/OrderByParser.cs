using Segmentation.Tracking.Errors;

namespace Segmentation.Tracking.Search;

/// <summary>Parses MLflow order-by terms: <c>identifier [ASC|DESC]</c> (ascending by default).</summary>
public static class OrderByParser
{
    /// <summary>Parses one term; throws <see cref="InvalidParameterException"/> naming it when malformed.</summary>
    public static OrderByClause Parse(string orderBy)
    {
        ArgumentNullException.ThrowIfNull(orderBy);
        var text = orderBy.Trim();
        var ascending = true;
        if (text.EndsWith(" DESC", StringComparison.OrdinalIgnoreCase))
        {
            ascending = false;
            text = text[..^5].TrimEnd();
        }
        else if (text.EndsWith(" ASC", StringComparison.OrdinalIgnoreCase))
        {
            text = text[..^4].TrimEnd();
        }

        // Reuse the filter grammar for the identifier by parsing "<identifier> = 0".
        IReadOnlyList<FilterClause> clauses;
        try
        {
            clauses = SearchFilterParser.Parse(text + " = 0");
        }
        catch (InvalidParameterException ex)
        {
            throw new InvalidParameterException($"Invalid order_by clause '{orderBy}': expected 'identifier [ASC|DESC]' ({ex.Message})");
        }

        if (clauses.Count != 1)
        {
            throw new InvalidParameterException($"Invalid order_by clause '{orderBy}': expected 'identifier [ASC|DESC]'");
        }

        return new OrderByClause(clauses[0].Entity, clauses[0].Key, ascending);
    }
}
