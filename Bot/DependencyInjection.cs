using BranchBot.Bot.Conversation;
using BranchBot.Bot.Delivery;
using BranchBot.Bot.Features.Export;
using BranchBot.Bot.Features.Info;
using BranchBot.Bot.Features.Reviews;
using BranchBot.Bot.Hosting;
using BranchBot.Bot.Reminders;
using BranchBot.Bot.Tab;
using BranchBot.Infrastructure.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace BranchBot.Bot;

public static class DependencyInjection
{
    /// <summary>The one composition root of Bot: the platform (options, clock, SDK adapter, handler), the features' flows and router, delivery and the reminder jobs.</summary>
    public static IServiceCollection AddBot(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BotOptions>().Bind(configuration.GetSection(BotOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BotOptions>, BotOptionsValidator>();

        services.AddOptions<ClockOptions>().Bind(configuration.GetSection(ClockOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ClockOptions>, ClockOptionsValidator>();
        services.AddOptions<BenchmarkOptions>().Bind(configuration.GetSection(BenchmarkOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BenchmarkOptions>, BenchmarkOptionsValidator>();
        // Reading the options validates them, so a chosen clock is refused in Production by the CLI as well.
        services.TryAddSingleton(sp => StartedClock.For(sp.GetRequiredService<IOptions<ClockOptions>>().Value));
        services.AddBranchBotHealthChecks();
        services.AddBranchBotTelemetry(configuration);
        services.AddHttpClient();

        // The SDK reads MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppType, MicrosoftAppTenantId and the
        // sovereign-cloud keys (ChannelService, OAuthUrl, ToChannelFromBotLoginUrl, ...) from the root.
        services.AddSingleton(sp => new ConfigurationBotFrameworkAuthentication(
            configuration,
            httpClientFactory: sp.GetRequiredService<IHttpClientFactory>(),
            logger: sp.GetRequiredService<ILogger<ConfigurationBotFrameworkAuthentication>>()));
        services.AddSingleton<ConnectorClientCache>();
        services.AddSingleton<BotFrameworkAuthentication>(sp =>
        {
            var stock = sp.GetRequiredService<ConfigurationBotFrameworkAuthentication>();
            return sp.GetRequiredService<IOptions<BenchmarkOptions>>().Value.UseStockConnectorFactory
                ? stock
                : new CachingBotFrameworkAuthentication(stock, sp.GetRequiredService<ConnectorClientCache>());
        });

        services.AddSingleton<AdapterWithErrorHandler>();
        services.AddSingleton<CloudAdapter>(sp => sp.GetRequiredService<AdapterWithErrorHandler>());
        services.AddSingleton<IBotFrameworkHttpAdapter>(sp => sp.GetRequiredService<AdapterWithErrorHandler>());
        services.AddSingleton<SpeakerResolver>();
        services.AddSingleton<BranchState>();
        foreach (var flow in Features.Features.All.SelectMany(f => f.Flows).Distinct()) services.TryAddSingleton(flow);
        services.TryAddSingleton<InfoFlows>();
        services.AddSingleton<ReviewNotices>();
        services.AddSingleton<Features.Evaluations.EvaluationRoundOpener>();
        services.AddSingleton<Router>();
        services.AddSingleton<IBot, BranchBotHandler>();
        services.AddSingleton<MessagesEndpoint>();
        // The host's one Data Protection key ring, kept in the database so that every instance reads the same keys: the
        // tab's cookies and antiforgery tokens and the export's download links issued by one are accepted by another.
        services.AddDataProtection().SetApplicationName("BranchBot").PersistKeysToDbContext<BranchDbContext>();
        services.AddYearlyExport(configuration);

        services.AddDelivery(configuration);
        services.AddReminders(configuration);
        services.AddTab(configuration);
        return services;
    }

    public static WebApplication MapBot(this WebApplication app)
    {
        app.MapBranchBotHealthChecks();
        app.MapPost("/api/messages", (HttpContext context, MessagesEndpoint endpoint) => endpoint.HandleAsync(context));
        app.MapReminders();
        app.MapYearlyExport();
        app.MapTab();
        return app;
    }

    /// <summary>
    /// The app's own folder, so appsettings.json (and the default data folder) do not depend on where the bot is
    /// started from. --contentRoot, ASPNETCORE_CONTENTROOT or DOTNET_CONTENTROOT still win, relative to the working
    /// directory: the launch profile sets "." so that `dotnet run --project Bot` runs in Bot/ and keeps Bot/data.
    /// </summary>
    public static string ContentRoot(string[] args)
    {
        var configured = new ConfigurationBuilder()
            .AddEnvironmentVariables("DOTNET_")
            .AddEnvironmentVariables("ASPNETCORE_")
            .AddCommandLine(args)
            .Build()[HostDefaults.ContentRootKey];
        return string.IsNullOrWhiteSpace(configured) ? AppContext.BaseDirectory : Path.GetFullPath(configured);
    }

    /// <summary>Loopback on the Bot Framework's usual port unless --urls, ASPNETCORE_URLS or Urls says otherwise.</summary>
    public static void UseDefaultUrl(this ConfigureWebHostBuilder webHost, IConfiguration configuration)
    {
        if (string.IsNullOrEmpty(configuration[WebHostDefaults.ServerUrlsKey]))
        {
            webHost.UseUrls("http://127.0.0.1:3978");
        }
    }
}
