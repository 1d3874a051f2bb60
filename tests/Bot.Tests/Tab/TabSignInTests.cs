using System.Net;
using System.Security.Cryptography;
using BranchBot.Bot.Tab;
using BranchBot.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.Tokens;

namespace BranchBot.Bot.Tests.Tab;

public sealed class TabSignInTests
{
    [Fact]
    public async Task Sso_TenantSignedTokenForThisApp_SignsInTheRosterPersonByObjectId()
    {
        await using var tab = await TabTestHost.StartAsync(sso: true, localSignIn: false);

        using var response = await tab.PostSsoAsync(TabTestHost.Token());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("HttpOnly", string.Join(";", response.Headers.GetValues("Set-Cookie")), StringComparison.OrdinalIgnoreCase);
        var dashboard = await tab.Client.GetAsync("/tab");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains("王书记", await dashboard.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sso_AppIdAsAudience_IsAccepted()
    {
        await using var tab = await TabTestHost.StartAsync(sso: true, localSignIn: false);

        using var response = await tab.PostSsoAsync(TabTestHost.Token(audience: TabTestHost.AppId));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public static TheoryData<string, string> RefusedTokens => new()
    {
        { "forged", TabTestHost.Token(key: new RsaSecurityKey(RSA.Create(2048)) { KeyId = "tenant-key" }) },
        { "expired", TabTestHost.Token(expires: DateTimeOffset.UtcNow.AddMinutes(-10)) },
        { "wrong audience", TabTestHost.Token(audience: "api://someone-else.example.org/" + Guid.Empty) },
        { "other tenant", TabTestHost.Token(tenant: TabTestHost.OtherTenant) },
        { "other tenant's tid in this tenant's token", TabTestHost.Token(tenant: TabTestHost.OtherTenant, issuerTenant: TabTestHost.Tenant) },
        { "not a token", "not-a-jwt" },
    };

    [Theory]
    [MemberData(nameof(RefusedTokens))]
    public async Task Sso_BadToken_Refused401AndNoSession(string why, string token)
    {
        await using var tab = await TabTestHost.StartAsync(sso: true, localSignIn: false);

        using var response = await tab.PostSsoAsync(token);

        Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{why}: {response.StatusCode}");
        using var after = await tab.Client.GetAsync("/tab");
        Assert.EndsWith("/tab/signin", after.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sso_WithoutAntiforgeryToken_Refused400()
    {
        await using var tab = await TabTestHost.StartAsync(sso: true, localSignIn: false);

        using var response = await tab.PostSsoAsync(TabTestHost.Token(), withAntiforgery: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Sso_PersonNotYetSeenInTeams_FoundByUpnAndTheObjectIdIsLearned()
    {
        await using var tab = await TabTestHost.StartAsync(sso: true, localSignIn: false);

        using var response = await tab.PostSsoAsync(TabTestHost.Token(oid: "oid-student", upn: "Student@branch.example.edu"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var scope = tab.Host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BranchDbContext>();
        Assert.Equal("oid-student", (await db.Members.SingleAsync(m => m.Id == tab.StudentId)).AadObjectId);
    }

    [Fact]
    public async Task Sso_ValidTokenOfSomeoneNotOnTheRoster_Refused403()
    {
        await using var tab = await TabTestHost.StartAsync(sso: true, localSignIn: false);

        using var response = await tab.PostSsoAsync(TabTestHost.Token(oid: "oid-stranger", upn: "stranger@branch.example.edu"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task LocalSignIn_InProduction_Returns404()
    {
        await using var tab = await TabTestHost.StartAsync(localSignIn: false, environment: "Production");

        using var page = await tab.Client.GetAsync("/tab/signin/local");
        using var post = await tab.Client.PostAsync("/tab/signin/local", new FormUrlEncodedContent(new Dictionary<string, string> { ["memberId"] = tab.CommitteeId.ToString(System.Globalization.CultureInfo.InvariantCulture) }));

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, post.StatusCode);
        using var after = await tab.Client.GetAsync("/tab");
        Assert.EndsWith("/tab/signin", after.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public void Validator_LocalSignInInProduction_FailsNamingTheKey()
    {
        var configuration = new ConfigurationBuilder().Build();
        var validator = new TabOptionsValidator(configuration, new Env(Environments.Production));

        var result = validator.Validate(null, new TabOptions { LocalSignIn = true });

        Assert.True(result.Failed);
        Assert.Contains("Tab:LocalSignIn", result.FailureMessage, StringComparison.Ordinal);
        Assert.True(new TabOptionsValidator(configuration, new Env(Environments.Development)).Validate(null, new TabOptions { LocalSignIn = true }).Succeeded);
    }

    [Fact]
    public void Validator_AppIdWithoutTenant_Fails()
    {
        var configuration = new ConfigurationBuilder().Build();

        var result = new TabOptionsValidator(configuration, new Env(Environments.Development)).Validate(null, new TabOptions { AppId = TabTestHost.AppId });

        Assert.True(result.Failed);
        Assert.Contains("Tab:TenantId", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LocalSignIn_WithoutAntiforgeryToken_Refused400AndNoSession()
    {
        await using var tab = await TabTestHost.StartAsync();
        await tab.Client.GetAsync("/tab/signin/local");

        using var post = await tab.Client.PostAsync("/tab/signin/local", new FormUrlEncodedContent(new Dictionary<string, string> { ["memberId"] = tab.CommitteeId.ToString(System.Globalization.CultureInfo.InvariantCulture) }));

        Assert.Equal(HttpStatusCode.BadRequest, post.StatusCode);
        using var after = await tab.Client.GetAsync("/tab");
        Assert.EndsWith("/tab/signin", after.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DataProtectionKeys_AreKeptInTheDatabase()
    {
        await using var tab = await TabTestHost.StartAsync();

        await tab.SignInLocallyAsync(tab.CommitteeId);

        using var scope = tab.Host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BranchDbContext>();
        Assert.NotEmpty(await db.DataProtectionKeys.ToListAsync());
    }

    private sealed class Env(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "BranchBot";
        public string ContentRootPath { get; set; } = "";
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = null!;
    }
}
