namespace Segmentation.Data.Features;

/// <summary>
/// The customer features and their definitions, in column order. "Purchase rows" are a customer's cleaned rows whose
/// invoice is not a cancellation; "cancellation rows" are the others (returns). A "day" is the calendar date of a
/// timestamp. The reference date is the calendar date of the latest cleaned transaction plus one day unless set.
/// </summary>
public static class FeatureCatalog
{
    public const string RecencyDays = "recency_days";
    public const string Frequency = "frequency";
    public const string Monetary = "monetary";
    public const string TenureDays = "tenure_days";
    public const string AvgOrderValue = "avg_order_value";
    public const string TotalItems = "total_items";
    public const string UniqueProducts = "unique_products";
    public const string AvgDaysBetweenPurchases = "avg_days_between_purchases";
    public const string ReturnRate = "return_rate";
    public const string CancellationCount = "cancellation_count";
    public const string MonthlySpendMean = "monthly_spend_mean";
    public const string MonthlySpendStd = "monthly_spend_std";
    public const string SpendTrend = "spend_trend";
    public const string IsUk = "is_uk";
    public const string WeekdaySin = "weekday_sin";
    public const string WeekdayCos = "weekday_cos";
    public const string HourSin = "hour_sin";
    public const string HourCos = "hour_cos";

    /// <summary>Every feature, in the column order of the feature table.</summary>
    public static IReadOnlyList<FeatureDefinition> All { get; } =
    [
        new(RecencyDays, "days", "reference date minus the day of the customer's latest purchase row, in whole days"),
        new(Frequency, "invoices", "number of distinct invoices among the customer's purchase rows"),
        new(Monetary, "currency", "sum of quantity x unit price over all the customer's rows, returns included (net), computed exactly in decimal"),
        new(TenureDays, "days", "reference date minus the day of the customer's earliest purchase row, in whole days (>= recency_days)"),
        new(AvgOrderValue, "currency", "monetary / frequency: net spend per purchase invoice"),
        new(TotalItems, "items", "sum of quantity over the customer's purchase rows (returns not subtracted)"),
        new(UniqueProducts, "products", "number of distinct stock codes among the customer's purchase rows"),
        new(AvgDaysBetweenPurchases, "days",
            "mean gap between consecutive DISTINCT purchase days: (last purchase day - first purchase day) / (distinct purchase days - 1); 0 when all purchases fall on one day. Several invoices or line items on one day count once"),
        new(ReturnRate, "ratio", "returned quantity / purchased quantity: sum of |quantity| over cancellation rows divided by sum of quantity over purchase rows; 0 without returns; not capped, so it exceeds 1 when returns outnumber purchases in the data window"),
        new(CancellationCount, "invoices", "number of distinct invoices among the customer's cancellation rows"),
        new(MonthlySpendMean, "currency/month",
            "mean of monthly net spend over every calendar month from the month of the customer's earliest row (purchase or return) to the month of the day before the reference date, inclusive; a month without rows counts as 0"),
        new(MonthlySpendStd, "currency/month", "population standard deviation (divide by the number of months) of the same monthly net spends; 0 for a single month"),
        new(SpendTrend, "currency/month", "least-squares slope of the same monthly net spends against the month index 0, 1, 2, ...; 0 for a single month"),
        new(IsUk, "0/1", "1 when the customer's main country (the country on most of the customer's rows; ties go to the alphabetically first) is the home country (features.home_country, default United Kingdom), else 0"),
        new(WeekdaySin, "[-1,1]",
            "sin(2*pi*w/7) where w is the preferred weekday (Monday=0 ... Sunday=6): the weekday with most distinct purchase invoices, an invoice dated by its earliest row; ties go to the earliest weekday"),
        new(WeekdayCos, "[-1,1]", "cos(2*pi*w/7) for the same preferred weekday w"),
        new(HourSin, "[-1,1]", "sin(2*pi*h/24) where h is the preferred hour (0-23): the hour of day with most distinct purchase invoices; ties go to the earliest hour"),
        new(HourCos, "[-1,1]", "cos(2*pi*h/24) for the same preferred hour h"),
    ];

    /// <summary>Every feature name, in column order.</summary>
    public static IReadOnlyList<string> Names { get; } = All.Select(f => f.Name).ToArray();

    /// <summary>The definition of a feature, or null when the name is unknown.</summary>
    public static FeatureDefinition? Find(string name) => All.FirstOrDefault(f => f.Name == name);

    /// <summary>The catalogue as aligned text, one feature per entry, for <c>segment data features --describe</c>.</summary>
    public static string Describe()
    {
        var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture) { NewLine = "\n" };
        writer.WriteLine("Customer features (one row per customer). Purchase rows: cleaned rows whose invoice is not a cancellation;");
        writer.WriteLine("cancellation rows: invoices starting with the cancellation prefix (returns). A day is the calendar date of a timestamp.");
        writer.WriteLine("Reference date: the day after the latest cleaned transaction unless features.reference_date is set.");
        writer.WriteLine("Customers with no purchase invoice or with monetary <= 0 are dropped and counted.");
        writer.WriteLine();
        var width = All.Max(f => f.Name.Length);
        foreach (var feature in All)
        {
            writer.WriteLine($"{feature.Name.PadRight(width)}  [{feature.Unit}]");
            writer.WriteLine($"{new string(' ', width)}  {feature.Definition}");
        }

        return writer.ToString();
    }
}
