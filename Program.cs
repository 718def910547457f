// The root launcher: `dotnet run -- <verb> …` from the repository root. The entry point itself lives in Segmentation.Cli.
return await Segmentation.Cli.SegmentCli.MainAsync(args).ConfigureAwait(false);
