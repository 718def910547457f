using Segmentation.Core.Errors;
using Segmentation.Serving.Models;
using Segmentation.Serving.Tests.Fixtures;

namespace Segmentation.Serving.Tests.Models;

/// <summary>Model references in MLflow's forms, and clear refusals for everything that does not resolve.</summary>
public sealed class ModelReferenceTests(TrainedModelsFixture models) : IClassFixture<TrainedModelsFixture>
{
    [Theory]
    [InlineData("models:/segments@champion", ModelReferenceKind.Alias, "segments", "champion")]
    [InlineData("models:/segments/3", ModelReferenceKind.Version, "segments", "3")]
    [InlineData("models:/segments/production", ModelReferenceKind.Stage, "segments", "Production")]
    [InlineData("models:/segments/Staging", ModelReferenceKind.Stage, "segments", "Staging")]
    [InlineData("models:/segments/latest", ModelReferenceKind.Stage, "segments", "latest")]
    public void Parse_RegistryForms_ReadsNameAndSelector(string text, ModelReferenceKind kind, string name, string selector)
    {
        var reference = ModelReference.Parse(text, "/");

        Assert.Equal(kind, reference.Kind);
        Assert.Equal(name, reference.Name);
        Assert.Equal(selector, reference.Selector);
    }

    [Theory]
    [InlineData("models:/segments")]
    [InlineData("models:/segments/0")]
    [InlineData("models:/segments/champion")]
    [InlineData("runs:/abc/other")]
    [InlineData("s3://bucket/model")]
    [InlineData("/no/such/folder")]
    public void Parse_BadReference_ThrowsUsageNamingTheForms(string text)
    {
        var error = Assert.Throws<UsageException>(() => ModelReference.Parse(text, "/"));

        Assert.Contains(text, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("models:/no-such-model/1", "no registered model 'no-such-model'")]
    [InlineData("models:/{0}/7", "has no version 7")]
    [InlineData("models:/{0}@champion", "has no alias 'champion'")]
    [InlineData("models:/{0}/Production", "has no version in stage Production")]
    [InlineData("runs:/0123456789abcdef0123456789abcdef/model", "does not exist")]
    public async Task LoadAsync_MissingModelAliasVersionOrRun_ThrowsNamingIt(string text, string expected)
    {
        var model = await models.GetAsync("kmeans");
        using var cache = new TempDirectory();

        var error = await Assert.ThrowsAsync<ModelReferenceException>(() => ModelLoader.LoadAsync(
            models.Backend, ModelReference.Parse(string.Format(System.Globalization.CultureInfo.InvariantCulture, text, model.Name), cache.Path), new ModelCache(cache.Path), CancellationToken.None));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_FolderNotWrittenByThisTool_ThrowsModelFolderError()
    {
        using var folder = new TempDirectory();
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "MLmodel"), "artifact_path: model\nflavors:\n  sklearn:\n    pickled_model: model.pkl\n");

        var error = await Assert.ThrowsAsync<Tracking.Errors.ModelFolderException>(() => ModelLoader.LoadAsync(
            models.Backend, ModelReference.Parse(folder.Path, "/"), new ModelCache(folder.Path), CancellationToken.None));

        Assert.Contains("not written by this tool", error.Message, StringComparison.Ordinal);
    }
}
