using System.Security.Cryptography;
using System.Text.Json;
using BranchBot.Bot.Localization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace BranchBot.Bot.Features.Export;

/// <summary>What a download builds: the yearly figures, or a semester's assessment sheets (考察表).</summary>
public enum ExportKind { Yearly, AssessmentSheets }

/// <summary>
/// What a download link stands for: who asked, which year, format and scope (null: the branch), in which language, until when;
/// and what is built (the yearly export unless said otherwise; for the assessment sheets, the semester's first day).
/// </summary>
public sealed record DownloadTicket(int MemberId, int Year, ExportFormat Format, int? GroupId, Language Language, DateTimeOffset ExpiresAt,
    ExportKind Kind = ExportKind.Yearly, DateOnly? SemesterStart = null)
{
    /// <summary>Set: the dues ledger of this month of <see cref="Year"/> (党费台账, committee only) instead of the yearly export.</summary>
    public int? DuesMonth { get; init; }
}

/// <summary>
/// The download link's token: the ticket as JSON, protected (encrypted and signed) by ASP.NET Core Data Protection
/// under its own purpose, so a token made for anything else, or changed by one character, does not read. The expiry
/// is inside the ticket and checked against the injected clock by the caller (ITimeLimitedDataProtector would read
/// the machine's clock instead).
/// </summary>
public sealed class DownloadLinks(IDataProtectionProvider protection, IOptions<ExportOptions> options, IHttpContextAccessor http)
{
    public const string Purpose = "BranchBot.Export.YearlyDownload.v1";
    public const string Route = "/downloads/";
    /// <summary>Longest token read; a real one is a few hundred characters.</summary>
    public const int MaxTokenLength = 2048;

    private readonly IDataProtector _protector = protection.CreateProtector(Purpose);

    public TimeSpan Lifetime => TimeSpan.FromMinutes(options.Value.LinkMinutes);

    public string Protect(DownloadTicket ticket) => _protector.Protect(JsonSerializer.Serialize(ticket));

    /// <summary>The ticket, or null when the token was not made by us for this purpose (forged, altered, truncated).</summary>
    public DownloadTicket? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength) return null;
        try
        {
            return JsonSerializer.Deserialize<DownloadTicket>(_protector.Unprotect(token));
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>The absolute link for the token: Export:PublicBaseUrl, else the address this request came in on; null without either.</summary>
    public Uri? LinkFor(string token)
    {
        var configured = options.Value.PublicBaseUrl;
        var request = http.HttpContext?.Request;
        var root = !string.IsNullOrWhiteSpace(configured) ? configured.TrimEnd('/')
            : request is { Host.HasValue: true } ? $"{request.Scheme}://{request.Host}{request.PathBase}"
            : null;
        return root is null ? null : new Uri(root + Route + Uri.EscapeDataString(token));
    }
}
