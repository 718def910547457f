namespace Segmentation.Runner.BrowserTests;

/// <summary>A fact that needs Debian's Chromium: skipped on a developer machine without it, failed in CI (where <c>CI</c> is set).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ChromiumFactAttribute : FactAttribute
{
    /// <summary>Where <c>.ci/run</c> installs Debian's <c>chromium</c>.</summary>
    public const string ExecutablePath = "/usr/bin/chromium";

    /// <summary>Skips the test only when Chromium is missing and this is not CI, so CI can never pass without rendering.</summary>
    public ChromiumFactAttribute()
    {
        if (!File.Exists(ExecutablePath) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
        {
            Skip = $"{ExecutablePath} is missing (apt-get install chromium); CI is unset, so the browser test is skipped";
        }
    }
}
