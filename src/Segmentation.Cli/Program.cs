using Segmentation.Cli;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl-C asks the running verb to stop cleanly (mark runs KILLED, flush logs).
    e.Cancel = true;
    cancel.Cancel();
};
return await SegmentCli.RunAsync(args, Console.Out, Console.Error, cancel.Token).ConfigureAwait(false);
