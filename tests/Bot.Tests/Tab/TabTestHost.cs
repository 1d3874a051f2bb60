using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Group = BranchBot.Domain.Group;
using BranchBot.Bot.Tab;
using BranchBot.Bot.Tests.Support;
using BranchBot.Domain;
using BranchBot.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace BranchBot.Bot.Tests.Tab;

/// <summary>
/// The real host with a small branch: two groups; a committee member and a leader in the first, a student (the leader's
/// mentee) there too, and a student in the second. The clock is fixed (26 Nov 2026, 10:00 Shanghai); Teams SSO reads
/// its signing keys from local metadata served in memory, and tokens are signed with a local RSA key.
/// </summary>
public sealed partial class TabTestHost : IAsyncDisposable
{
    public const string Tenant = "6f0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d";
    public const string OtherTenant = "0a1b2c3d-4e5f-4061-8293-a4b5c6d7e8f9";
    public const string AppId = "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a";
    public const string AppIdUri = "api://bot.branch.example.edu/" + AppId;
    public const string HostileText = "<script>alert('x')</script> & \"quotes\" 我的汇报";
    public static readonly DateTimeOffset Now = new(2026, 11, 26, 10, 0, 0, TimeSpan.FromHours(8));

    private static readonly RsaSecurityKey TenantKey = new(RSA.Create(2048)) { KeyId = "tenant-key" };

    private TabTestHost(BotTestHost host) => Host = host;

    public BotTestHost Host { get; }
    public HttpClient Client => Host.Client;
    public int CommitteeId { get; private set; }
    public int LeaderId { get; private set; }
    public int StudentId { get; private set; }
    public int OtherStudentId { get; private set; }
    public int GroupId { get; private set; }
    public int OtherGroupId { get; private set; }

    public static async Task<TabTestHost> StartAsync(bool sso = false, bool localSignIn = true, string environment = "Testing")
    {
        var settings = new Dictionary<string, string?>
        {
            ["Reminders:Enabled"] = "false",
            ["Branch:TrackingStartsOn"] = "2026-09-01",
            ["Tab:LocalSignIn"] = localSignIn ? "true" : "false",
        };
        if (sso)
        {
            settings["Tab:AppId"] = AppId;
            settings["Tab:AppIdUri"] = AppIdUri;
            settings["Tab:TenantId"] = Tenant;
            settings["Tab:MetadataAddress"] = $"https://login.test/{Tenant}/v2.0/.well-known/openid-configuration";
        }
        var host = await BotTestHost.StartAsync(settings, services =>
        {
            services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
            services.PostConfigure<JwtBearerOptions>(TabHost.SsoScheme, o =>
                o.ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(o.MetadataAddress, new OpenIdConnectConfigurationRetriever(),
                    new HttpDocumentRetriever(new HttpClient(new LocalMetadata())) { RequireHttps = true }));
        }, environment);
        var tab = new TabTestHost(host);
        await tab.SeedAsync();
        return tab;
    }

    private async Task SeedAsync()
    {
        using var scope = Host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<BranchDbContext>();
        var first = new Group("第一党小组");
        var second = new Group("第二党小组");
        db.Groups.AddRange(first, second);
        await db.SaveChangesAsync();
        var since = new DateOnly(2026, 1, 1);
        var committee = new Member("C001", "王书记", first.Id, Stage.Full, new DateOnly(2020, 7, 1), Roles.Secretary, "secretary@branch.example.edu");
        var leader = new Member("L001", "李组长", first.Id, Stage.Full, new DateOnly(2021, 7, 1), Roles.GroupLeader, "leader@branch.example.edu");
        var student = new Member("S001", "张同学", first.Id, Stage.Activist, since, email: "student@branch.example.edu");
        var other = new Member("S002", "刘同学", second.Id, Stage.Activist, since, email: "other@branch.example.edu");
        committee.LinkTeamsIdentity("oid-committee");
        db.Members.AddRange(committee, leader, student, other);
        await db.SaveChangesAsync();
        student.SetMentors([leader.Id]);
        db.Submissions.Add(new Submission(student.Id, ObligationKind.ThoughtReport, new Period(Cadence.Monthly, 2026, 10), HostileText, new DateTimeOffset(2026, 10, 20, 12, 0, 0, TimeSpan.FromHours(8)), 1, null));
        await db.SaveChangesAsync();
        (CommitteeId, LeaderId, StudentId, OtherStudentId, GroupId, OtherGroupId) = (committee.Id, leader.Id, student.Id, other.Id, first.Id, second.Id);
    }

    /// <summary>Signs in through the local sign-in page as the member; the client keeps the session cookie.</summary>
    public async Task SignInLocallyAsync(int memberId)
    {
        var token = await AntiforgeryTokenAsync("/tab/signin/local");
        using var response = await Client.PostAsync("/tab/signin/local", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["memberId"] = memberId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // followed the redirect into the tab
    }

    /// <summary>The antiforgery token a page renders (and its cookie, kept by the client).</summary>
    public async Task<string> AntiforgeryTokenAsync(string path)
    {
        var html = await Client.GetStringAsync(path);
        return CsrfMeta().Match(html).Groups[1].Value;
    }

    public async Task<HttpResponseMessage> PostSsoAsync(string? bearer, bool withAntiforgery = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/tab/signin/sso");
        if (withAntiforgery) request.Headers.Add(TabHost.AntiforgeryHeader, await AntiforgeryTokenAsync("/tab/signin"));
        if (bearer is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return await Client.SendAsync(request);
    }

    /// <summary>A v2.0 Entra access token as Teams hands the tab, with whatever the test changes.</summary>
    public static string Token(string oid = "oid-committee", string? upn = null, string audience = AppIdUri, string tenant = Tenant,
        string? issuerTenant = null, DateTimeOffset? expires = null, SecurityKey? key = null)
    {
        var claims = new Dictionary<string, object> { ["oid"] = oid, ["tid"] = tenant, ["scp"] = "access_as_user" };
        if (upn is not null) claims["preferred_username"] = upn;
        var notBefore = (expires ?? DateTimeOffset.UtcNow.AddHours(1)).AddHours(-2);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = $"https://login.microsoftonline.com/{issuerTenant ?? tenant}/v2.0",
            Audience = audience,
            Claims = claims,
            IssuedAt = notBefore.UtcDateTime,
            NotBefore = notBefore.UtcDateTime,
            Expires = (expires ?? DateTimeOffset.UtcNow.AddHours(1)).UtcDateTime,
            SigningCredentials = new SigningCredentials(key ?? TenantKey, SecurityAlgorithms.RsaSha256),
        });
    }

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"([^\"]+)\">")]
    private static partial Regex CsrfMeta();

    public ValueTask DisposeAsync() => Host.DisposeAsync();

    // The tenant's OpenID metadata and its keys, answered in memory instead of by login.microsoftonline.com.
    private sealed class LocalMetadata : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            object body = path.EndsWith("openid-configuration", StringComparison.Ordinal)
                ? new { issuer = $"https://login.microsoftonline.com/{Tenant}/v2.0", jwks_uri = $"https://login.test/{Tenant}/discovery/v2.0/keys" }
                : new { keys = new[] { Jwk(TenantKey) } };
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK)
            {
                Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
            });
        }

        private static object Jwk(RsaSecurityKey key)
        {
            var parameters = key.Rsa.ExportParameters(false);
            return new { kty = "RSA", use = "sig", kid = key.KeyId, n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) };
        }
    }
}
