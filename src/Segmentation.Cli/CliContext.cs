namespace Segmentation.Cli;

/// <summary>What every verb gets from its host: output streams, the clock and the working directory.</summary>
/// <remarks>Tests build one with captured writers and a fake <see cref="TimeProvider"/>.</remarks>
public sealed record CliContext(TextWriter Output, TextWriter Error, TimeProvider Clock, string WorkingDirectory);
