using System.Net;
using System.Security.Claims;
using BranchBot.Bot.Hosting;
using BranchBot.Bot.Tests.Support;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.DependencyInjection;

namespace BranchBot.Bot.Tests.Hosting;

public sealed class ConnectorClientCacheTests
{
    [Fact]
    public async Task TwoTurns_SameServiceUrl_ShareOneConnectorClientAndOneContractResolver()
    {
        var recorder = new ClientRecorder();
        await using var host = await BotTestHost.StartAsync(services: recorder.Install);

        Assert.Equal(HttpStatusCode.OK, (await host.SendAsync(host.Message("一", id: "m1"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.SendAsync(host.Message("二", id: "m2"))).StatusCode);

        await host.Connector.WaitForActivitiesAsync(2);
        Assert.Equal(2, recorder.Clients.Count);
        Assert.Same(recorder.Clients[0], recorder.Clients[1]);
        var client = Assert.IsAssignableFrom<ConnectorClient>(recorder.Clients[0]);
        Assert.Same(ConnectorClientCache.SharedContractResolver, client.SerializationSettings.ContractResolver);
        Assert.Same(ConnectorClientCache.SharedContractResolver, client.DeserializationSettings.ContractResolver);
        Assert.Equal(1, host.Services.GetRequiredService<ConnectorClientCache>().Count);
    }

    [Fact]
    public async Task TwoTurns_StockConnectorFactory_BuildsAClientAndResolverPerTurn()
    {
        var recorder = new ClientRecorder();
        await using var host = await BotTestHost.StartAsync(
            new Dictionary<string, string?> { ["Benchmark:UseStockConnectorFactory"] = "true" }, recorder.Install);

        await host.SendAsync(host.Message("一", id: "m1"));
        await host.SendAsync(host.Message("二", id: "m2"));

        await host.Connector.WaitForActivitiesAsync(2);
        var first = Assert.IsAssignableFrom<ConnectorClient>(recorder.Clients[0]);
        var second = Assert.IsAssignableFrom<ConnectorClient>(recorder.Clients[1]);
        Assert.NotSame(first, second);
        Assert.NotSame(first.SerializationSettings.ContractResolver, second.SerializationSettings.ContractResolver);
    }

    [Fact]
    public async Task ContinueConversation_AfterInboundTurn_SendsThroughTheCachedClient()
    {
        var recorder = new ClientRecorder();
        await using var host = await BotTestHost.StartAsync(services: recorder.Install);
        await host.SendAsync(host.Message());
        await host.Connector.WaitForActivitiesAsync(1);
        var adapter = host.Services.GetRequiredService<CloudAdapter>();
        var reference = new ConversationReference
        {
            ServiceUrl = host.Connector.ServiceUrl,
            ChannelId = "msteams",
            Conversation = new ConversationAccount(id: TestActivity.ConversationId),
            User = new ChannelAccount(TestActivity.UserId),
            Bot = new ChannelAccount(TestActivity.BotId),
        };
        IConnectorClient? proactiveClient = null;

        await adapter.ContinueConversationAsync(new ClaimsIdentity(), reference, async (turn, cancellationToken) =>
        {
            proactiveClient = turn.TurnState.Get<IConnectorClient>();
            await turn.SendActivityAsync(MessageFactory.Text("本月思想汇报还未提交"), cancellationToken);
        }, CancellationToken.None);

        var calls = await host.Connector.WaitForActivitiesAsync(2);
        Assert.Equal("本月思想汇报还未提交", calls[1].Text);
        Assert.Same(recorder.Clients[0], proactiveClient);
    }

    [Fact]
    public async Task Dispose_ByTheAdapterAfterATurn_LeavesTheCachedClientUsable()
    {
        await using var host = await BotTestHost.StartAsync();

        for (var turn = 1; turn <= 3; turn++)
        {
            Assert.Equal(HttpStatusCode.OK, (await host.SendAsync(host.Message($"turn {turn}", id: $"m{turn}"))).StatusCode);
        }

        var calls = await host.Connector.WaitForActivitiesAsync(3);
        Assert.Equal(["m1", "m2", "m3"], calls.Select(c => c.ActivityId));
    }

    /// <summary>Wraps the real handler and notes which connector client each turn was given.</summary>
    private sealed class ClientRecorder
    {
        private readonly List<IConnectorClient> _clients = [];

        public IReadOnlyList<IConnectorClient> Clients
        {
            get
            {
                lock (_clients)
                {
                    return [.. _clients];
                }
            }
        }

        public void Install(IServiceCollection services) =>
            services.AddSingleton<IBot>(sp => new Recording(this, ActivatorUtilities.CreateInstance<BranchBot.Bot.Conversation.BranchBotHandler>(sp)));

        private sealed class Recording(ClientRecorder recorder, IBot inner) : IBot
        {
            public Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
            {
                lock (recorder._clients)
                {
                    recorder._clients.Add(turnContext.TurnState.Get<IConnectorClient>());
                }

                return inner.OnTurnAsync(turnContext, cancellationToken);
            }
        }
    }
}
