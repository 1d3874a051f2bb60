using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BranchBot.Bot.Tests.Support;

/// <summary>One call the bot made to the connector.</summary>
public sealed record ConnectorCall(string Method, string Path, string ConversationId, string? ActivityId, string? Authorization, JsonElement Body)
{
    public string? Type => Property("type");

    public string? Text => Property("text");

    public string? ReplyToId => Property("replyToId");

    private string? Property(string name) =>
        Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}

/// <summary>
/// Plays the Bot Framework connector (the serviceUrl side) on a free loopback port: accepts sends, replies,
/// updates, deletes and conversation creation, records them, and answers like the real service.
/// <see cref="Respond"/> lets a test answer with an error instead (429, 403, ...).
/// </summary>
public sealed class FakeConnector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<ConnectorCall> _calls = [];
    private readonly object _gate = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _nextId;

    private FakeConnector(WebApplication app) => _app = app;

    /// <summary>Base URL with a trailing slash, to put in activities' serviceUrl.</summary>
    public string ServiceUrl { get; private set; } = "";

    /// <summary>Return a status code and JSON body to answer a call differently; null keeps the default 200.</summary>
    public Func<ConnectorCall, (int StatusCode, object Body)?>? Respond { get; set; }

    /// <summary>Teams profiles by user id ("29:..."), answered to TeamsInfo.GetMemberAsync; others get 404.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, (string Name, string AadObjectId, string Email)> Members { get; } = new();

    public IReadOnlyList<ConnectorCall> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    public static async Task<FakeConnector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var connector = new FakeConnector(app);

        app.MapPost("/v3/conversations", (HttpContext context) => connector.RecordAsync(context, "", null, created: true));
        app.MapPost("/v3/conversations/{conversationId}/activities", (HttpContext context, string conversationId) =>
            connector.RecordAsync(context, conversationId, null));
        app.MapPost("/v3/conversations/{conversationId}/activities/{activityId}", (HttpContext context, string conversationId, string activityId) =>
            connector.RecordAsync(context, conversationId, activityId));
        app.MapPut("/v3/conversations/{conversationId}/activities/{activityId}", (HttpContext context, string conversationId, string activityId) =>
            connector.RecordAsync(context, conversationId, activityId));
        app.MapGet("/v3/conversations/{conversationId}/members/{userId}", (string conversationId, string userId) =>
            connector.Members.TryGetValue(userId, out var m)
                ? Results.Json(new { id = userId, name = m.Name, aadObjectId = m.AadObjectId, email = m.Email, userPrincipalName = m.Email, tenantId = TestActivity.TenantId })
                : Results.Json(new { error = new { code = "MemberNotFoundInConversation", message = "not found" } }, statusCode: 404));
        app.MapDelete("/v3/conversations/{conversationId}/activities/{activityId}", (HttpContext context, string conversationId, string activityId) =>
            connector.RecordAsync(context, conversationId, activityId));

        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        connector.ServiceUrl = address.TrimEnd('/') + "/";
        return connector;
    }

    /// <summary>Waits until at least <paramref name="count"/> calls arrived and returns them all.</summary>
    public async Task<IReadOnlyList<ConnectorCall>> WaitForActivitiesAsync(int count, TimeSpan? timeout = null)
    {
        using var cancellation = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_calls.Count >= count)
                {
                    return [.. _calls];
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(cancellation.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Expected {count} connector calls, got {Calls.Count}.");
            }
        }
    }

    private async Task RecordAsync(HttpContext context, string conversationId, string? activityId, bool created = false)
    {
        var body = context.Request.ContentLength == 0
            ? default
            : (await JsonDocument.ParseAsync(context.Request.Body)).RootElement.Clone();
        var call = new ConnectorCall(context.Request.Method, context.Request.Path.Value ?? "", conversationId, activityId,
            context.Request.Headers.Authorization.FirstOrDefault(), body);

        TaskCompletionSource changed;
        int id;
        lock (_gate)
        {
            _calls.Add(call);
            id = ++_nextId;
            changed = _changed;
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        changed.SetResult();

        if (Respond?.Invoke(call) is { } custom)
        {
            context.Response.StatusCode = custom.StatusCode;
            await context.Response.WriteAsJsonAsync(custom.Body);
            return;
        }

        object answer = created ? new { id = $"conversation-{id}", activityId = $"activity-{id}" } : new { id = $"activity-{id}" };
        await context.Response.WriteAsJsonAsync(answer);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
