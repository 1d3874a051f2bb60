using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BranchBot.LoadBench;

/// <summary>Plays the Bot Framework connector on a loopback port: reads each reply and answers 200 with an id.</summary>
internal sealed class ConnectorSink : IAsyncDisposable
{
    private static readonly byte[] Answer = """{"id":"1"}"""u8.ToArray();
    private readonly WebApplication _app;
    private long _received;

    private ConnectorSink(WebApplication app) => _app = app;

    public string ServiceUrl { get; private set; } = "";

    public long Received => Interlocked.Read(ref _received);

    public static async Task<ConnectorSink> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var sink = new ConnectorSink(app);
        app.MapPost("/v3/conversations/{conversationId}/activities/{activityId?}", sink.AcceptAsync);
        await app.StartAsync();
        sink.ServiceUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single() + "/";
        return sink;
    }

    private async Task AcceptAsync(HttpContext context)
    {
        await context.Request.Body.CopyToAsync(Stream.Null);
        Interlocked.Increment(ref _received);
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(Answer);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
