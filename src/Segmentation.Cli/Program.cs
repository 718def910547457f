using Segmentation.Cli;

return await SegmentCli.RunAsync(args, Console.Out, Console.Error);
