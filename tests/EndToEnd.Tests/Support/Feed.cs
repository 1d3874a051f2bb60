using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace BranchBot.EndToEnd.Tests.Support;

/// Everything a playground WebSocket has sent since it was opened, kept in order, with waits on it.
/// Waits take an optional start index (<see cref="Count"/> read before acting) so a step only sees what it caused.
public sealed class Feed<T> : IAsyncDisposable where T : class
{
    private readonly ClientWebSocket _socket = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<T> _items = [];
    private readonly Func<JsonElement, T?> _parse;
    private readonly string _name;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _reader;

    private Feed(string name, Func<JsonElement, T?> parse)
    {
        _name = name;
        _parse = parse;
    }

    public static async Task<Feed<T>> OpenAsync(Uri uri, Func<JsonElement, T?> parse)
    {
        var feed = new Feed<T>(uri.AbsolutePath, parse);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await feed._socket.ConnectAsync(uri, cts.Token);
        feed._reader = Task.Run(feed.ReadAsync);
        return feed;
    }

    public int Count
    {
        get
        {
            lock (_items)
            {
                return _items.Count;
            }
        }
    }

    public IReadOnlyList<T> Items
    {
        get
        {
            lock (_items)
            {
                return _items.ToArray();
            }
        }
    }

    public async Task<T> WaitForAsync(Func<T, bool> predicate, TimeSpan? timeout = null, int from = 0, string what = "a matching item")
    {
        var limit = timeout ?? Waits.Default;
        var deadline = DateTime.UtcNow + limit;
        var next = from;
        while (true)
        {
            Task changed;
            lock (_items)
            {
                for (; next < _items.Count; next++)
                {
                    if (predicate(_items[next]))
                    {
                        return _items[next];
                    }
                }
                changed = _changed.Task;
            }
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || await Task.WhenAny(changed, Task.Delay(left)) != changed)
            {
                throw new TimeoutException($"Timed out after {limit.TotalSeconds:0} s waiting on {_name} for {what}.\nLast items:\n{Describe(from)}");
            }
        }
    }

    public async Task<IReadOnlyList<T>> WaitForCountAsync(Func<T, bool> predicate, int count, TimeSpan? timeout = null, int from = 0, string what = "matching items")
    {
        var limit = timeout ?? Waits.Default;
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            Task changed;
            lock (_items)
            {
                var matches = _items.Skip(from).Where(predicate).ToList();
                if (matches.Count >= count)
                {
                    return matches;
                }
                changed = _changed.Task;
            }
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || await Task.WhenAny(changed, Task.Delay(left)) != changed)
            {
                throw new TimeoutException($"Timed out after {limit.TotalSeconds:0} s waiting on {_name} for {count} × {what}.\nLast items:\n{Describe(from)}");
            }
        }
    }

    public string Describe(int from = 0, int last = 12)
    {
        lock (_items)
        {
            return string.Join('\n', _items.Skip(from).TakeLast(last).Select(i => "  " + i));
        }
    }

    private async Task ReadAsync()
    {
        var buffer = new byte[64 * 1024];
        var message = new MemoryStream();
        try
        {
            while (_socket.State == WebSocketState.Open)
            {
                var result = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
                message.Write(buffer, 0, result.Count);
                if (!result.EndOfMessage)
                {
                    continue;
                }
                var text = Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
                message.SetLength(0);
                using var json = JsonDocument.Parse(text);
                if (_parse(json.RootElement.Clone()) is { } item)
                {
                    lock (_items)
                    {
                        _items.Add(item);
                        _changed.TrySetResult();
                        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    }
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
            // closed by us or by the playground going down
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_reader is not null)
        {
            await _reader.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
        }
        _socket.Dispose();
        _stop.Dispose();
    }
}

/// One item of <c>/_ws/log/stream</c>: an activity the playground sent to the bot (<see cref="ToBot"/>, with the
/// bot's HTTP status) or one the bot sent to the playground's connector (with the connector's status).
public sealed record LogEntry(
    bool ToBot,
    string ActivityName,
    string? ActivityType,
    string? ConversationId,
    string? FromId,
    string? Text,
    int? Status,
    JsonElement Request,
    JsonElement Response)
{
    public JsonElement? Value => Request.TryGetProperty("value", out var v) ? v : null;

    public static LogEntry? Parse(JsonElement json)
    {
        if (!json.TryGetProperty("log", out var log) || log.Str("type") != "bot")
        {
            return null;
        }
        var body = log.TryGetProperty("request", out var request) && request.TryGetProperty("body", out var b) ? b : default;
        var response = log.TryGetProperty("response", out var r) ? r : default;
        return new LogEntry(
            ToBot: log.Str("to") == "User Application",
            ActivityName: log.Str("activityName") ?? "",
            ActivityType: body.Str("type"),
            ConversationId: log.Str("conversationId"),
            FromId: body.ValueKind == JsonValueKind.Object && body.TryGetProperty("from", out var from) ? from.Str("id") : null,
            Text: body.Str("text"),
            Status: response.ValueKind == JsonValueKind.Object && response.TryGetProperty("statusCode", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetInt32() : null,
            Request: body,
            Response: response);
    }

    public override string ToString() =>
        $"{(ToBot ? "→bot" : "bot→")} {ActivityName} conv={ConversationId} from={FromId} status={Status} text={Text}";
}

/// One item of <c>/_ws_conversation/v1/conversations/stream</c>: a message created or updated in the chat UI.
public sealed record ChatMessage(string Action, string? ConversationId, string? MessageId, string? FromId, string? Text, JsonElement Attachments, JsonElement Raw)
{
    public bool IsUpdate => Action == "updateMessage";

    /// The text of the message plus every string inside its attachments (card bodies), for "contains" checks.
    public string AllText => string.Join('\n', new[] { Text ?? "" }.Concat(Strings(Attachments)));

    public static ChatMessage? Parse(JsonElement json)
    {
        var action = json.Str("action");
        if (action is not ("createMessage" or "updateMessage") || !json.TryGetProperty("message", out var message))
        {
            return null;
        }
        return new ChatMessage(
            action,
            json.Str("actionConversationId"),
            message.Str("messageId"),
            message.TryGetProperty("from", out var from) ? from.Str("id") : null,
            message.Str("text"),
            message.TryGetProperty("attachments", out var a) ? a : default,
            json);
    }

    private static IEnumerable<string> Strings(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => [e.GetString()!],
        JsonValueKind.Array => e.EnumerateArray().SelectMany(Strings),
        JsonValueKind.Object => e.EnumerateObject().SelectMany(p => Strings(p.Value)),
        _ => [],
    };

    public override string ToString() => $"{Action} conv={ConversationId} id={MessageId} from={FromId} text={Text} attachments={Attachments.ValueKind}";
}

internal static class JsonExtensions
{
    public static string? Str(this JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
