using BranchBot.Bot.Features.Export;
using BranchBot.Bot.Localization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace BranchBot.Bot.Tests.Features.Export;

public sealed class DownloadLinksTests
{
    private static readonly DownloadTicket Ticket = new(7, 2026, ExportFormat.Csv, 3, Language.ZhTw, new DateTimeOffset(2026, 11, 19, 10, 30, 0, TimeSpan.FromHours(8)));

    private static DownloadLinks Links(string? publicBaseUrl = null, HttpContext? request = null) =>
        new(new EphemeralDataProtectionProvider(), Options.Create(new ExportOptions { PublicBaseUrl = publicBaseUrl }), new HttpContextAccessor { HttpContext = request });

    [Fact]
    public void Read_ATokenItMade_GivesBackTheTicketExactly()
    {
        var links = Links();

        Assert.Equal(Ticket, links.Read(links.Protect(Ticket)));
    }

    [Fact]
    public void Read_ATokenOfAnotherKeyRingOrTooLong_IsNull()
    {
        Assert.Null(Links().Read(Links().Protect(Ticket)));
        Assert.Null(Links().Read(new string('A', DownloadLinks.MaxTokenLength + 1)));
    }

    [Fact]
    public void LinkFor_WithAPublicBaseUrl_UsesItWhateverTheRequestsHost()
    {
        var request = new DefaultHttpContext();
        request.Request.Scheme = "http";
        request.Request.Host = new HostString("127.0.0.1:3978");

        var link = Links("https://branchbot.example.edu/", request).LinkFor("t0k-en_");

        Assert.Equal("https://branchbot.example.edu/downloads/t0k-en_", link!.ToString());
    }

    [Fact]
    public void LinkFor_WithoutAPublicBaseUrl_UsesTheRequestsAddressAndWithoutEitherIsNull()
    {
        var request = new DefaultHttpContext();
        request.Request.Scheme = "https";
        request.Request.Host = new HostString("bot.example.edu");
        request.Request.PathBase = "/branch";

        Assert.Equal("https://bot.example.edu/branch/downloads/abc", Links(request: request).LinkFor("abc")!.ToString());
        Assert.Null(Links().LinkFor("abc"));
    }

    [Theory]
    [InlineData("branchbot.example.edu", 30)]
    [InlineData("ftp://branchbot.example.edu", 30)]
    [InlineData(null, 0)]
    [InlineData(null, 1441)]
    public void Validate_ARelativeOrNonWebAddressOrALifetimeOutOfRange_IsRefusedNamingTheKey(string? url, int minutes)
    {
        var result = new ExportOptionsValidator().Validate(null, new ExportOptions { PublicBaseUrl = url, LinkMinutes = minutes });

        Assert.StartsWith("Export:", Assert.Single(result.Failures!));
    }

    [Fact]
    public void Validate_TheDefaults_Succeed() => Assert.True(new ExportOptionsValidator().Validate(null, new ExportOptions()).Succeeded);
}
