using System.Diagnostics;

namespace Segmentation.Runner.Tests.Recording;

/// <summary>A fact that needs python3 with numpy and pandas: skipped without them on a developer machine, run (and failing) in CI.</summary>
/// <remarks>CI (the <c>CI</c> environment variable set) installs Debian's python3-numpy and python3-pandas in <c>.ci/run</c>, so there a missing one is a failure.</remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class PythonFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Found = new(FindInterpreter);

    /// <summary>Skips the test when no interpreter has numpy and pandas and this is not CI.</summary>
    public PythonFactAttribute()
    {
        if (Found.Value is null && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
        {
            Skip = "python3 with numpy and pandas not found (tried $SEGMENTATION_PYTHON, python3, /usr/bin/python3); "
                + "install python3-numpy and python3-pandas to run the python_function loader tests (CI always runs them)";
        }
    }

    /// <summary>The first interpreter that imports numpy and pandas, or null.</summary>
    public static string? Interpreter => Found.Value;

    private static string? FindInterpreter()
    {
        string?[] candidates = [Environment.GetEnvironmentVariable("SEGMENTATION_PYTHON"), "python3", "/usr/bin/python3"];
        foreach (var candidate in candidates.Where(c => !string.IsNullOrWhiteSpace(c)))
        {
            try
            {
                using var process = Process.Start(new ProcessStartInfo(candidate!, ["-c", "import numpy, pandas"])
                {
                    RedirectStandardError = true,
                    RedirectStandardOutput = true,
                    UseShellExecute = false,
                });
                if (process is null)
                {
                    continue;
                }

                process.StandardError.ReadToEnd();
                if (process.WaitForExit(60_000) && process.ExitCode == 0)
                {
                    return candidate;
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // Not installed under this name: try the next one.
            }
        }

        return null;
    }
}
