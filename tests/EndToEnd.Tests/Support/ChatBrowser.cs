using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace BranchBot.EndToEnd.Tests.Support;

/// Headless Debian Chromium (Playwright) on the playground's Teams-like page, personal chat open.
public sealed class ChatBrowser : IAsyncDisposable
{
    private static readonly string[] LaunchArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly string _screenshotRoot;
    // Shared by every window of a run, so two windows in one test number their screenshots in one sequence.
    private static readonly Dictionary<string, int> Shots = new();
    private IBrowserContext? _context;

    private ChatBrowser(IPlaywright playwright, IBrowser browser, string screenshotRoot)
    {
        _playwright = playwright;
        _browser = browser;
        _screenshotRoot = screenshotRoot;
    }

    public IPage Page { get; private set; } = null!;

    public Playground Playground { get; private set; } = null!;

    public static string ExecutablePath => Environment.GetEnvironmentVariable("BRANCHBOT_CHROMIUM") ?? "/usr/bin/chromium";

    /// <paramref name="screenshotRoot"/>: screenshots go to &lt;root&gt;/&lt;test method&gt;/NN-name.png.
    public static async Task<ChatBrowser> StartAsync(Playground playground, string screenshotRoot)
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"Chromium not found at {ExecutablePath}. Run scripts/install-test-tools.sh (apt-get install chromium).");
        }
        var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = ExecutablePath, Headless = true, Args = LaunchArgs });
        var chat = new ChatBrowser(playwright, browser, screenshotRoot);
        try
        {
            await chat.OpenAsync(playground);
            return chat;
        }
        catch
        {
            await chat.DisposeAsync();
            throw;
        }
    }

    /// Loads the playground page (again, e.g. after a restart as another user) and waits until the bot has
    /// answered the install events the page load sends, so the next step starts from a quiet chat.
    public async Task OpenAsync(Playground playground)
    {
        Playground = playground;
        if (_context is not null)
        {
            await _context.CloseAsync();
        }
        _context = await _browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 }, Locale = "zh-CN" });
        _context.SetDefaultTimeout((float)Waits.Default.TotalMilliseconds);
        Page = await _context.NewPageAsync();

        var mark = playground.Log.Count;
        await Page.GotoAsync(playground.BaseUrl.ToString());
        await playground.WaitForReceivedAsync(e => e.ActivityType == "installationUpdate", mark, Waits.Startup, what: "installationUpdate answered by the bot");
        await playground.WaitForReceivedAsync(e => e.ActivityType == "conversationUpdate", mark, Waits.Startup, what: "conversationUpdate answered by the bot");
        await Composer.WaitForAsync();
    }

    public ILocator Composer => Page.Locator("[data-lexical-editor=\"true\"]");

    /// Types into the compose box, presses Enter, and returns once the bot has received the message and answered it.
    public async Task<LogEntry> TypeAsync(string text)
    {
        var mark = Playground.Log.Count;
        await Composer.ClickAsync();
        await Page.Keyboard.InsertTextAsync(text);
        await Page.Keyboard.PressAsync("Enter");
        return await Playground.WaitForReceivedTextAsync(text, mark);
    }

    /// A bot message body (`.fai-OutputCard`) containing the text, waited for until visible.
    public async Task<ILocator> WaitForBotTextAsync(string text)
    {
        var message = BotMessages.Filter(new() { HasText = text }).Last;
        await message.WaitForAsync(new() { State = WaitForSelectorState.Visible });
        return message;
    }

    public ILocator BotMessages => Page.Locator(".fai-OutputCard");

    /// The last rendered Adaptive Card that contains the text.
    public async Task<ILocator> WaitForCardAsync(string text)
    {
        var card = Page.Locator(".ac-adaptiveCard").Filter(new() { HasText = text }).Last;
        await card.WaitForAsync(new() { State = WaitForSelectorState.Visible });
        return card;
    }

    /// The input a card labels with <paramref name="label"/>. Cards of version 1.3+ render a label[for] pointing at
    /// the input (whose DOM id is the card-JSON id); on a 1.2 card the bot lowers the label to a TextBlock right
    /// above the input, and the renderer gives the input a generated id, so the input is the first field after it.
    public static async Task<ILocator> InputAsync(ILocator card, string label)
    {
        var labelElement = card.Locator("label").Filter(new() { HasText = label }).First;
        if (await labelElement.CountAsync() == 0)
        {
            return card.Locator(".ac-textBlock").Filter(new() { HasTextRegex = new Regex($@"^\s*{Regex.Escape(label)}\s*$") }).First
                .Locator("xpath=following::*[self::input or self::textarea][1]");
        }
        var id = await labelElement.GetAttributeAsync("for")
            ?? throw new InvalidOperationException($"The label \"{label}\" has no `for` attribute.");
        return card.Locator($"[id=\"{id}\"]");
    }

    /// The input with this card-JSON id.
    public static ILocator InputById(ILocator card, string id) => card.Locator($"[id=\"{id}\"]");

    public static async Task FillAsync(ILocator card, string label, string value) => await (await InputAsync(card, label)).FillAsync(value);

    /// Input.Date: the rendered field takes MM/dd/yyyy, then Tab; the bot receives yyyy-MM-dd.
    public static async Task FillDateAsync(ILocator card, string label, DateOnly date)
    {
        var input = await InputAsync(card, label);
        await input.FillAsync(date.ToString("MM/dd/yyyy", CultureInfo.InvariantCulture));
        await input.PressAsync("Tab");
    }

    /// Input.ChoiceSet in compact style renders as a Fluent combobox whose options open in a popup outside the card;
    /// chooses by the choice's title.
    public async Task SelectAsync(ILocator card, string label, string choiceTitle)
    {
        await (await InputAsync(card, label)).ClickAsync();
        await Page.GetByRole(AriaRole.Option, new() { Name = choiceTitle, Exact = true }).ClickAsync();
    }

    public static async Task SetToggleAsync(ILocator card, string label, bool on) => await (await InputAsync(card, label)).SetCheckedAsync(on);

    /// Clicks a card button by its title and, for a submit or execute, returns once the bot answered it.
    public async Task<LogEntry> ClickAsync(ILocator card, string buttonTitle)
    {
        var mark = Playground.Log.Count;
        await card.GetByRole(AriaRole.Button, new() { Name = buttonTitle, Exact = true }).ClickAsync();
        return await Playground.WaitForReceivedAsync(
            e => e.ActivityType is "message" or "invoke" && e.Value is not null, mark, what: $"the bot's answer to the button \"{buttonTitle}\"");
    }

    /// Full-page PNG to artifacts/e2e/&lt;class&gt;/&lt;test&gt;/NN-name.png; returns the path.
    public async Task<string> ScreenshotAsync(string name, [CallerMemberName] string test = "")
    {
        var folder = Path.Combine(_screenshotRoot, test);
        int number;
        lock (Shots)
        {
            number = Shots[folder] = Shots.GetValueOrDefault(folder) + 1;
        }
        var path = Path.Combine(folder, $"{number:D2}-{name}.png");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await Page.ScreenshotAsync(new() { Path = path, FullPage = true });
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        if (_context is not null)
        {
            await _context.CloseAsync();
        }
        await _browser.CloseAsync();
        _playwright.Dispose();
    }
}
