using System.Text;

namespace Segmentation.Runner.Recording;

/// <summary>Builds MLflow metric keys from run-name fragments (MLflow allows letters, digits, <c>_ - . / space</c> only).</summary>
public static class MetricKeys
{
    /// <summary>Replaces every character MLflow refuses in a key (e.g. the <c>+</c> of <c>log1p+standard</c>) with <c>_</c>.</summary>
    public static string Sanitize(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var text = new StringBuilder(key.Length);
        foreach (var c in key)
        {
            text.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '/' or ' ' ? c : '_');
        }

        return text.ToString();
    }
}
