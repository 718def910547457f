using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Segmentation.Clustering;

/// <summary>JSON settings for cluster models and fitted pipelines: <see cref="IClusterModel"/> is polymorphic on a <c>"kind"</c> property.</summary>
public static class ClusterModelJson
{
    /// <summary>The discriminator property name.</summary>
    public const string DiscriminatorName = "kind";

    private static readonly Lazy<IReadOnlyList<(Type Type, string Kind)>> Kinds = new(DiscoverKinds);

    /// <summary>Shared, frozen serializer options (camelCase, indented, polymorphic models).</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions(ClusterModelJsonContext.Default);

    /// <summary>The same options over the reflection-based resolver: the reference the source-generated metadata is tested against.</summary>
    internal static JsonSerializerOptions ReflectionOptions() => CreateOptions(new DefaultJsonTypeInfoResolver());

    /// <summary>The registered model kinds, discovered from <see cref="ClusterModelKindAttribute"/> in this assembly.</summary>
    public static IReadOnlyList<(Type Type, string Kind)> RegisteredKinds => Kinds.Value;

    /// <summary>Serialises a model with its <c>"kind"</c> discriminator.</summary>
    public static string Serialize(IClusterModel model) => JsonSerializer.Serialize(model, Options);

    /// <summary>Reads a model written by <see cref="Serialize"/>.</summary>
    public static IClusterModel Deserialize(string json) =>
        JsonSerializer.Deserialize<IClusterModel>(json, Options)
        ?? throw new ArgumentException("JSON holds null instead of a cluster model.", nameof(json));

    // One definition of the settings for both resolvers, so the source-generated and the reference output can only differ by metadata.
    private static JsonSerializerOptions CreateOptions(IJsonTypeInfoResolver metadata)
    {
        var options = new JsonSerializerOptions
        {
            TypeInfoResolver = metadata.WithAddedModifier(AddModelKinds),
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            WriteIndented = true,
            NumberHandling = JsonNumberHandling.Strict,
        };
        options.MakeReadOnly();
        return options;
    }

    private static void AddModelKinds(JsonTypeInfo info)
    {
        if (info.Type != typeof(IClusterModel))
        {
            return;
        }

        var polymorphism = new JsonPolymorphismOptions
        {
            TypeDiscriminatorPropertyName = DiscriminatorName,
            UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization,
            IgnoreUnrecognizedTypeDiscriminators = false,
        };
        foreach (var (type, kind) in Kinds.Value)
        {
            polymorphism.DerivedTypes.Add(new JsonDerivedType(type, kind));
        }

        info.PolymorphismOptions = polymorphism;
    }

    private static List<(Type Type, string Kind)> DiscoverKinds()
    {
        var result = new List<(Type Type, string Kind)>();
        foreach (var type in typeof(IClusterModel).Assembly.GetTypes())
        {
            var attribute = type.GetCustomAttribute<ClusterModelKindAttribute>();
            if (attribute is null)
            {
                continue;
            }

            if (!typeof(IClusterModel).IsAssignableFrom(type) || type.IsAbstract)
            {
                throw new InvalidOperationException(
                    string.Create(CultureInfo.InvariantCulture, $"{type.FullName} has [ClusterModelKind] but is not a concrete IClusterModel."));
            }

            if (result.Exists(k => k.Kind == attribute.Kind))
            {
                throw new InvalidOperationException(
                    string.Create(CultureInfo.InvariantCulture, $"Cluster model kind '{attribute.Kind}' is registered twice (second: {type.FullName})."));
            }

            result.Add((type, attribute.Kind));
        }

        // Sorted so the registration order never depends on reflection order.
        result.Sort((a, b) => string.CompareOrdinal(a.Kind, b.Kind));
        return result;
    }
}
