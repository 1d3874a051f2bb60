using BranchBot.Bot.Conversation;
using BranchBot.Bot.Features.Export;
using BranchBot.Bot.Localization;
using BranchBot.Bot.Tests.Conversation;
using BranchBot.Domain;
using BranchBot.Domain.Evaluations;
using BranchBot.Domain.Meetings;
using BranchBot.Infrastructure.Spreadsheets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static BranchBot.Bot.Tests.Conversation.ConversationTestBed;
using static BranchBot.Bot.Tests.Features.Export.YearlyExportSamples;

namespace BranchBot.Bot.Tests.Features.Export;

/// <summary>
/// The yearly workbook's meetings section against meetings whose every answer is known: a general meeting (one
/// check-in from the second group, one absence from the first), a group meeting of the first group (one check-in),
/// a cancelled one and one still to come, neither of which counts.
/// </summary>
public sealed class YearlyExportMeetingsTests : IAsyncLifetime
{
    private ConversationTestBed _bed = null!;

    public async Task InitializeAsync()
    {
        _bed = await StartAsync();
        await YearlyExportSamples.SeedMeetingsAsync(_bed);
    }

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task Sheets_MeetingsOfTheYear_CountHeldAgainstQuotaMinutedAndAttendanceOnTheBranchSheet()
    {
        var sheets = await ReadBackAsync(groupId: null);

        var branch = sheets[0];
        Assert.Equal("1", Figure(branch, "党员大会：召开次数"));
        Assert.Equal("6", Figure(branch, "党员大会：应开次数（定额）")); // spring and autumn 2026 start in the year, 3 each
        Assert.Equal("1", Figure(branch, "党员大会：有会议记录"));
        Assert.Equal("5", Figure(branch, "党员大会：应到人次"));
        Assert.Equal("1", Figure(branch, "党员大会：签到人次"));
        Assert.Equal("1", Figure(branch, "党员大会：请假人次"));
        Assert.Equal("3", Figure(branch, "党员大会：缺席人次"));
        Assert.Equal("0", Figure(branch, "党课：召开次数")); // the lecture is still to come
        Assert.Equal("1", Figure(branch, "党小组会：召开次数"));
        // Twice a month per group, each month begun in a semester in 2026 (January to July, September to December), two groups.
        Assert.Equal("44", Figure(branch, "党小组会：应开次数（定额）"));
        Assert.Equal("1", Figure(branch, "党小组会：第一小组"));
        Assert.Equal("0", Figure(branch, "党小组会：第二小组"));
    }

    [Fact]
    public async Task Sheets_AGroupsSheet_CountsItsOwnGroupMeetingsAndOnlyItsPeoplesAttendance()
    {
        var sheets = await ReadBackAsync(groupId: null);

        var first = sheets.Single(s => s.Name == "第一小组");
        var second = sheets.Single(s => s.Name == "第二小组");
        Assert.Equal("1", Figure(first, "党小组会：召开次数"));
        Assert.Equal("22", Figure(first, "党小组会：应开次数（定额）"));
        Assert.Equal("0", Figure(second, "党小组会：召开次数"));
        Assert.Equal("1", Figure(first, "党员大会：召开次数"));
        Assert.Equal(("3", "0", "1", "2"), Attendance(first, "党员大会"));
        Assert.Equal(("2", "1", "0", "1"), Attendance(second, "党员大会"));
        Assert.Equal(("5", "1", "0", "4"), Attendance(first, "党小组会"));
    }

    [Fact]
    public async Task Sheets_PeopleRows_CarryEachPersonsAttendanceAtTheMeetingsHeld()
    {
        var sheets = await ReadBackAsync(groupId: null);

        var first = sheets.Single(s => s.Name == "第一小组");
        Assert.Equal(["1", "1", "0", "0"], MeetingColumns(first, Student));
        Assert.Equal(["2", "0", "1", "1"], MeetingColumns(first, Mentor));
        Assert.Equal(["1", "1", "0", "0"], MeetingColumns(sheets.Single(s => s.Name == "第二小组"), Secretary));
    }

    [Fact]
    public async Task Sheets_InEnglish_NameTheMeetingsSection()
    {
        var sheets = await ReadBackAsync(groupId: null, Language.EnUs);

        Assert.Contains(sheets[0].Rows, r => r.Count == 3 && r[0] == "Meetings" && r[1] == "Held: general meeting" && r[2] == "1");
    }

