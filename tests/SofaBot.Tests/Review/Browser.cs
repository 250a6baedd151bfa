using Microsoft.Playwright;
using SofaBot.Tests.Fixtures;

namespace SofaBot.Tests.Review;

/// <summary>Debian's chromium driven by Playwright: the NuGet package brings the driver and its node, the browser is
/// the system's (<c>.ci/run</c> installs the <c>chromium</c> package), so nothing is downloaded. Without a Chromium
/// that starts, the browser tests are skipped, saying how to get one (failed under <c>CI=true</c>).</summary>
public sealed class Browser : IAsyncDisposable
{
    /// <summary>SOFABOT_CHROMIUM points the tests at another Chromium build.</summary>
    public static string Chromium { get; } = Environment.GetEnvironmentVariable("SOFABOT_CHROMIUM") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";

    private const string HowToGetOne = "install it (Debian: sudo apt-get install chromium) or point the tests at a Chromium with SOFABOT_CHROMIUM=<path>; .ci/run installs it and runs everything";

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private Browser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    public static async Task<Browser> LaunchAsync()
    {
        if (!File.Exists(Chromium))
        {
            throw Requirement.Unmet($"This test needs Chromium: {Chromium} does not exist; {HowToGetOne}");
        }

        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Chromium,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
            });
            return new Browser(playwright, browser);
        }
        catch (PlaywrightException e)
        {
            playwright.Dispose();
            var said = e.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? e.Message;
            throw Requirement.Unmet($"This test needs Chromium: {Chromium} does not start ({said}); {HowToGetOne}");
        }
    }

    /// <summary>A fresh page in a phone-sized window, with cookies of its own.</summary>
    public async Task<IPage> NewPhonePageAsync()
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 } });
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
