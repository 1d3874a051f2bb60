using System.Net;
using BranchBot.Bot.Tests.Support;

namespace BranchBot.Bot.Tests.Hosting;

public sealed class TenantAndAuthenticationTests
{
    private const string OtherTenant = "0d9e4f51-7a2c-4b38-8e61-3c5a2b1f9d07";

    private static readonly Dictionary<string, string?> OneTenant = new() { ["Bot:AllowedTenants:0"] = TestActivity.TenantId };

    [Fact]
    public async Task Post_TenantNotAllowed_Returns403AndSendsNothing()
    {
        await using var host = await BotTestHost.StartAsync(OneTenant);
        var activity = host.Message();
        activity["channelData"]!["tenant"]!["id"] = OtherTenant;
        activity["conversation"]!["tenantId"] = OtherTenant;

        var response = await host.SendAsync(activity);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await Task.Delay(100);
        Assert.Empty(host.Connector.Calls);
    }

    [Fact]
    public async Task Post_NoTenantWhenTenantsAreRestricted_Returns403()
    {
        await using var host = await BotTestHost.StartAsync(OneTenant);
        var activity = host.Message();
        activity.Remove("channelData");
        activity["conversation"]!.AsObject().Remove("tenantId");

        var response = await host.SendAsync(activity);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Post_AllowedTenantOnlyInConversation_IsProcessed()
    {
        await using var host = await BotTestHost.StartAsync(OneTenant);
        var activity = host.Message();
        activity.Remove("channelData");

        var response = await host.SendAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(await host.Connector.WaitForActivitiesAsync(1));
    }

    [Fact]
    public async Task Post_AllowedTenantInOtherCase_IsProcessed()
    {
        await using var host = await BotTestHost.StartAsync(OneTenant);
        var activity = host.Message();
        activity["channelData"]!["tenant"]!["id"] = TestActivity.TenantId.ToUpperInvariant();

        var response = await host.SendAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer not-a-jwt")]
    [InlineData("Basic dXNlcjpwYXNz")]
    public async Task Post_AuthenticationOnWithoutValidToken_Returns401(string? authorization)
    {
        await using var host = await BotTestHost.StartAsync(new Dictionary<string, string?>(OneTenant)
        {
            ["MicrosoftAppType"] = "SingleTenant",
            ["MicrosoftAppId"] = "6a1f0c1e-93b5-4d7e-8f2a-1b2c3d4e5f60",
            ["MicrosoftAppPassword"] = "not-a-real-secret",
            ["MicrosoftAppTenantId"] = TestActivity.TenantId,
        });

        var response = await host.SendAsync(host.Message(), authorization);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(host.Connector.Calls);
    }
}
