using Microsoft.Extensions.Options;

namespace BranchBot.Bot.Hosting;

/// <summary>
/// Section "Bot". The SDK's own settings (MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppType,
/// MicrosoftAppTenantId and the sovereign-cloud keys) stay at the configuration root, where
/// ConfigurationBotFrameworkAuthentication reads them; <see cref="BotOptionsValidator"/> checks them at start.
/// </summary>
public sealed class BotOptions
{
    public const string Section = "Bot";

    /// <summary>
    /// Tenant ids (GUIDs) whose activities are processed. Empty allows every tenant, which is accepted only
    /// when MicrosoftAppId is empty (local development and tests, where the SDK does not authenticate anyway).
    /// </summary>
    public string[] AllowedTenants { get; set; } = [];

    public int MaxRequestBytes { get; set; } = 256 * 1024;

    internal bool AllowsTenant(string? tenantId) =>
        AllowedTenants.Length == 0
        || (tenantId is not null && AllowedTenants.Contains(tenantId, StringComparer.OrdinalIgnoreCase));
}

/// <summary>
/// Section "Benchmark", set only by benchmarks/LoadBench and never part of the bot's own options. Both switches are
/// measuring tools and are refused in Production (<see cref="BenchmarkOptionsValidator"/>): the bench runs the bot in
/// the "Benchmark" environment.
/// </summary>
public sealed class BenchmarkOptions
{
    public const string Section = "Benchmark";

    /// <summary>The text that, with <see cref="Echo"/> on, is answered with <see cref="EchoReply"/>.</summary>
    public const string EchoText = "benchmark echo";

    public const string EchoReply = "echo";

    /// <summary>The SDK's stock per-turn connector path (a new ConnectorClient and contract resolver per turn). Read once, when the authentication is built.</summary>
    public bool UseStockConnectorFactory { get; set; }

    /// <summary>
    /// The echo floor: a message whose text is exactly <see cref="EchoText"/> is answered with <see cref="EchoReply"/>
    /// by the handler before any database work, through the same host, adapter and connector path as every turn.
    /// Every other message is handled as always.
    /// </summary>
    public bool Echo { get; set; }
}

// Without a host (a bare service collection) the environment counts as Production.
internal sealed class BenchmarkOptionsValidator(IHostEnvironment? environment = null) : IValidateOptions<BenchmarkOptions>
{
    public ValidateOptionsResult Validate(string? name, BenchmarkOptions options)
    {
        if (!(environment?.IsProduction() ?? true)) return ValidateOptionsResult.Success;
        var on = new[] { (options.UseStockConnectorFactory, nameof(BenchmarkOptions.UseStockConnectorFactory)), (options.Echo, nameof(BenchmarkOptions.Echo)) }
            .Where(o => o.Item1).Select(o => $"{BenchmarkOptions.Section}:{o.Item2}").ToList();
        return on.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{string.Join(" and ", on)} {(on.Count == 1 ? "is a benchmark setting and is" : "are benchmark settings and are")} refused in Production (ASPNETCORE_ENVIRONMENT={environment?.EnvironmentName ?? "Production"}); remove {(on.Count == 1 ? "it" : "them")} or run in another environment.");
    }
}

internal sealed class BotOptionsValidator(IConfiguration configuration) : IValidateOptions<BotOptions>
{
    public const int MinRequestBytes = 1024;
    public const int MaxRequestBytesLimit = 16 * 1024 * 1024;

    private static readonly string[] AppTypes = ["MultiTenant", "SingleTenant", "UserAssignedMSI"];

    public ValidateOptionsResult Validate(string? name, BotOptions options)
    {
        var failures = new List<string>();
        var appId = configuration["MicrosoftAppId"];
        var appType = configuration["MicrosoftAppType"];
        var tenantId = configuration["MicrosoftAppTenantId"];
        var password = configuration["MicrosoftAppPassword"];

        if (options.MaxRequestBytes is < MinRequestBytes or > MaxRequestBytesLimit)
        {
            failures.Add($"Bot:MaxRequestBytes must be between {MinRequestBytes} and {MaxRequestBytesLimit} (was {options.MaxRequestBytes}).");
        }

        for (var i = 0; i < options.AllowedTenants.Length; i++)
        {
            if (!Guid.TryParse(options.AllowedTenants[i], out _))
            {
                failures.Add($"Bot:AllowedTenants:{i} must be a tenant id (GUID) (was '{options.AllowedTenants[i]}').");
            }
        }

        if (!string.IsNullOrWhiteSpace(appId) && options.AllowedTenants.Length == 0)
        {
            failures.Add("Bot:AllowedTenants must list the tenant ids allowed to use the bot when MicrosoftAppId is set; an empty list allows every tenant and is accepted only without MicrosoftAppId (local development).");
        }

        if (!string.IsNullOrWhiteSpace(appType) && !AppTypes.Contains(appType, StringComparer.OrdinalIgnoreCase))
        {
            failures.Add($"MicrosoftAppType must be SingleTenant, UserAssignedMSI or MultiTenant (was '{appType}').");
        }

        var singleTenant = string.Equals(appType, "SingleTenant", StringComparison.OrdinalIgnoreCase);
        var managedIdentity = string.Equals(appType, "UserAssignedMSI", StringComparison.OrdinalIgnoreCase);
        if (singleTenant || managedIdentity)
        {
            if (string.IsNullOrWhiteSpace(appId))
            {
                failures.Add($"MicrosoftAppId is required when MicrosoftAppType is {appType}.");
            }

            if (string.IsNullOrWhiteSpace(tenantId))
            {
                failures.Add($"MicrosoftAppTenantId is required when MicrosoftAppType is {appType}.");
            }
            else if (!Guid.TryParse(tenantId, out _))
            {
                failures.Add($"MicrosoftAppTenantId must be a tenant id (GUID) (was '{tenantId}').");
            }
        }

        if (singleTenant && string.IsNullOrWhiteSpace(password))
        {
            failures.Add("MicrosoftAppPassword is required when MicrosoftAppType is SingleTenant.");
        }

        if (managedIdentity && !string.IsNullOrWhiteSpace(password))
        {
            failures.Add("MicrosoftAppPassword must be empty when MicrosoftAppType is UserAssignedMSI.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
