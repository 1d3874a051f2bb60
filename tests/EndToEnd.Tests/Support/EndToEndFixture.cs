namespace BranchBot.EndToEnd.Tests.Support;

/// A fresh bot + playground (+ browser) per test class. Subclass it once per test class to change the bot's
/// environment, arguments, setup hook, or the playground's people; artifacts go to artifacts/e2e/&lt;fixture name&gt;/.
public class EndToEndFixture : IAsyncLifetime
{
    private BotProcess? _bot;
    private Playground? _playground;
    private ChatBrowser? _browser;

    public BotProcess Bot => _bot ?? throw NotStarted();

    public Playground Playground => _playground ?? throw NotStarted();

    public ChatBrowser Browser => _browser ?? throw new InvalidOperationException($"{GetType().Name} runs without a browser (UsesBrowser is false).");

    public string ArtifactsDir => RepoPaths.Artifacts(Name);

    protected virtual string Name => GetType().Name;

    protected virtual bool UsesBrowser => true;

    protected virtual void ConfigureBot(BotOptions options)
    {
    }

    protected virtual PlaygroundConfig CreatePlaygroundConfig() => PlaygroundConfig.Default;

    public async Task InitializeAsync()
    {
        if (Directory.Exists(ArtifactsDir))
        {
            Directory.Delete(ArtifactsDir, recursive: true);
        }
        Directory.CreateDirectory(ArtifactsDir);
        try
        {
            var options = new BotOptions();
            ConfigureBot(options);
            _bot = await BotProcess.StartAsync(ArtifactsDir, options);
            _playground = await Playground.StartAsync(_bot.MessagesEndpoint, CreatePlaygroundConfig(), ArtifactsDir, _bot.LastFailure);
            if (UsesBrowser)
            {
                _browser = await ChatBrowser.StartAsync(_playground, ArtifactsDir);
            }
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// Restarts the playground with another current user (same people, same bot and data) and reopens the page.
    public async Task SwitchUserAsync(string userId)
    {
        var config = Playground.Config.WithCurrentUser(userId);
        await Playground.DisposeAsync();
        _playground = null;
        _playground = await Playground.StartAsync(Bot.MessagesEndpoint, config, ArtifactsDir, Bot.LastFailure);
        if (_browser is not null)
        {
            await _browser.OpenAsync(_playground);
        }
    }

    /// A second playground and browser on the same bot, as another user, beside the current one: that person's
    /// chat stays open while the current user acts, so what the bot sends them proactively shows up in their page.
    public async Task<ChatWindow> OpenWindowAsync(string userId)
    {
        var playground = await Playground.StartAsync(Bot.MessagesEndpoint, Playground.Config.WithCurrentUser(userId), ArtifactsDir, Bot.LastFailure);
        try
        {
            return new ChatWindow(playground, await ChatBrowser.StartAsync(playground, ArtifactsDir));
        }
        catch
        {
            await playground.DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            try
            {
                await _browser.ScreenshotAsync("last-page", "zz-on-dispose");
            }
            catch (Exception e) when (e is Microsoft.Playwright.PlaywrightException or TimeoutException)
            {
                // best effort: the page may already be gone
            }
            await _browser.DisposeAsync();
            _browser = null;
        }
        if (_playground is not null)
        {
            await _playground.DisposeAsync();
            _playground = null;
        }
        if (_bot is not null)
        {
            await _bot.DisposeAsync();
            _bot = null;
        }
    }

    private InvalidOperationException NotStarted() => new($"{GetType().Name} is not started.");
}

/// Another user's playground and page, open at the same time as the fixture's own.
public sealed record ChatWindow(Playground Playground, ChatBrowser Browser) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        try
        {
            await Browser.ScreenshotAsync($"last-page-{Playground.Config.CurrentUser.Id}", "zz-on-dispose");
        }
        catch (Exception e) when (e is Microsoft.Playwright.PlaywrightException or TimeoutException)
        {
            // best effort
        }
        await Browser.DisposeAsync();
        await Playground.DisposeAsync();
    }
}
