using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace BranchBot.FanOutBench;

/// <summary>
/// Plays the Bot Connector and enforces Teams' limits as sliding one-second windows: at most N requests per second
/// per tenant and M per conversation; beyond them it answers 429 Throttled with Retry-After: 1, as Teams does.
/// </summary>
internal sealed class LimitingConnector : IAsyncDisposable
{
    private static readonly byte[] Answer = """{"id":"1"}"""u8.ToArray();
    private static readonly byte[] ThrottledBody = """{"error":{"code":"Throttled","message":"Too many requests"}}"""u8.ToArray();
    private readonly WebApplication _app;
    private readonly int _tenantLimit;
    private readonly int _conversationLimit;
    private readonly Queue<long> _tenantWindow = new();
    private readonly ConcurrentDictionary<string, Queue<long>> _conversationWindows = new();
    private readonly ConcurrentDictionary<string, int> _delivered = new();
    private int _throttled;

    private LimitingConnector(WebApplication app, int tenantLimit, int conversationLimit)
    {
        _app = app;
        _tenantLimit = tenantLimit;
        _conversationLimit = conversationLimit;
    }

    public string ServiceUrl { get; private set; } = "";

    public int Throttled => Volatile.Read(ref _throttled);

    public IReadOnlyDictionary<string, int> DeliveredPerConversation() => new Dictionary<string, int>(_delivered);

    public static async Task<LimitingConnector> StartAsync(int tenantLimit, int conversationLimit)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var connector = new LimitingConnector(app, tenantLimit, conversationLimit);
        app.MapPost("/v3/conversations/{conversationId}/activities/{activityId?}", (Func<HttpContext, string, Task>)connector.AcceptAsync);
        await app.StartAsync();
        connector.ServiceUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/";
        return connector;
    }

    private async Task AcceptAsync(HttpContext context, string conversationId)
    {
        await context.Request.Body.CopyToAsync(Stream.Null);
        var now = Stopwatch.GetTimestamp();
        var allowed = Admit(_tenantWindow, _tenantLimit, now)
            && Admit(_conversationWindows.GetOrAdd(conversationId, _ => new Queue<long>()), _conversationLimit, now);
        context.Response.ContentType = "application/json";
        if (!allowed)
        {
            Interlocked.Increment(ref _throttled);
            context.Response.StatusCode = 429;
            context.Response.Headers.RetryAfter = "1";
            await context.Response.Body.WriteAsync(ThrottledBody);
            return;
        }
        _delivered.AddOrUpdate(conversationId, 1, (_, n) => n + 1);
        await context.Response.Body.WriteAsync(Answer);
    }

    private static bool Admit(Queue<long> window, int limit, long now)
    {
        lock (window)
        {
            while (window.Count > 0 && Stopwatch.GetElapsedTime(window.Peek(), now) >= TimeSpan.FromSeconds(1)) window.Dequeue();
            if (window.Count >= limit) return false;
            window.Enqueue(now);
            return true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
