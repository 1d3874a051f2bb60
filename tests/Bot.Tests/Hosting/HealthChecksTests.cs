using System.Diagnostics;
using System.Net;
using System.Text.Json;
using BranchBot.Bot.Tests.Support;
using BranchBot.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BranchBot.Bot.Tests.Hosting;

public sealed class HealthChecksTests
{
    private static readonly Dictionary<string, string?> NoReminders = new() { ["Reminders:Enabled"] = "false" };

    [Fact]
    public async Task GetReady_MigratedDatabase_Returns200WithEachCheckHealthy()
    {
        await using var host = await BotTestHost.StartAsync(NoReminders);

        var (status, body) = await GetAsync(host, "/health/ready");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Equal("Sqlite: ready", Check(body, "database").GetProperty("description").GetString());
        Assert.StartsWith("disabled", Check(body, "delivery").GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetReady_DatabaseUnreachable_Returns503NamingTheDatabase()
    {
        await using var host = await BotTestHost.StartAsync(NoReminders);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(Path.Combine(host.DataDirectory, DatabaseOptions.DefaultSqliteFile));

        var (status, body) = await GetAsync(host, "/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", body.GetProperty("status").GetString());
        Assert.Equal("Unhealthy", Check(body, "database").GetProperty("status").GetString());
        Assert.Equal("Sqlite: unreachable", Check(body, "database").GetProperty("description").GetString());
        Assert.Equal("Healthy", Check(body, "delivery").GetProperty("status").GetString());
    }

    [Fact]
    public async Task GetLive_DatabaseUnreachable_Returns200()
    {
        await using var host = await BotTestHost.StartAsync(NoReminders);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(Path.Combine(host.DataDirectory, DatabaseOptions.DefaultSqliteFile));

        var (status, body) = await GetAsync(host, "/health/live");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Empty(body.GetProperty("checks").EnumerateObject());
    }

    [Fact]
    public async Task GetHealthz_DatabaseUnreachable_Returns503InItsOwnShape()
    {
        await using var host = await BotTestHost.StartAsync(NoReminders);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(Path.Combine(host.DataDirectory, DatabaseOptions.DefaultSqliteFile));

        var (status, body) = await GetAsync(host, "/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("unhealthy", body.GetProperty("status").GetString());
        Assert.Equal("Sqlite: unreachable", body.GetProperty("database").GetString());
    }

    [Fact]
    public async Task GetReady_RemindersOnAndJobServerRunning_Returns200()
    {
        await using var host = await BotTestHost.StartAsync(new Dictionary<string, string?> { ["Reminders:CatchUpOnStart"] = "false" });

        var body = await WaitForReadyAsync(host);

        Assert.StartsWith("running (2 workers)", Check(body, "delivery").GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetReady_RemindersOnButNoJobServer_Returns503SayingSo()
    {
        await using var host = await BotTestHost.StartAsync(new Dictionary<string, string?> { ["Reminders:CatchUpOnStart"] = "false" }, services =>
        {
            var jobServer = Assert.Single(services, d => d.ServiceType == typeof(IHostedService) && d.ImplementationFactory?.Method.ReturnType.Name == "BackgroundJobServerHostedService");
            services.Remove(jobServer);
        });

        var (status, body) = await GetAsync(host, "/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.StartsWith("not running", Check(body, "delivery").GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal("Healthy", Check(body, "database").GetProperty("status").GetString());
    }

    private static JsonElement Check(JsonElement body, string name) => body.GetProperty("checks").GetProperty(name);

    private static async Task<(HttpStatusCode Status, JsonElement Body)> GetAsync(BotTestHost host, string path)
    {
        using var response = await host.Client.GetAsync(path);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, json.RootElement.Clone());
    }

    // The job server announces itself in the background once the host has started.
    private static async Task<JsonElement> WaitForReadyAsync(BotTestHost host)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var (status, body) = await GetAsync(host, "/health/ready");
            if (status == HttpStatusCode.OK) return body;
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), $"/health/ready stayed {status}: {body}");
            await Task.Delay(100);
        }
    }
}
