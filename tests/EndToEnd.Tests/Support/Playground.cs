using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace BranchBot.EndToEnd.Tests.Support;

/// The conversation and user ids the running playground reports (GET /_internal/v1/config).
public sealed record PlaygroundIds(string PersonalChatId, string GroupChatId, string TeamId, IReadOnlyList<string> ChannelIds, string CurrentUserId, IReadOnlyList<string> UserIds);

/// Microsoft 365 Agents Playground 0.2.28 (tests/node) pointed at the bot, with its two WebSocket feeds open:
/// <see cref="Chat"/> (what the bot posted or updated) and <see cref="Log"/> (what the bot received and how it answered).
public sealed partial class Playground : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _http;
    private readonly Func<string>? _botLog;

    private Playground(Process process, int port, PlaygroundConfig config, string logPath, Feed<ChatMessage> chat, Feed<LogEntry> log, HttpClient http, Func<string>? botLog)
    {
        _botLog = botLog;
        _process = process;
        Port = port;
        Config = config;
        LogPath = logPath;
        Chat = chat;
        Log = log;
        _http = http;
    }

    public int Port { get; }

    public Uri BaseUrl => new($"http://127.0.0.1:{Port}");

    public PlaygroundConfig Config { get; }

    public string LogPath { get; }

    public Feed<ChatMessage> Chat { get; }

    public Feed<LogEntry> Log { get; }

    public string PersonalChatId => Config.PersonalChatId;

    /// <paramref name="botLog"/> supplies the bot's side of a failure for error messages (e.g. <see cref="BotProcess.LastFailure"/>).
    public static async Task<Playground> StartAsync(Uri botMessagesEndpoint, PlaygroundConfig config, string artifactsDir, Func<string>? botLog = null)
    {
        if (!File.Exists(RepoPaths.PlaygroundCli))
        {
            throw new InvalidOperationException(
                $"The Agents Playground is not installed at {RepoPaths.PlaygroundCli}. Run scripts/install-test-tools.sh (or `npm ci` in tests/node).");
        }
        Directory.CreateDirectory(artifactsDir);
        var port = RepoPaths.FreePort();
        var name = $"playground-{config.CurrentUser.Id}";
        var configPath = Path.Combine(artifactsDir, name + ".yml");
        var logPath = Path.Combine(artifactsDir, name + ".log");
        await File.WriteAllTextAsync(configPath, config.ToYaml());
        File.Delete(logPath);

        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepoPaths.NodeTools,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { RepoPaths.PlaygroundCli, "-e", botMessagesEndpoint.ToString(), "-c", "msteams", "--dt", "-p", port.ToString() })
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment["TEAMSAPPTESTER_BROWSER"] = "none";
        info.Environment["M365_AGENTS_PLAYGROUND_LOGFILE"] = logPath;
        info.Environment["M365_AGENTS_PLAYGROUND_CONFIG_PATH"] = configPath;

        var process = new Process { StartInfo = info };
        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => OnOutput(e.Data);
        process.ErrorDataReceived += (_, e) => OnOutput(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        Feed<ChatMessage>? chat = null;
        try
        {
            var first = await Task.WhenAny(listening.Task, process.WaitForExitAsync(), Task.Delay(Waits.Startup));
            if (first != listening.Task)
            {
                throw new InvalidOperationException($"The playground did not print `Listening on {port}`. Output:\n{output}\nLog ({logPath}):\n{Tail(logPath)}");
            }
            if (listening.Task.Result != port)
            {
                throw new InvalidOperationException($"The playground listens on {listening.Task.Result}, not on the requested {port} (port was busy).");
            }
            await Waits.UntilAsync(async () => await http.GetStringAsync("/_debug/ping") == "pong", Waits.Startup, "the playground's /_debug/ping", () => Tail(logPath));

            var ws = new Uri($"ws://127.0.0.1:{port}");
            chat = await Feed<ChatMessage>.OpenAsync(new Uri(ws, "/_ws_conversation/v1/conversations/stream"), ChatMessage.Parse);
            var log = await Feed<LogEntry>.OpenAsync(new Uri(ws, "/_ws/log/stream"), LogEntry.Parse);
            var playground = new Playground(process, port, config, logPath, chat, log, http, botLog);
            await playground.CheckConfigAsync();
            return playground;
        }
        catch
        {
            if (chat is not null)
            {
                await chat.DisposeAsync();
            }
            http.Dispose();
            Stop(process);
            throw;
        }

        void OnOutput(string? line)
        {
            if (line is null)
            {
                return;
            }
            lock (output)
            {
                output.AppendLine(line);
            }
            if (ListeningLine().Match(line) is { Success: true } m)
            {
                listening.TrySetResult(int.Parse(m.Groups[1].Value));
            }
        }
    }

    /// A message typed by the current user (the playground ignores other senders on this route). In a group chat
    /// or channel the bot only hears messages that @mention it: <paramref name="mentionBot"/> prefixes `&lt;at&gt;Bot&lt;/at&gt;`.
    public async Task<string> SendTextAsync(string conversationId, string text, bool mentionBot = false)
    {
        var at = $"<at>{Config.BotName}</at>";
        object body = mentionBot
            ? new { text = $"{at} {text}", textFormat = "plain", from = new { id = Config.CurrentUser.Id }, mentions = new[] { new { mentioned = new { id = Config.BotId }, text = at } } }
            : new { text, textFormat = "plain", from = new { id = Config.CurrentUser.Id } };
        var response = await PostAsync($"/_conversation/v1/conversations/{Uri.EscapeDataString(conversationId)}/messages", body);
        return response.GetProperty("messageId").ToString();
    }

    /// An Action.Submit from the card <paramref name="replyToId"/>, as <paramref name="fromId"/> (honoured).
    public async Task SubmitAsync(string conversationId, string fromId, string replyToId, object value) =>
        await PostAsync("/_conversation/v1/submit", new { conversation = new { id = conversationId }, from = new { id = fromId }, replyToId, value });

    /// An Action.Execute (invoke `adaptiveCard/action`); returns the bot's invoke response.
    public async Task<JsonElement> InvokeAsync(string conversationId, string fromId, string replyToId, string verb, object? data = null) =>
        await PostAsync("/_conversation/v1/invoke", new
        {
            name = "adaptiveCard/action",
            conversation = new { id = conversationId },
            from = new { id = fromId },
            replyToId,
            value = new { action = new { type = "Action.Execute", verb, data = data ?? new { } }, trigger = "manual" },
        });

    /// Re-sends installationUpdate + conversationUpdate into a conversation.
    public async Task InstallAsync(string conversationId) =>
        await PostAsync($"/_debug/conversation/{Uri.EscapeDataString(conversationId)}/installation", new { });

    /// Any activity, sent to the bot exactly as given (any `from`, any conversation).
    public async Task CustomActivityAsync(object activity) => await PostAsync("/_internal/v1/customActivities", activity);

    /// Posts an activity as if the bot had sent it through the playground's mocked Bot Connector, e.g. a card to
    /// exercise the page without the bot's help. Returns the new message id.
    public async Task<string> PostAsBotAsync(string conversationId, object activity)
    {
        var response = await PostAsync($"/_connector/v3/conversations/{Uri.EscapeDataString(conversationId)}/activities", activity);
        return response.GetProperty("id").GetString()!;
    }

    public async Task<PlaygroundIds> GetConfigAsync()
    {
        var root = await _http.GetFromJsonAsync<JsonElement>("/_internal/v1/config");
        var config = root.GetProperty("config");
        var team = config.GetProperty("teams")[0];
        return new PlaygroundIds(
            config.GetProperty("personalChat").GetProperty("id").GetString()!,
            config.GetProperty("groupChats")[0].GetProperty("id").GetString()!,
            team.GetProperty("id").GetString()!,
            team.GetProperty("channels").EnumerateArray().Select(c => c.GetProperty("id").GetString()!).ToArray(),
            config.GetProperty("currentUser").GetProperty("id").GetString()!,
            config.GetProperty("users").EnumerateArray().Select(u => u.GetProperty("id").GetString()!).ToArray());
    }

    /// Waits until the bot has received an activity and answered it (the log shows its HTTP status);
    /// fails at once if the bot answered with a 5xx.
    public async Task<LogEntry> WaitForReceivedAsync(Func<LogEntry, bool> predicate, int from = 0, TimeSpan? timeout = null, string what = "an activity the bot answered")
    {
        var entry = await Log.WaitForAsync(e => e.ToBot && e.Status is not null && predicate(e), timeout, from, what);
        if (entry.Status >= 500)
        {
            throw new InvalidOperationException($"The bot answered {entry} with HTTP {entry.Status}.\n{_botLog?.Invoke() ?? "See the bot log."}");
        }
        return entry;
    }

    public Task<LogEntry> WaitForReceivedTextAsync(string text, int from = 0, TimeSpan? timeout = null) =>
        WaitForReceivedAsync(e => e.ActivityType == "message" && e.Text?.Trim() == text.Trim(), from, timeout, $"the message \"{text}\" answered by the bot");

    /// Waits for a message the bot posted or updated whose text or card contains <paramref name="text"/>.
    public Task<ChatMessage> WaitForBotMessageAsync(string text, int from = 0, TimeSpan? timeout = null) =>
        WaitForBotMessageAsync(m => m.AllText.Contains(text, StringComparison.Ordinal), from, timeout, $"a bot message containing \"{text}\"");

    public Task<ChatMessage> WaitForBotMessageAsync(Func<ChatMessage, bool> predicate, int from = 0, TimeSpan? timeout = null, string what = "a matching bot message") =>
        Chat.WaitForAsync(m => m.FromId == Config.BotId && predicate(m), timeout, from, what);

    /// Both feeds, the latest entries first-to-last, for failure messages.
    public string Describe() => $"Log feed:\n{Log.Describe()}\nChat feed:\n{Chat.Describe()}";

    private async Task CheckConfigAsync()
    {
        var ids = await GetConfigAsync();
        if (ids.CurrentUserId != Config.CurrentUser.Id || ids.PersonalChatId != Config.PersonalChatId)
        {
            throw new InvalidOperationException($"The playground did not load our config (current user {ids.CurrentUserId}). Log:\n{Tail(LogPath)}");
        }
    }

    private async Task<JsonElement> PostAsync(string path, object body)
    {
        using var response = await _http.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"POST {path} → {(int)response.StatusCode}: {text}");
        }
        return string.IsNullOrWhiteSpace(text) ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    private static string Tail(string path) => File.Exists(path) ? string.Join('\n', File.ReadLines(path).TakeLast(30)) : "(no log)";

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
        process.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await Chat.DisposeAsync();
        await Log.DisposeAsync();
        _http.Dispose();
        Stop(_process);
    }

    [GeneratedRegex(@"Listening on (\d+)")]
    private static partial Regex ListeningLine();
}
