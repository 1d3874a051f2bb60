using System.Text;
using BranchBot.Bot.Features.Roster;
using BranchBot.Bot.Localization;
using BranchBot.Domain;
using BranchBot.Domain.Dues;
using BranchBot.Domain.Evaluations;
using BranchBot.Domain.Meetings;
using BranchBot.Domain.Statistics;
using BranchBot.Domain.Transfers;
using BranchBot.Infrastructure;
using BranchBot.Infrastructure.Persistence;
using BranchBot.Infrastructure.Queries;
using BranchBot.Infrastructure.Spreadsheets;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Bot.Features.Export;

public enum ExportFormat { Xlsx, Csv }

/// <summary>
/// The branch's yearly figures as a workbook: one sheet for the branch (the figures), one per group (the same figures
/// for the group, then a row per person). CSV is the same rows in one file, the sheet's name in the first column:
/// one file a phone can open, no zip to unpack, and it imports as one table. Each section is one method.
/// <paramref name="now"/> decides which meetings were held (started and not cancelled).
/// </summary>
public sealed class YearlyExport(BranchDbContext db, Branch branch, DateTimeOffset now)
{
    /// <param name="groupId">Null: the branch sheet and every group; a group: only that group's sheet.</param>
    public async Task<byte[]> BuildAsync(int year, Language language, int? groupId, ExportFormat format, CancellationToken ct)
    {
        var sheets = await SheetsAsync(year, language, groupId, ct);
        return format == ExportFormat.Xlsx ? Xlsx.ToBytes(sheets) : CsvOf(sheets);
    }