    [Fact]
    public async Task Sheets_PartySchool_CountsNominatedAndCompletedPerSessionOnTheBranchAndTheirGroupsSheet()
    {
        await using (var db = _bed.Database())
        {
            var ids = await db.Members.ToDictionaryAsync(m => m.StudentNumber, m => m.Id);
            var by = ids[Secretary.StudentNumber];
            var april = new PartySchoolNomination(ids[Student.StudentNumber], new PartySchoolSession(2026, 4), by, new DateTimeOffset(2026, 3, 20, 10, 0, 0, TimeSpan.FromHours(8)));
            april.Complete(new DateOnly(2026, 4, 30), by);
            var october = new PartySchoolNomination(ids[Student2.StudentNumber], new PartySchoolSession(2026, 10), by, new DateTimeOffset(2026, 9, 20, 10, 0, 0, TimeSpan.FromHours(8)));
            var lastYear = new PartySchoolNomination(ids[Student2.StudentNumber], new PartySchoolSession(2025, 10), by, new DateTimeOffset(2025, 9, 20, 10, 0, 0, TimeSpan.FromHours(8)));
            db.PartySchoolNominations.AddRange(april, october, lastYear);
            await db.SaveChangesAsync();
        }

        var sheets = await ReadBackAsync(groupId: null);

        var (branch, first, second) = (sheets[0], sheets.Single(s => s.Name == "第一小组"), sheets.Single(s => s.Name == "第二小组"));
        Assert.Equal(("1", "1", "1", "0"), PartySchool(branch));
        Assert.Equal(("1", "1", "1", "0"), PartySchool(first));
        Assert.Equal(("0", "0", "0", "0"), PartySchool(second));
    }

    private static (string, string, string, string) PartySchool(XlsxSheetText sheet) =>
        (Figure(sheet, "2026年4月党校：推荐人数"), Figure(sheet, "2026年4月党校：结业人数"), Figure(sheet, "2026年10月党校：推荐人数"), Figure(sheet, "2026年10月党校：结业人数"));

    private async Task<IReadOnlyList<XlsxSheetText>> ReadBackAsync(int? groupId, Language language = Language.ZhCn)
    {
        await using var db = _bed.Database();
        var (branch, _) = await _bed.Host.Services.GetRequiredService<BranchState>().LoadAsync(db, CancellationToken.None);
        var bytes = await new YearlyExport(db, branch, _bed.Time.GetUtcNow()).BuildAsync(2026, language, groupId, ExportFormat.Xlsx, CancellationToken.None);
        using var stream = new MemoryStream(bytes);
        return Xlsx.Read(stream);
    }

    private static (string, string, string, string) Attendance(XlsxSheetText sheet, string kind) =>
        (Figure(sheet, kind + "：应到人次"), Figure(sheet, kind + "：签到人次"), Figure(sheet, kind + "：请假人次"), Figure(sheet, kind + "：缺席人次"));
}

/// <summary>Meetings with known answers and readers for the workbook, shared by the export tests.</summary>
internal static class YearlyExportSamples
{
    /// <summary>The meetings every export test in this folder reads back (the bed's clock: 19 November 2026).</summary>
    public static async Task SeedMeetingsAsync(ConversationTestBed bed)
    {
        await using var db = bed.Database();
        var members = await db.Members.ToDictionaryAsync(m => m.StudentNumber);
        var groups = await db.Groups.ToDictionaryAsync(g => g.Name, g => g.Id);
        int Id(Person p) => members[p.StudentNumber].Id;
        static DateTimeOffset Cst(int month, int day, int hour = 14) => new(2026, month, day, hour, 0, 0, TimeSpan.FromHours(8));
        var partyMembers = new[] { Probationary, Mentor, Leader, OtherLeader, Secretary }.Select(Id).ToList();

        var general = new Meeting(MeetingKind.General, null, Id(Secretary), Id(Secretary), Cst(10, 10), "A101", false, "学习", partyMembers, Cst(10, 1), "s:general");
        general.Attendees.Single(a => a.MemberId == Id(Secretary)).CheckIn(Cst(10, 10));
        general.Attendees.Single(a => a.MemberId == Id(Mentor)).SendAbsence("出差", Cst(10, 9));
        general.RecordMinutes("传达学习了会议精神。", Cst(10, 10, 17));
        var firstGroup = new[] { Student, Student2, Probationary, Mentor, Leader }.Select(Id).ToList();
        var group = new Meeting(MeetingKind.Group, groups["第一小组"], Id(Leader), Id(Leader), Cst(11, 5), "A102", true, "学习", firstGroup, Cst(11, 1), "l:group");
        group.Attendees.Single(a => a.MemberId == Id(Student)).CheckIn(Cst(11, 5));
        var cancelled = new Meeting(MeetingKind.General, null, Id(Secretary), Id(Secretary), Cst(11, 12), "A101", false, "学习", partyMembers, Cst(11, 1), "s:cancelled");
        cancelled.Cancel(Cst(11, 2));
        var toCome = new Meeting(MeetingKind.Lecture, null, Id(Secretary), Id(Secretary), Cst(11, 26), "A101", false, "党课", partyMembers, Cst(11, 1), "s:lecture");
        db.Meetings.AddRange(general, group, cancelled, toCome);
        await db.SaveChangesAsync();
    }

    public static string Figure(XlsxSheetText sheet, string figure) => Assert.Single(sheet.Rows, r => r.Count == 3 && r[1] == figure)[2];

    /// <summary>The person's four meeting columns (expected, checked in, excused, unexcused), found by the people header.</summary>
    public static IReadOnlyList<string> MeetingColumns(XlsxSheetText sheet, Person person)
    {
        var header = sheet.Rows.First(r => r.Count > 0 && r[0] == "学号");
        var at = header.ToList().IndexOf("会议应到");
        var row = Assert.Single(sheet.Rows, r => r.Count > 0 && r[0] == person.StudentNumber);
        return row.Skip(at).Take(4).ToList();
    }
}
