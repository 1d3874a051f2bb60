using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BranchBot.LoadBench;

/// <summary>
/// Plays the Bot Framework connector on a loopback port: counts new messages (POST) and in-place card updates
/// (PUT, the receipt that replaces an answered report form), and answers the Teams member lookup the bot makes
/// while a user is not yet linked to the roster.
/// </summary>
internal sealed class ConnectorSink : IAsyncDisposable
{
    private static readonly byte[] Answer = """{"id":"1"}"""u8.ToArray();

    // The bot's answer when a turn throws (AdapterWithErrorHandler.FallbackText, its start as JSON carries it): such
    // a turn was answered, but not with what the scenario asked for, so it counts as an error, not as a turn.
    private static readonly byte[] FallbackMarker = System.Text.Encoding.UTF8.GetBytes("出错了，请稍后再试");
    private readonly WebApplication _app;
    private readonly Func<string, BenchUser?> _findUser;
    private long _posted;
    private long _updated;
    private long _memberLookups;
    private long _failed;

    private ConnectorSink(WebApplication app, Func<string, BenchUser?> findUser)
    {
        _app = app;
        _findUser = findUser;
    }

    public string ServiceUrl { get; private set; } = "";

    public Counts Snapshot => new(Interlocked.Read(ref _posted), Interlocked.Read(ref _updated), Interlocked.Read(ref _memberLookups), Interlocked.Read(ref _failed));

    public static async Task<ConnectorSink> StartAsync(Func<string, BenchUser?> findUser)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var sink = new ConnectorSink(app, findUser);
        app.MapPost("/v3/conversations/{conversationId}/activities/{activityId?}", context => sink.AcceptAsync(context, ref sink._posted));
        app.MapPut("/v3/conversations/{conversationId}/activities/{activityId}", context => sink.AcceptAsync(context, ref sink._updated));
        app.MapGet("/v3/conversations/{conversationId}/members/{userId}", sink.MemberAsync);
        await app.StartAsync();
        sink.ServiceUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/";
        return sink;
    }

    private Task AcceptAsync(HttpContext context, ref long counter)
    {
        Interlocked.Increment(ref counter);
        return DrainAndAnswerAsync(context);
    }

    private async Task DrainAndAnswerAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        if (body.GetBuffer().AsSpan(0, (int)body.Length).IndexOf(FallbackMarker) >= 0) Interlocked.Increment(ref _failed);
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(Answer);
    }

    // TeamsInfo.GetMemberAsync in a personal chat: GET v3/conversations/{id}/members/{userId} → TeamsChannelAccount.
    private async Task MemberAsync(HttpContext context)
    {
        Interlocked.Increment(ref _memberLookups);
        var userId = Uri.UnescapeDataString((string)context.Request.RouteValues["userId"]!);
        if (_findUser(userId) is not { } user)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            await context.Response.WriteAsync("""{"error":{"code":"MemberNotFoundInConversation","message":"no such member"}}""");
            return;
        }

        context.Response.ContentType = "application/json";
        await JsonSerializer.SerializeAsync(context.Response.Body, new Dictionary<string, string>
        {
            ["id"] = user.TeamsId,
            ["name"] = user.Name,
            ["aadObjectId"] = user.AadObjectId,
            ["email"] = user.Email,
            ["userPrincipalName"] = user.Email,
            ["tenantId"] = Scenarios.TenantId,
            ["userRole"] = "user",
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

internal readonly record struct Counts(long Posted, long Updated, long MemberLookups, long Failed)
{
    public static Counts operator -(Counts a, Counts b) => new(a.Posted - b.Posted, a.Updated - b.Updated, a.MemberLookups - b.MemberLookups, a.Failed - b.Failed);
}
