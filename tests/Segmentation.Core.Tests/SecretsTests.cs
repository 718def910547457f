using Segmentation.Core;

namespace Segmentation.Core.Tests;

public sealed class SecretsTests
{
    [Theory]
    [InlineData("http://ann:s3cret@mlflow.example:5000", "http://***@mlflow.example:5000")]
    [InlineData("https://token@host/path@x", "https://***@host/path@x")]
    [InlineData("uri: http://a:b@h:1  # --tracking-uri", "uri: http://***@h:1  # --tracking-uri")]
    [InlineData("two http://a:b@x and postgresql://u:p@db/segments", "two http://***@x and postgresql://***@db/segments")]
    [InlineData("sqlite:///mlflow.db", "sqlite:///mlflow.db")]
    [InlineData("http://127.0.0.1:5000/", "http://127.0.0.1:5000/")]
    [InlineData("mail me at ann@example.com", "mail me at ann@example.com")]
    public void RedactUris_Text_MasksUserInfoOnly(string text, string expected)
    {
        Assert.Equal(expected, Secrets.RedactUris(text));
    }
}
