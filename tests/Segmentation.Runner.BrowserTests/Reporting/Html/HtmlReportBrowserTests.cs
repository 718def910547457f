using System.Text.Json;
using Microsoft.Playwright;
using Segmentation.Runner.Configuration;
using Segmentation.Runner.Reporting.Html;
using Segmentation.Tracking;
using Segmentation.Tracking.Configuration;
using Xunit.Abstractions;

namespace Segmentation.Runner.BrowserTests.Reporting.Html;

/// <summary>Renders a real sweep's report in headless Chromium, as a person opening the artifact would see it.</summary>
public sealed class HtmlReportBrowserTests(ITestOutputHelper output) : IDisposable
{
    private const string Sweep = """
        experiment:
          name: browser-report
        search:
          scalers: [standard, robust]
          algorithms:
            kmeans: {k: {from: 2, to: 6}, n_init: 2}
        constraints: {min_k: 2}
        registry: {model_name: segs, alias: champion}
        gate: {silhouette: {min: 0.1}}
        promote_at_end: true
        """;

    // The flags this machine needs: no sandbox as root, and no background connections, which a closed network refuses.
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "seg-browser-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // A file Chromium still holds must not fail the test.
        }
    }

    [ChromiumFact]
    public async Task Report_RenderedInChromium_NoConsoleErrorsNoExternalRequestsAndEveryFigureDrawn()
    {
        var page = await WriteReportAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchPersistentContextAsync(
            Path.Combine(_dir, "profile"),
            new BrowserTypeLaunchPersistentContextOptions { ExecutablePath = ChromiumFactAttribute.ExecutablePath, Headless = true, Args = ChromiumArgs, ViewportSize = new ViewportSize { Width = 1200, Height = 900 } });
        var tab = browser.Pages.Count > 0 ? browser.Pages[0] : await browser.NewPageAsync();
        var errors = new List<string>();
        var requests = new List<string>();
        tab.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        tab.PageError += (_, error) => errors.Add(error);
        tab.Request += (_, request) => requests.Add(request.Url);

        await tab.GotoAsync(new Uri(page).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        var boxes = await FigureBoxesAsync(tab, "figure svg");
        var screenshot = Path.Combine(AppContext.BaseDirectory, "report-screenshot.png");
        await tab.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = true });
        output.WriteLine("report screenshot: " + screenshot);

        Assert.Empty(errors);
        Assert.Equal([new Uri(page).AbsoluteUri], requests);
        Assert.Equal(6, boxes.Count);
        Assert.All(boxes, b => Assert.True(b.Width > 0 && b.Height > 0, $"figure {b.Name} has an empty bounding box"));
        Assert.True(new FileInfo(screenshot).Length > 10_000);

        // Each plots/*.svg is what the MLflow UI previews on its own: it must draw standalone too.
        foreach (var svg in Directory.GetFiles(Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(page)!)!, "plots"), "*.svg"))
        {
            await tab.GotoAsync(new Uri(svg).AbsoluteUri);
            var box = (await FigureBoxesAsync(tab, "svg")).Single();
            Assert.True(box.Width > 0 && box.Height > 0, $"{Path.GetFileName(svg)} has an empty bounding box");
        }

        Assert.Empty(errors);
    }

    private static async Task<List<FigureBox>> FigureBoxesAsync(IPage tab, string selector)
    {
        // getBBox() of the root <svg> is the union of what it draws: empty when nothing rendered.
        var json = await tab.EvaluateAsync<string>(
            "selector => JSON.stringify([...document.querySelectorAll(selector)].map(s => { const b = s.getBBox(); " +
            "return { name: (s.closest('figure') || {}).id || 'svg', width: b.width, height: b.height }; }))",
            selector);
        return JsonSerializer.Deserialize<List<FigureBox>>(json, new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
    }

    /// <summary>Runs a small sweep into a SQLite store and writes its report as <c>segment report</c> would.</summary>
    private async Task<string> WriteReportAsync()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "configs"));
        await File.WriteAllTextAsync(Path.Combine(_dir, "configs", "s.yaml"), Sweep);
        var data = new BlobDataSource();
        var configRequest = new SweepConfigRequest("configs/s.yaml", null, _dir, _ => null);
        var summary = await new SweepRunner(OpenBackend, data, TimeProvider.System).RunAsync(new SweepRequest(configRequest), null, CancellationToken.None);
        using var store = OpenBackend(TrackingUri.Parse("sqlite:///mlflow.db", _dir));
        var training = data.Load(SweepConfigLoader.Load(configRequest), _dir, CancellationToken.None);
        var report = await SweepReportLog.BuildAsync(store, summary, DatasetFacts.Of(training, null, null), training, CancellationToken.None);
        return HtmlReportArtifacts.Write(Path.Combine(_dir, "out"), report);
    }

    private static ITrackingBackend OpenBackend(TrackingUri uri) => new TrackingStoreFactory(_ => null, TimeProvider.System, "/").Open(uri);

    private sealed record FigureBox(string Name, double Width, double Height);
}
