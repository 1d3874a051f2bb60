using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BranchBot.Bot.Tests.Delivery;

/// <summary>An answer the connector gives instead of 200: status, Teams error code, optional Retry-After and delay.</summary>
public sealed record ConnectorAnswer(int Status, string? Code = null, string? RetryAfter = null, TimeSpan Delay = default, string? SubCode = null)
{
    public static ConnectorAnswer Ok(TimeSpan delay) => new(200, Delay: delay);
}

/// <summary>
/// Plays the Bot Connector for proactive sends on a loopback port, like tests/Bot.Tests/Support/FakeConnector but
/// with Teams' failure modes: <see cref="Answer"/> picks, per call (conversation id, the nth call to it), a 429 with
/// Retry-After, a 5xx, a slow answer (timeout) or a 403/404 with Teams' error code.
/// </summary>
public sealed class TeamsConnector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string ConversationId, string Text, int Status, DateTimeOffset At)> _calls = new();
    private readonly ConcurrentDictionary<string, int> _perConversation = new();
    private int _nextId;

    private TeamsConnector(WebApplication app) => _app = app;

    public string ServiceUrl { get; private set; } = "";

    /// <summary>(conversation id, 1-based call number to it) → an answer, or null for 200.</summary>
    public Func<string, int, ConnectorAnswer?>? Answer { get; set; }

    /// <summary>Every activity post: conversation, the card/message JSON, the status answered.</summary>
    public IReadOnlyList<(string ConversationId, string Text, int Status, DateTimeOffset At)> Calls => [.. _calls];

    public IReadOnlyList<(string ConversationId, string Text)> Delivered => [.. _calls.Where(c => c.Status == 200).Select(c => (c.ConversationId, c.Text))];

    public int ConversationsCreated;

    public static async Task<TeamsConnector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var connector = new TeamsConnector(app);
        app.MapPost("/v3/conversations", async (HttpContext context) =>
        {
            var body = await JsonDocument.ParseAsync(context.Request.Body);
            var member = body.RootElement.GetProperty("members")[0].GetProperty("id").GetString();
            Interlocked.Increment(ref connector.ConversationsCreated);
            var answer = connector.Answer?.Invoke("create:" + member, 1);
            if (answer is { Status: not 200 }) { await WriteErrorAsync(context, answer); return; }
            await context.Response.WriteAsJsonAsync(new { id = "conv-created-" + member, activityId = "" });
        });
        app.MapPost("/v3/conversations/{conversationId}/activities/{activityId?}", connector.ActivityAsync);
        await app.StartAsync();
        connector.ServiceUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/";
        return connector;
    }

    private async Task ActivityAsync(HttpContext context, string conversationId)
    {
        using var body = await JsonDocument.ParseAsync(context.Request.Body);
        var text = body.RootElement.GetRawText();
        var n = _perConversation.AddOrUpdate(conversationId, 1, (_, c) => c + 1);
        var answer = Answer?.Invoke(conversationId, n);
        if (answer is { Delay: var delay } && delay > TimeSpan.Zero)
        {
            try { await Task.Delay(delay, context.RequestAborted); }
            catch (OperationCanceledException) { _calls.Enqueue((conversationId, text, 499, DateTimeOffset.UtcNow)); return; }
        }
        var status = answer?.Status ?? 200;
        _calls.Enqueue((conversationId, text, status, DateTimeOffset.UtcNow));
        if (status != 200) { await WriteErrorAsync(context, answer!); return; }
        await context.Response.WriteAsJsonAsync(new { id = "activity-" + Interlocked.Increment(ref _nextId) });
    }

    private static async Task WriteErrorAsync(HttpContext context, ConnectorAnswer answer)
    {
        context.Response.StatusCode = answer.Status;
        if (answer.RetryAfter is { } retryAfter) context.Response.Headers.RetryAfter = retryAfter;
        object error = answer.SubCode is null
            ? new { error = new { code = answer.Code ?? "ServiceError", message = "test" } }
            : new { error = new { code = answer.Code ?? "Forbidden", message = "test", subCode = answer.SubCode } };
        await context.Response.WriteAsJsonAsync(error);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
