using BranchBot.Bot.Hosting;
using BranchBot.Bot.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace BranchBot.Bot.Tests.Hosting;

public sealed class BotOptionsValidatorTests
{
    private const string AppId = "6a1f0c1e-93b5-4d7e-8f2a-1b2c3d4e5f60";

    private static ValidateOptionsResult Validate(BotOptions options, params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        return new BotOptionsValidator(configuration).Validate(null, options);
    }

    private static BotOptions WithTenant() => new() { AllowedTenants = [TestActivity.TenantId] };

    [Fact]
    public void Validate_LocalDevelopmentDefaults_Succeeds() =>
        Assert.True(Validate(new BotOptions()).Succeeded);

    [Fact]
    public void Validate_SingleTenantComplete_Succeeds() =>
        Assert.True(Validate(WithTenant(), ("MicrosoftAppType", "SingleTenant"), ("MicrosoftAppId", AppId),
            ("MicrosoftAppPassword", "secret"), ("MicrosoftAppTenantId", TestActivity.TenantId)).Succeeded);

    [Fact]
    public void Validate_SingleTenantWithoutTenantId_NamesMicrosoftAppTenantId()
    {
        var result = Validate(WithTenant(), ("MicrosoftAppType", "SingleTenant"), ("MicrosoftAppId", AppId), ("MicrosoftAppPassword", "secret"));

        Assert.Equal(["MicrosoftAppTenantId is required when MicrosoftAppType is SingleTenant."], result.Failures);
    }

    [Fact]
    public void Validate_AppIdWithoutAllowedTenants_NamesBotAllowedTenants()
    {
        var result = Validate(new BotOptions(), ("MicrosoftAppId", AppId), ("MicrosoftAppPassword", "secret"));

        Assert.StartsWith("Bot:AllowedTenants must list", Assert.Single(result.Failures!));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1023)]
    [InlineData(16 * 1024 * 1024 + 1)]
    public void Validate_MaxRequestBytesOutOfRange_NamesTheKey(int maxRequestBytes)
    {
        var result = Validate(new BotOptions { MaxRequestBytes = maxRequestBytes });

        Assert.StartsWith("Bot:MaxRequestBytes must be between", Assert.Single(result.Failures!));
    }

    [Fact]
    public void Validate_TenantNotAGuid_NamesTheEntry()
    {
        var result = Validate(new BotOptions { AllowedTenants = [TestActivity.TenantId, "contoso"] });

        Assert.Equal(["Bot:AllowedTenants:1 must be a tenant id (GUID) (was 'contoso')."], result.Failures);
    }

    [Theory]
    [InlineData("Multitenant", true)]
    [InlineData("SingleTenant ", false)]
    [InlineData("Tenant", false)]
    public void Validate_AppType_AcceptsOnlySdkValues(string appType, bool valid)
    {
        var result = Validate(new BotOptions(), ("MicrosoftAppType", appType));

        Assert.Equal(valid, result.Succeeded);
    }

    [Fact]
    public void Validate_ManagedIdentityWithPassword_NamesMicrosoftAppPassword()
    {
        var result = Validate(WithTenant(), ("MicrosoftAppType", "UserAssignedMSI"), ("MicrosoftAppId", AppId),
            ("MicrosoftAppTenantId", TestActivity.TenantId), ("MicrosoftAppPassword", "secret"));

        Assert.Equal(["MicrosoftAppPassword must be empty when MicrosoftAppType is UserAssignedMSI."], result.Failures);
    }

    [Fact]
    public async Task Start_SingleTenantWithoutTenantId_FailsNamingTheKey()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => BotTestHost.StartAsync(new Dictionary<string, string?>
        {
            ["MicrosoftAppType"] = "SingleTenant",
            ["MicrosoftAppId"] = AppId,
            ["MicrosoftAppPassword"] = "secret",
            ["Bot:AllowedTenants:0"] = TestActivity.TenantId,
        }));

        Assert.Contains("MicrosoftAppTenantId is required", failure.Message);
    }
}
