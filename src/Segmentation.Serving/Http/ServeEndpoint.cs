using Microsoft.AspNetCore.Http;

namespace Segmentation.Serving.Http;

/// <summary>One route of the server: what it maps and what the OpenAPI document says of it, from one definition.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="Path">Route template.</param>
/// <param name="OperationId">OpenAPI operation id.</param>
/// <param name="Summary">One-line description.</param>
/// <param name="RequestSchema">Component schema of the JSON body, or null for none.</param>
/// <param name="Responses">Status code → (description, component schema or null).</param>
/// <param name="Authenticated">Whether the bearer token applies.</param>
/// <param name="Handler">The handler.</param>
public sealed record ServeEndpoint(
    string Method,
    string Path,
    string OperationId,
    string Summary,
    string? RequestSchema,
    IReadOnlyList<(int Status, string Description, string? Schema)> Responses,
    bool Authenticated,
    RequestDelegate Handler);