    public async Task<IReadOnlyList<XlsxSheet>> SheetsAsync(int year, Language language, int? groupId, CancellationToken ct)
    {
        var members = await db.Members.AsNoTracking().WithStageHistory().ToListAsync(ct);
        var groups = await db.Groups.AsNoTracking().OrderBy(g => g.Name).ToListAsync(ct);
        var policy = (await db.ReadBranchSettingAsync(ct)).Policy;
        // The year before too: a report of last December handed in this January counts this year.
        var facts = await new FactReader(db).ForBranchAsync(policy, new DateOnly(year - 1, 1, 1), new DateOnly(year, 12, 31), ct);
        var evaluations = await db.Evaluations.AsNoTracking().ToListAsync(ct);
        var partySchool = await db.PartySchoolNominations.AsNoTracking().Where(n => n.Year == year).ToListAsync(ct);
        var (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        // The year's meetings by their local start; MeetingFigures keeps those held (started by now, not cancelled).
        var (fromAt, untilAt) = (branch.ToInstant(from.ToDateTime(TimeOnly.MinValue)), branch.ToInstant(to.AddDays(1).ToDateTime(TimeOnly.MinValue)));
        var meetings = await db.Meetings.AsNoTracking().Include(m => m.Attendees).Where(m => m.StartsAt >= fromAt && m.StartsAt < untilAt).ToListAsync(ct);
        // The semesters the quotas count over: the academic calendar's when one is entered.
        var calendar = await new FactReader(db).SpansAsync(ct);
        // Dues (党费): the months of the year begun by now; the remittance is the branch's, so on the branch sheet only.
        var duesRates = await db.DuesRates.AsNoTracking().ToListAsync(ct);
        var duesPayments = (await db.DuesPayments.AsNoTracking().ToListAsync(ct)).Where(p => p.Month.Year == year).ToList();
        var duesRemittances = (await db.DuesRemittances.AsNoTracking().ToListAsync(ct)).Where(r => r.Month.Year == year).ToList();
        var duesAsOf = branch.LocalDate(now) < to ? branch.LocalDate(now) : to;
        // Graduate transfers (组织关系转接): every letter; TransferFigures picks the year's.
        var transfers = await db.Transfers.AsNoTracking().ToListAsync(ct);

        var sheets = new List<XlsxSheet>();
        if (groupId is null)
        {
            var m = MeetingFigures.For(meetings, policy.Meetings, branch, from, to, now, calendar: calendar);
            sheets.Add(new XlsxSheet(T(language, "export.sheet.branch"),
                [Header(language), .. Figures(YearlyFigures.For(branch, members, facts, evaluations, year), language), .. MeetingsSection(m, groups, language),
                 .. DuesSection(DuesFigures.For(year, duesAsOf, members, duesRates, duesPayments, duesRemittances), language, withRemittance: true),
                 .. PartySchoolSection(PartySchoolFigures.For(partySchool, year), language),
                 .. TransfersSection(TransferFigures.For(year, members, transfers), members, language)]));
        }
        foreach (var g in groups.Where(g => groupId is null || g.Id == groupId))
        {
            var people = members.Where(m => m.GroupId == g.Id).ToList();
            var f = YearlyFigures.For(branch, people, facts, evaluations, year);
            // The group's sheet: its own group meetings and the branch's other meetings, with its people's attendance only.
            var m = MeetingFigures.For(meetings.Where(x => x.Kind != MeetingKind.Group || x.GroupId == g.Id), policy.Meetings, branch, from, to, now,
                people.Select(p => p.Id).ToHashSet(), calendar);
            var ids = people.Select(p => p.Id).ToHashSet();
            var dues = DuesFigures.For(year, duesAsOf, people, duesRates, duesPayments.Where(p => ids.Contains(p.MemberId)), []);
            sheets.Add(new XlsxSheet(g.Name, [Header(language), .. Figures(f, language), .. MeetingsSection(m, [], language),
                .. DuesSection(dues, language, withRemittance: false),
                .. PartySchoolSection(PartySchoolFigures.For(partySchool, year, people.Select(p => p.Id).ToHashSet()), language),
                .. TransfersSection(TransferFigures.For(year, people, transfers.Where(t => people.Any(p => p.Id == t.MemberId))), people, language),
                [], .. People(f, m, dues, transfers.ToDictionary(t => t.MemberId), language)]));
        }
        if (sheets.Count == 0) sheets.Add(new XlsxSheet(T(language, "export.sheet.branch"), [Header(language)]));
        return sheets;
    }

    private static IEnumerable<IReadOnlyList<XlsxCell>> Figures(YearlyFigures f, Language l) =>
        [.. ReportsSection(f, l), .. TalksSection(f, l), .. PeopleSection(f, l), .. EvaluationsSection(f, l)];

    /// <summary>
    /// 党费: per month begun, the members owing and paid, expected and collected (exact yuan), and on the branch sheet
    /// the remittance with its receipt; then the year's totals.
    /// </summary>
    private static IEnumerable<IReadOnlyList<XlsxCell>> DuesSection(DuesYear d, Language l, bool withRemittance)
    {
        var s = T(l, "export.section.dues");
        foreach (var m in d.Months)
        {
            var month = Formats.Period(l, m.Month);
            yield return [s, T(l, "export.figure.duesOwing", month), m.Owing];
            yield return [s, T(l, "export.figure.duesPaid", month), m.Paid];
            yield return [s, T(l, "export.figure.duesExpected", month), DuesAmount.ToFen(m.Expected)];
            yield return [s, T(l, "export.figure.duesCollected", month), DuesAmount.ToFen(m.Collected)];
            if (!withRemittance) continue;
            yield return [s, T(l, "export.figure.duesRemitted", month), DuesAmount.ToFen(m.Remitted ?? 0m)];
            yield return [s, T(l, "export.figure.duesReceipt", month), m.RemittanceReceipt ?? ""];
        }
        yield return [s, T(l, "export.figure.duesYearExpected"), DuesAmount.ToFen(d.Expected)];
        yield return [s, T(l, "export.figure.duesYearCollected"), DuesAmount.ToFen(d.Collected)];
        if (withRemittance) yield return [s, T(l, "export.figure.duesYearRemitted"), DuesAmount.ToFen(d.Remitted)];
    }

    /// <summary>
    /// 组织关系转接: graduating party members, those without a letter, the letters issued in the year, the receipts back
    /// and the receipts missing; each row names the people behind the figure (name and student number) in a fourth column.
    /// </summary>
    private static IEnumerable<IReadOnlyList<XlsxCell>> TransfersSection(TransferYear t, IReadOnlyList<Member> members, Language l)
    {
        var s = T(l, "export.section.transfers");
        var byId = members.ToDictionary(m => m.Id);
        XlsxCell Names(IReadOnlyList<int> ids) => string.Join("; ", ids.Where(byId.ContainsKey).Select(id => byId[id].Name + " (" + byId[id].StudentNumber + ")"));
        yield return [s, T(l, "export.figure.transfersGraduating"), t.Graduating.Count, Names(t.Graduating)];
        yield return [s, T(l, "export.figure.transfersWithoutLetter"), t.WithoutLetter.Count, Names(t.WithoutLetter)];
        yield return [s, T(l, "export.figure.transfersLetters"), t.LettersIssued.Count, Names(t.LettersIssued)];
        yield return [s, T(l, "export.figure.transfersReceipts"), t.ReceiptsReceived.Count, Names(t.ReceiptsReceived)];
        yield return [s, T(l, "export.figure.transfersMissing"), t.ReceiptsMissing.Count, Names(t.ReceiptsMissing)];
    }

    /// <summary>
    /// 三会一课: per kind held against the quota, minuted, and the attendance (person-times). On the branch sheet
    /// (<paramref name="groups"/> given) the group meeting's quota is per group times the groups, then each group's
    /// group meetings; on a group's sheet the quota is the group's own.
    /// </summary>
    private static IEnumerable<IReadOnlyList<XlsxCell>> MeetingsSection(MeetingYear m, IReadOnlyList<Group> groups, Language l)
    {
        var s = T(l, "export.section.meetings");
        foreach (var k in m.Kinds)
        {
            var kind = T(l, "meetings.kind." + k.Kind);
            var quota = k.Kind == MeetingKind.Group && groups.Count > 0 ? k.Quota * groups.Count : k.Quota;
            yield return [s, T(l, "export.figure.meetingsHeld", kind), k.Held];
            yield return [s, T(l, "export.figure.meetingsQuota", kind), quota];
            yield return [s, T(l, "export.figure.meetingsMinuted", kind), k.Minuted];
            yield return [s, T(l, "export.figure.meetingsExpected", kind), k.Attendance.Expected];
            yield return [s, T(l, "export.figure.meetingsCheckedIn", kind), k.Attendance.CheckedIn];
            yield return [s, T(l, "export.figure.meetingsExcused", kind), k.Attendance.Excused];
            yield return [s, T(l, "export.figure.meetingsUnexcused", kind), k.Attendance.Unexcused];
        }
        foreach (var g in groups)
            yield return [s, T(l, "export.figure.groupMeetings", g.Name), m.GroupMeetingsByGroup.GetValueOrDefault(g.Id)];
    }

    private static IEnumerable<IReadOnlyList<XlsxCell>> ReportsSection(YearlyFigures f, Language l)
    {
        var s = T(l, "export.section.reports");
        yield return [s, T(l, "export.figure.reportsReceived"), f.Totals.ReportsReceived];
        yield return [s, T(l, "export.figure.thoughtReports"), f.Totals.ThoughtReports];
        yield return [s, T(l, "export.figure.branchReports"), f.Totals.BranchReports];
        foreach (var stage in YearlyFigures.ReportedStages)
            yield return [s, T(l, "export.figure.byStage", Formats.Stage(l, stage)), f.ReportsByStage[stage]];
    }

    private static IEnumerable<IReadOnlyList<XlsxCell>> TalksSection(YearlyFigures f, Language l)
    {
        var s = T(l, "export.section.talks");
        yield return [s, T(l, "export.figure.talksHeld"), f.Totals.TalksHeld];
        foreach (var stage in YearlyFigures.ReportedStages)
            yield return [s, T(l, "export.figure.byStage", Formats.Stage(l, stage)), f.TalksByStage[stage]];
        yield return [s, T(l, "export.figure.activistsTalkedWith"), f.Totals.ActivistsTalkedWith];
        yield return [s, T(l, "export.figure.talksUnconfirmed"), f.Totals.TalksUnconfirmed];
    }

    private static IEnumerable<IReadOnlyList<XlsxCell>> PeopleSection(YearlyFigures f, Language l)
    {
        var s = T(l, "export.section.people");
        foreach (var stage in Enum.GetValues<Stage>())
            yield return [s, T(l, "export.figure.onTheRoll", Formats.Stage(l, stage)), f.Totals.PeoplePerStage[stage]];
        foreach (var stage in Enum.GetValues<Stage>())
            yield return [s, T(l, "export.figure.entered", Formats.Stage(l, stage)), f.Totals.EnteredStageInYear[stage]];
    }

    private static IEnumerable<IReadOnlyList<XlsxCell>> EvaluationsSection(YearlyFigures f, Language l)
    {
        var s = T(l, "export.section.evaluations");
        yield return [s, T(l, "export.figure.evaluationsRecorded"), f.Totals.Evaluations];
        yield return [s, T(l, "export.figure.evaluationsPassed"), f.EvaluationsPassed];
    }

    /// <summary>党校: per session of the year, the people nominated and those who completed it.</summary>
    private static IEnumerable<IReadOnlyList<XlsxCell>> PartySchoolSection(IReadOnlyList<PartySchoolSessionFigures> sessions, Language l)
    {
        var s = T(l, "export.section.partySchool");
        foreach (var session in sessions)
        {
            var name = Evaluations.PartySchoolCard.Session(l, session.Session);
            yield return [s, T(l, "export.figure.partySchoolNominated", name), session.Nominated];
            yield return [s, T(l, "export.figure.partySchoolCompleted", name), session.Completed];
        }
    }

    private static IEnumerable<IReadOnlyList<XlsxCell>> People(YearlyFigures f, MeetingYear meetings, DuesYear dues, IReadOnlyDictionary<int, Transfer> transfers, Language l)
    {
        yield return
        [
            T(l, "export.people.studentNumber"), T(l, "export.people.name"), T(l, "export.people.stage"),
            .. YearlyFigures.ReportedStages.Select(s => (XlsxCell)T(l, "export.people.reports", Formats.Stage(l, s))),
            .. YearlyFigures.ReportedStages.Select(s => (XlsxCell)T(l, "export.people.talks", Formats.Stage(l, s))),
            T(l, "export.figure.evaluationsRecorded"), T(l, "export.figure.evaluationsPassed"), T(l, "export.people.entered"),
            T(l, "export.people.meetingsExpected"), T(l, "export.people.meetingsCheckedIn"), T(l, "export.people.meetingsExcused"), T(l, "export.people.meetingsUnexcused"),
            T(l, "export.people.duesOwed"), T(l, "export.people.duesPaid"), T(l, "export.people.duesAmount"),
            T(l, "export.people.graduatesOn"), T(l, "export.people.letterIssuedOn"), T(l, "export.people.destination"), T(l, "export.people.receiptOn"),
        ];
        foreach (var p in f.People)
        {
            var a = meetings.AttendanceByMember.GetValueOrDefault(p.Member.Id, AttendanceCount.None);
            yield return
            [
                p.Member.StudentNumber, p.Member.Name, Formats.Stage(l, p.Member.Stage),
                .. YearlyFigures.ReportedStages.Select(s => (XlsxCell)p.Reports[s]),
                .. YearlyFigures.ReportedStages.Select(s => (XlsxCell)p.Talks[s]),
                p.EvaluationsRecorded, p.EvaluationsPassed, string.Join("; ", p.EnteredStages.Select(s => Formats.Stage(l, s))),
                a.Expected, a.CheckedIn, a.Excused, a.Unexcused,
                .. Dues(dues.ByMember.GetValueOrDefault(p.Member.Id)),
                .. TransferCells(p.Member, transfers.GetValueOrDefault(p.Member.Id)),
            ];
        }
    }

    private static IReadOnlyList<XlsxCell> Dues(DuesPersonYear? d) => [d?.MonthsOwed ?? 0, d?.MonthsPaid ?? 0, DuesAmount.ToFen(d?.Paid ?? 0m)];

    // ISO dates, as the roster file writes them: a date cell reads the same in every language and sorts.
    private static IEnumerable<XlsxCell> TransferCells(Member m, Transfer? t) =>
        [Iso(m.GraduatesOn), Iso(t?.LetterIssuedOn), t?.Destination ?? "", Iso(t?.ReceiptOn)];

    private static string Iso(DateOnly? date) => date?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "";

    private static IReadOnlyList<XlsxCell> Header(Language l) =>
        [T(l, "export.header.section"), T(l, "export.header.figure"), T(l, "export.header.count")];

    /// <summary>UTF-8 with BOM and CRLF, as Excel opens it; a text (a cell, or the sheet's name, which may be a group's name) that would start a formula is prefixed with an apostrophe.</summary>
    internal static byte[] CsvOf(IReadOnlyList<XlsxSheet> sheets)
    {
        var csv = new StringBuilder();
        foreach (var sheet in sheets)
            foreach (var row in sheet.Rows)
                csv.Append(string.Join(',', row.Select(Field).Prepend(Field(sheet.Name)))).Append("\r\n");
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv.ToString())];
    }

    private static string Field(XlsxCell cell) => cell.Number is { } n
        ? n.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : Csv.Guarded(cell.Text ?? "");

    private static string T(Language l, string key, params object?[] args) => Texts.Default.Get(l, key, args);
}
