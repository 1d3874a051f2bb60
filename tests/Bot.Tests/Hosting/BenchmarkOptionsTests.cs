using System.Net;
using BranchBot.Bot.Hosting;
using BranchBot.Bot.Tests.Support;
using BranchBot.Infrastructure;
using BranchBot.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BranchBot.Bot.Tests.Hosting;

public sealed class BenchmarkOptionsTests
{
    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "BranchBot.Bot";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    /// <summary>The host's own factory, counting the contexts created while a request to /api/messages is handled (not the background jobs').</summary>
    private sealed class TurnContexts(IOptions<DatabaseOptions> options, IHttpContextAccessor http) : IDbContextFactory<BranchDbContext>
    {
        private readonly BranchDbContextFactory _inner = new(options);
        private int _created;

        public int Created => Volatile.Read(ref _created);

        public BranchDbContext CreateDbContext()
        {
            if (http.HttpContext?.Request.Path == "/api/messages") Interlocked.Increment(ref _created);
            return _inner.CreateDbContext();
        }

        public static void Install(IServiceCollection services)
        {
            services.AddHttpContextAccessor();
            services.AddSingleton<TurnContexts>();
            services.AddSingleton<IDbContextFactory<BranchDbContext>>(sp => sp.GetRequiredService<TurnContexts>());
        }
    }

    [Fact]
    public void Validate_EchoInProduction_IsRefusedNamingTheKey()
    {
        var result = new BenchmarkOptionsValidator(new Environment("Production")).Validate(null, new BenchmarkOptions { Echo = true });

        Assert.StartsWith("Benchmark:Echo is a benchmark setting and is refused in Production", Assert.Single(result.Failures!));
    }

    [Fact]
    public void Validate_StockConnectorFactoryInProduction_IsRefusedNamingTheKey()
    {
        var result = new BenchmarkOptionsValidator(new Environment("Production")).Validate(null, new BenchmarkOptions { UseStockConnectorFactory = true });

        Assert.StartsWith("Benchmark:UseStockConnectorFactory is a benchmark setting and is refused in Production", Assert.Single(result.Failures!));
    }

    [Theory]
    [InlineData("Benchmark")]
    [InlineData("Testing")]
    public void Validate_BothSwitchesOutsideProduction_Succeeds(string environment) =>
        Assert.True(new BenchmarkOptionsValidator(new Environment(environment)).Validate(null, new BenchmarkOptions { Echo = true, UseStockConnectorFactory = true }).Succeeded);

    [Fact]
    public void Validate_DefaultsInProduction_SucceedWithEchoOff()
    {
        var defaults = new BenchmarkOptions();

        Assert.False(defaults.Echo);
        Assert.False(defaults.UseStockConnectorFactory);
        Assert.True(new BenchmarkOptionsValidator(new Environment("Production")).Validate(null, defaults).Succeeded);
    }

    [Fact]
    public async Task Message_EchoOn_AnswersTheFixedTextWithoutOpeningTheDatabase()
    {
        await using var host = await BotTestHost.StartAsync(new Dictionary<string, string?> { ["Benchmark:Echo"] = "true" }, TurnContexts.Install);
        var contexts = host.Services.GetRequiredService<TurnContexts>();

        Assert.Equal(HttpStatusCode.OK, (await host.SendAsync(host.Message(BenchmarkOptions.EchoText, id: "m1"))).StatusCode);
        var echo = Assert.Single(await host.Connector.WaitForActivitiesAsync(1));
        Assert.Equal(BenchmarkOptions.EchoReply, echo.Text);
        Assert.Equal(0, contexts.Created);

        // Any other text is an ordinary turn, which reads the database (so the count above is not blind).
        await host.SendAsync(host.Message("帮助", id: "m2"));
        var calls = await host.Connector.WaitForActivitiesAsync(2);
        Assert.NotEqual(BenchmarkOptions.EchoReply, calls[1].Text);
        Assert.True(contexts.Created > 0);
    }

    [Fact]
    public async Task Message_EchoTextWithDefaults_IsAnOrdinaryTurnNotTheEcho()
    {
        await using var host = await BotTestHost.StartAsync(services: TurnContexts.Install);
        var contexts = host.Services.GetRequiredService<TurnContexts>();

        Assert.Equal(HttpStatusCode.OK, (await host.SendAsync(host.Message(BenchmarkOptions.EchoText))).StatusCode);
        var reply = Assert.Single(await host.Connector.WaitForActivitiesAsync(1));
        Assert.NotEqual(BenchmarkOptions.EchoReply, reply.Text);
        Assert.True(contexts.Created > 0);
    }

    [Fact]
    public async Task Start_EchoInProduction_IsRefused()
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var host = await BotTestHost.StartAsync(new Dictionary<string, string?> { ["Benchmark:Echo"] = "true" }, environment: "Production");
        });

        Assert.Contains("Benchmark:Echo is a benchmark setting and is refused in Production", failure.ToString(), StringComparison.Ordinal);
    }
}
