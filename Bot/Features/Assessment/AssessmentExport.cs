using BranchBot.Bot.Features.Export;
using BranchBot.Bot.Localization;
using BranchBot.Domain;
using BranchBot.Domain.Assessment;
using BranchBot.Domain.Meetings;
using BranchBot.Infrastructure;
using BranchBot.Infrastructure.Persistence;
using BranchBot.Infrastructure.Queries;
using BranchBot.Infrastructure.Spreadsheets;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Bot.Features.Assessment;

/// <summary>
/// A semester's assessment sheets as a workbook (one sheet per group, a row per activist) or CSV (the same rows, the
/// sheet's name first), built when a download link from the assessment card is opened (<see cref="DownloadEndpoint"/>).
/// </summary>
public static class AssessmentExport
{
    public static async Task<byte[]> BuildAsync(BranchDbContext db, Branch branch, DateTimeOffset now, DateOnly semesterStart, Language language, int? groupId,
        ExportFormat format, CancellationToken ct)
    {
        var sheets = await SheetsAsync(db, branch, now, semesterStart, language, groupId, ct);
        return format == ExportFormat.Xlsx ? Xlsx.ToBytes(sheets) : YearlyExport.CsvOf(sheets);
    }

    public static async Task<IReadOnlyList<XlsxSheet>> SheetsAsync(BranchDbContext db, Branch branch, DateTimeOffset now, DateOnly semesterStart, Language language,
        int? groupId, CancellationToken ct)
    {
        var policy = (await db.ReadBranchSettingAsync(ct)).Policy;
        var calendar = await new FactReader(db).SpansAsync(ct);
        var semester = Semester.Containing(semesterStart, calendar) ?? throw new InvalidOperationException("The ticket names no semester.");
        var groups = await db.Groups.AsNoTracking().Where(g => groupId == null || g.Id == groupId).OrderBy(g => g.Name).ToListAsync(ct);
        string T(string key) => Texts.Default.Get(language, key);
        var header = new List<XlsxCell>
        {
            T("assessment.export.number"), T("assessment.export.name"), T("assessment.export.reportsHandedIn"), T("assessment.export.reportsOwed"),
            T("assessment.export.reportsExcused"), T("assessment.export.talks"), T("assessment.export.talksConfirmed"), T("assessment.export.talksUnconfirmed"),
        };
        header.AddRange(Enum.GetValues<BranchDutyKind>().Select(k => (XlsxCell)AssessmentCards.DutyName(language, k)));
        header.Add(T("assessment.rating"));
        header.Add(T("assessment.export.note"));
        var result = new List<XlsxSheet>();
        foreach (var group in groups)
        {
            var rows = new List<IReadOnlyList<XlsxCell>> { header };
            foreach (var s in await AssessmentSheets.ForAsync(db, branch, policy, semester, group.Id, null, now, ct))
            {
                var row = new List<XlsxCell>
                {
                    s.Member.StudentNumber, s.Member.Name, s.ReportsHandedIn, s.ReportsOwed, s.ReportsExcused, s.Talks, s.TalksConfirmed, s.TalksUnconfirmed,
                };
                row.AddRange(Enum.GetValues<BranchDutyKind>().Select(k => (XlsxCell)s.Duties[k]));
                row.Add(s.Conduct is { } c ? AssessmentCards.RatingName(language, c.Rating) : "");
                row.Add(s.Conduct?.Note ?? "");
                rows.Add(row);
            }
            result.Add(new XlsxSheet(group.Name, rows));
        }
        return result;
    }
}
