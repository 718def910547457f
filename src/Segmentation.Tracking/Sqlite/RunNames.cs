using System.Globalization;

namespace Segmentation.Tracking.Sqlite;

/// <summary>Random readable run names (adjective-noun-number), as MLflow gives runs created without a name.</summary>
internal static class RunNames
{
    private static readonly string[] Adjectives = ["bright", "calm", "bold", "brave", "clever", "gentle", "keen", "lucky", "quiet", "swift", "tidy", "vivid"];
    private static readonly string[] Nouns = ["fox", "owl", "otter", "lynx", "heron", "panda", "whale", "finch", "bison", "koala", "crane", "moth"];

    /// <summary>A new random name such as <c>swift-otter-417</c>.</summary>
    public static string Random() => string.Create(CultureInfo.InvariantCulture,
        $"{Adjectives[System.Random.Shared.Next(Adjectives.Length)]}-{Nouns[System.Random.Shared.Next(Nouns.Length)]}-{System.Random.Shared.Next(1000)}");
}
