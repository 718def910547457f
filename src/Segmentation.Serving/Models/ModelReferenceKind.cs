namespace Segmentation.Serving.Models;

/// <summary>The forms of a model reference, as MLflow users write them.</summary>
public enum ModelReferenceKind
{
    /// <summary><c>models:/NAME@ALIAS</c>.</summary>
    Alias,

    /// <summary><c>models:/NAME/VERSION</c>.</summary>
    Version,

    /// <summary><c>models:/NAME/STAGE</c> (Staging, Production…), or <c>models:/NAME/latest</c>.</summary>
    Stage,

    /// <summary><c>runs:/RUN_ID/model</c>.</summary>
    Run,

    /// <summary>A model folder on disk.</summary>
    LocalFolder,
}
