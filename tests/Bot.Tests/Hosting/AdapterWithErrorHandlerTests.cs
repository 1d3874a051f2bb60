using System.Net;
using BranchBot.Bot.Hosting;
using BranchBot.Bot.Tests.Support;
using Microsoft.Bot.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace BranchBot.Bot.Tests.Hosting;

public sealed class AdapterWithErrorHandlerTests
{
    [Fact]
    public async Task Turn_HandlerThrows_UserGetsFallbackWithoutExceptionText()
    {
        await using var host = await BotTestHost.StartAsync(services: s => s.AddSingleton<IBot, ThrowingBot>());

        var response = await host.SendAsync(host.Message());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(await host.Connector.WaitForActivitiesAsync(1));
        Assert.Equal(AdapterWithErrorHandler.FallbackText, reply.Text);
        Assert.DoesNotContain(ThrowingBot.Secret, reply.Body.GetRawText());
    }

    [Fact]
    public async Task Turn_ConnectorRefusesEverySend_RequestStillSucceedsAndHostAnswers()
    {
        await using var host = await BotTestHost.StartAsync();
        host.Connector.Respond = _ => (403, new { error = new { code = "ConversationBlockedByUser", message = "blocked" } });

        var refused = await host.SendAsync(host.Message(id: "m1"));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(2, (await host.Connector.WaitForActivitiesAsync(2)).Count);
        host.Connector.Respond = null;
        Assert.Equal(HttpStatusCode.OK, (await host.SendAsync(host.Message("again", id: "m2"))).StatusCode);
        Assert.Equal("m2", (await host.Connector.WaitForActivitiesAsync(3))[2].ActivityId);
    }

    private sealed class ThrowingBot : IBot
    {
        public const string Secret = "connection string leaked";

        public Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException(Secret);
    }
}
