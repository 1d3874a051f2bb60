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
/// Section "Benchmark", set only by benchmarks/LoadBench (to measure the SDK's stock per-turn connector path) and
/// never part of the bot's own options: read once, when the authentication is built, and absent in production.
/// </summary>
public sealed class BenchmarkOptions
{
    public const string Section = "Benchmark";

    public bool UseStockConnectorFactory { get; set; }

    public static BenchmarkOptions? From(IConfiguration configuration) => configuration.GetSection(Section).Get<BenchmarkOptions>();
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
