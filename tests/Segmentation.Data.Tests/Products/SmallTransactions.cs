using System.Globalization;
using System.Text;

namespace Segmentation.Data.Tests.Products;

/// <summary>A seeded raw transactions CSV in the shipped file's layout, with every row kind cleaning and purchases treat specially.</summary>
internal static class SmallTransactions
{
    public const string Header = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country";

    /// <summary>Writes the file and returns its path.</summary>
    public static string Write(string directory, int seed, int customers = 80, int products = 25, int lines = 1500)
    {
        var random = new Random(seed);
        var text = new StringBuilder(Header).Append('\n');
        for (var i = 0; i < lines; i++)
        {
            var customer = 12000 + random.Next(customers);
            // Skewed choice so segments differ in what they buy and lifts spread out.
            var product = (int)(products * Math.Pow(random.NextDouble(), 1 + (customer % 3)));
            var code = (10000 + product).ToString(CultureInfo.InvariantCulture) + (product % 4 == 0 ? "B" : string.Empty);
            var description = product % 5 == 0 ? $"\"MUG, \"\"SIZE {product}\"\"\"" : $"ITEM {product}";
            var kind = random.Next(20);
            var invoice = (kind == 0 ? "C" : string.Empty) + (500000 + (i / 3)).ToString(CultureInfo.InvariantCulture);
            var quantity = kind switch { 0 => -2, 1 => -1, 2 => 0, _ => 1 + random.Next(12) };
            var stock = kind == 3 ? "POST" : code;
            var price = kind == 4 ? "0" : "1.25";
            var id = kind == 5 ? string.Empty : customer.ToString(CultureInfo.InvariantCulture);
            var line = string.Create(CultureInfo.InvariantCulture,
                $"{invoice},{stock},{description},{quantity},2011-{1 + (i % 12):00}-{1 + (i % 28):00}T10:00:00,{price},{id},United Kingdom");
            text.Append(line).Append('\n');
            if (kind == 6)
            {
                text.Append(line).Append('\n');
            }
        }

        var path = Path.Combine(directory, $"small-{seed}.csv");
        File.WriteAllText(path, text.ToString());
        return path;
    }
}
