using BenchmarkDotNet.Running;

// Run with: dotnet run -c Release --project tests/Segmentation.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
