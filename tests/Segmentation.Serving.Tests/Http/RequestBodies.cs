using System.Globalization;
using System.Text;
using Segmentation.Serving.Tests.Fixtures;

namespace Segmentation.Serving.Tests.Http;

/// <summary>Request bodies built from the shipped data's training rows.</summary>
internal static class RequestBodies
{
    /// <summary>A <c>customers</c> body with training rows <paramref name="rows"/>, in that order.</summary>
    public static string Customers(TrainedModelsFixture models, IEnumerable<int> rows, bool idsAsText = false)
    {
        var features = models.Training.Features;
        var text = new StringBuilder("{\"customers\":[");
        var first = true;
        foreach (var r in rows)
        {
            text.Append(first ? "{" : ",{");
            first = false;
            var id = models.Training.CustomerIds[r].ToString(CultureInfo.InvariantCulture);
            text.Append("\"customer_id\":").Append(idsAsText ? "\"" + id + "\"" : id);
            for (var j = 0; j < TrainedModelsFixture.Features.Length; j++)
            {
                text.Append(",\"").Append(TrainedModelsFixture.Features[j]).Append("\":").Append(features[r, j].ToString("R", CultureInfo.InvariantCulture));
            }

            text.Append('}');
        }

        return text.Append("]}").ToString();
    }

    /// <summary>One valid customer with <paramref name="replace"/> spliced in for its <c>frequency</c> (raw JSON) and <paramref name="extra"/> appended.</summary>
    public static string OneCustomer(string frequency = "7", string extra = "") =>
        "{\"customers\":[{\"customer_id\":\"12347\",\"recency_days\":3,\"frequency\":" + frequency + ",\"monetary\":4310.5,\"tenure_days\":365" + extra + "}]}";
}
