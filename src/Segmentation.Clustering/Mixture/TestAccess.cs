using System.Runtime.CompilerServices;

// The mixture's block kernels (BlockExp, MixtureParameters.BlockLogProbabilities) are internal; their tests compare
// them lane by lane with the scalar path they replace.
[assembly: InternalsVisibleTo("Segmentation.Clustering.Tests")]
