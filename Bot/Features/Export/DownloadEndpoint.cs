using BranchBot.Bot.Conversation;
using BranchBot.Bot.Localization;
using BranchBot.Domain;
using BranchBot.Infrastructure.Persistence;
using BranchBot.Infrastructure.Spreadsheets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace BranchBot.Bot.Features.Export;

/// <summary>
/// GET /downloads/{token}: the yearly export a link from <see cref="ExportFlow"/> stands for, built now. Refused, in
/// the ticket's language (the browser's for an unreadable token), with nothing built: 404 for a token we did not make,
/// 410 once it has expired by the injected clock, 403 when the person it names may no longer export that scope by the
/// roster as it is now (no longer on it, or the office gone), 404 for a group that is gone.
/// </summary>
public sealed partial class DownloadEndpoint(DownloadLinks links, IDbContextFactory<BranchDbContext> databases, BranchState state,
    TimeProvider time, ILogger<DownloadEndpoint> logger)
{
    public async Task<IResult> HandleAsync(string token, HttpContext context)
    {
        var ct = context.RequestAborted;
        // The token is in the address: keep it out of caches and of any page's Referer.
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        // Nor in traces: the request's activity names the route, never the token.
        System.Diagnostics.Activity.Current?.SetTag("url.path", DownloadLinks.Route + "{token}");

        if (links.Read(token) is not { } ticket)
        {
            LogRefused("unreadable", null);
            return Refuse(BrowserLanguage(context), StatusCodes.Status404NotFound, "export.download.invalid");
        }
        await using var db = await databases.CreateDbContextAsync(ct);
        var (branch, _) = await state.LoadAsync(db, ct);
        var now = time.GetUtcNow();
        if (now >= ticket.ExpiresAt)
        {
            LogRefused("expired", ticket.MemberId);
            return Refuse(ticket.Language, StatusCodes.Status410Gone, "export.download.expired", Formats.DateTime(ticket.Language, branch.LocalTime(ticket.ExpiresAt)));
        }
        var member = await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.Id == ticket.MemberId, ct);
        if (member is null || !ExportRules.MayExport(member, ticket.GroupId) || (ticket.DuesMonth is not null && !Domain.Dues.DuesRules.MayRecord(member)))
        {
            LogRefused("not permitted now", ticket.MemberId);
            return Refuse(ticket.Language, StatusCodes.Status403Forbidden, "export.download.notPermitted");
        }
        var scopeName = branch.Name;
        if (ticket.GroupId is { } groupId)
        {
            if (await db.Groups.AsNoTracking().FirstOrDefaultAsync(g => g.Id == groupId, ct) is not { } group)
            {
                LogRefused("group gone", ticket.MemberId);
                return Refuse(ticket.Language, StatusCodes.Status404NotFound, "export.download.groupGone");
            }
            scopeName = group.Name;
        }

        if (ticket.DuesMonth is { } duesMonth)
        {
            // Party dues (党费): one month's ledger, by the same link and checks.
            var month = new Period(Cadence.Monthly, ticket.Year, duesMonth);
            var ledger = await Dues.DuesLedgerExport.BuildAsync(db, month, ticket.Language, ticket.Format, ct);
            LogServed(ticket.Year, ticket.Format, null, ticket.MemberId);
            return Results.File(ledger, ticket.Format == ExportFormat.Xlsx ? Xlsx.ContentType : "text/csv; charset=utf-8",
                FileName(Texts.Default.Get(ticket.Language, "dues.export.file", branch.Name, month.Key), ticket.Format == ExportFormat.Xlsx ? "xlsx" : "csv"));
        }
        var (bytes, name) = ticket is { Kind: ExportKind.AssessmentSheets, SemesterStart: { } semesterStart }
            ? (await Assessment.AssessmentExport.BuildAsync(db, branch, now, semesterStart, ticket.Language, ticket.GroupId, ticket.Format, ct),
                Texts.Default.Get(ticket.Language, "assessment.export.file", scopeName, semesterStart.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)))
            : (await new YearlyExport(db, branch, now).BuildAsync(ticket.Year, ticket.Language, ticket.GroupId, ticket.Format, ct),
                Texts.Default.Get(ticket.Language, "export.download.file", scopeName, ticket.Year));
        LogServed(ticket.Year, ticket.Format, ticket.GroupId, ticket.MemberId);
        var (contentType, extension) = ticket.Format == ExportFormat.Xlsx ? (Xlsx.ContentType, "xlsx") : ("text/csv; charset=utf-8", "csv");
        return Results.File(bytes, contentType, FileName(name, extension));
    }

    /// <summary>The file's name without characters a file system refuses.</summary>
    private static string FileName(string name, string extension)
    {
        var invalid = Path.GetInvalidFileNameChars().Concat(['\\', '/', ':', '*', '?', '"', '<', '>', '|']).ToHashSet();
        var clean = new string([.. name.Select(c => invalid.Contains(c) || char.IsControl(c) ? '_' : c)]).Trim();
        return (clean.Length > 0 ? clean : "export") + "." + extension;
    }

    private static Language BrowserLanguage(HttpContext context) =>
        context.Request.GetTypedHeaders().AcceptLanguage.OrderByDescending(l => l.Quality ?? 1)
            .Select(l => LanguageResolver.FromLocale(l.Value.Value)).FirstOrDefault(l => l is not null) ?? Language.ZhCn;

    private static IResult Refuse(Language language, int status, string key, params object?[] args) =>
        Results.Text(Texts.Default.Get(language, key, args), "text/plain; charset=utf-8", statusCode: status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Yearly export download refused ({Reason}) for member {MemberId}")]
    private partial void LogRefused(string reason, int? memberId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Yearly export {Year} ({Format}, group {GroupId}) downloaded by member {MemberId}")]
    private partial void LogServed(int year, ExportFormat format, int? groupId, int memberId);
}
