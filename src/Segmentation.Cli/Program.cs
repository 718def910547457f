using Segmentation.Cli;

return await SegmentCli.MainAsync(args).ConfigureAwait(false);
