using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BranchBot.Bot.Tests.Support;

/// <summary>
/// The real bot host (Program, AddBot, the SDK adapter) in memory, with a <see cref="FakeConnector"/> on a
/// loopback port receiving whatever the bot sends. Settings override configuration keys ("Bot:AllowedTenants:0");
/// <c>services</c> may replace registrations.
/// </summary>
public sealed class BotTestHost : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;

    private BotTestHost(WebApplicationFactory<Program> factory, FakeConnector connector, string dataDirectory)
    {
        _factory = factory;
        Connector = connector;
        DataDirectory = dataDirectory;
        Client = factory.CreateClient();
    }

    /// <summary>This host's own SQLite folder (a fresh temp directory, deleted on dispose).</summary>
    public string DataDirectory { get; }

    public FakeConnector Connector { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _factory.Services;

    public static async Task<BotTestHost> StartAsync(
        IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null, string environment = "Testing")
    {
        var connector = await FakeConnector.StartAsync();
        var dataDirectory = Directory.CreateTempSubdirectory("branchbot-test-").FullName;
        var allSettings = new Dictionary<string, string?> { ["Database:DataDirectory"] = dataDirectory };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) allSettings[key] = value;
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment(environment);
            builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(allSettings));
            if (services is not null)
            {
                builder.ConfigureTestServices(services);
            }
        });

        try
        {
            return new BotTestHost(factory, connector, dataDirectory);
        }
        catch
        {
            await factory.DisposeAsync();
            await connector.DisposeAsync();
            throw;
        }
    }

    /// <summary>A Teams-like message to this host's connector, ready to send or to alter.</summary>
    public JsonObject Message(string text = "你好", string id = "activity-in-1") => TestActivity.Message(Connector.ServiceUrl, text, id);

    public Task<HttpResponseMessage> SendAsync(JsonNode activity, string? authorization = null) =>
        SendAsync(activity.ToJsonString(), authorization);

    public Task<HttpResponseMessage> SendAsync(string activityJson, string? authorization = null) =>
        SendAsync(new StringContent(activityJson, Encoding.UTF8, "application/json"), authorization);

    public Task<HttpResponseMessage> SendAsync(HttpContent content, string? authorization = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = content };
        if (authorization is not null)
        {
            request.Headers.Authorization = AuthenticationHeaderValue.Parse(authorization);
        }

        return Client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _factory.DisposeAsync();
        await Connector.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
