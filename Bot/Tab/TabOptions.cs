using Microsoft.Extensions.Options;

namespace BranchBot.Bot.Tab;

/// <summary>
/// Section "Tab": the committee's and leaders' personal tab. Teams SSO uses the bot's own registration (MicrosoftAppId,
/// MicrosoftAppTenantId at the root) unless the keys here name another.
/// </summary>
public sealed class TabOptions
{
    public const string Section = "Tab";

    /// <summary>The Entra app whose SSO tokens the tab accepts; default MicrosoftAppId. Empty: no SSO.</summary>
    public string? AppId { get; set; }

    /// <summary>The app id URI of webApplicationInfo.resource (api://host/app-id); tokens may name it or the app id as audience.</summary>
    public string? AppIdUri { get; set; }

    /// <summary>The one tenant whose users may sign in; default MicrosoftAppTenantId.</summary>
    public string? TenantId { get; set; }

    /// <summary>Where the signing keys are described; default the tenant's v2.0 OpenID metadata at login.microsoftonline.com.</summary>
    public string? MetadataAddress { get; set; }

    /// <summary>
    /// A page listing roster people to sign in as, for local development and tests without an app registration.
    /// Refused at start in Production, and the page answers 404 there whatever this says.
    /// </summary>
    public bool LocalSignIn { get; set; }

    /// <summary>How long a tab session lasts without use.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    internal string? EffectiveAppId(IConfiguration configuration) => Blank(AppId) ?? Blank(configuration["MicrosoftAppId"]);

    internal string? EffectiveTenantId(IConfiguration configuration) => Blank(TenantId) ?? Blank(configuration["MicrosoftAppTenantId"]);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

// Without a host (a bare service collection) the environment counts as Production.
internal sealed class TabOptionsValidator(IConfiguration configuration, IHostEnvironment? environment = null) : IValidateOptions<TabOptions>
{
    public ValidateOptionsResult Validate(string? name, TabOptions options)
    {
        var failures = new List<string>();
        var production = environment?.IsProduction() ?? true;
        if (options.LocalSignIn && production)
            failures.Add($"{TabOptions.Section}:LocalSignIn lets anyone sign in as any roster person and is refused in Production (ASPNETCORE_ENVIRONMENT={environment?.EnvironmentName ?? "Production"}); remove it and use Teams single sign-on.");
        var appId = options.EffectiveAppId(configuration);
        var tenant = options.EffectiveTenantId(configuration);
        // A single-tenant bot without MicrosoftAppTenantId is already refused by the bot's own options, naming that key.
        var botSaysSo = string.Equals(configuration["MicrosoftAppType"], "SingleTenant", StringComparison.OrdinalIgnoreCase);
        if (appId is not null && tenant is null && !botSaysSo)
            failures.Add($"{TabOptions.Section}:TenantId (or MicrosoftAppTenantId) is required when the tab accepts Teams sign-in (an app id is set): tokens from any other tenant are refused.");
        if (tenant is not null && !Guid.TryParse(tenant, out _))
            failures.Add($"{TabOptions.Section}:TenantId must be a tenant id (GUID) (was '{tenant}').");
        if (options.AppIdUri is { Length: > 0 } uri && !Uri.TryCreate(uri, UriKind.Absolute, out _))
            failures.Add($"{TabOptions.Section}:AppIdUri must be an absolute URI such as api://bot.example.edu/<app id> (was '{uri}').");
        if (options.MetadataAddress is { Length: > 0 } metadata && !Uri.TryCreate(metadata, UriKind.Absolute, out _))
            failures.Add($"{TabOptions.Section}:MetadataAddress must be an absolute URL (was '{metadata}').");
        if (options.SessionLifetime <= TimeSpan.Zero || options.SessionLifetime > TimeSpan.FromDays(7))
            failures.Add($"{TabOptions.Section}:SessionLifetime must be more than zero and at most 7 days (was {options.SessionLifetime}).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
