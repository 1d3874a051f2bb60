using System.Globalization;
using System.Text.Json.Nodes;
using BranchBot.Bot.Cards;
using BranchBot.Bot.Features.Assessment;
using BranchBot.Bot.Features.Export;
using BranchBot.Infrastructure.Spreadsheets;
using BranchBot.Bot.Tests.Conversation;
using BranchBot.Domain;
using BranchBot.Domain.Assessment;
using Microsoft.EntityFrameworkCore;
using static BranchBot.Bot.Tests.Conversation.ConversationTestBed;

namespace BranchBot.Bot.Tests.Features;

// Today is 2026-11-19, in the autumn semester 2026-09-01 – 2027-01-31 (no academic calendar entered); tracking from
// 2026-10-01, so 张三 owes the thought reports of October and November. 张三 and 李四 are activists of 第一小组 (钱组长
// leads it), 王五 of 第二小组 (吴组长); 孙书记 is on the committee.
public sealed class AssessmentJourneyTests : IAsyncLifetime
{
    private ConversationTestBed _bed = null!;

    public async Task InitializeAsync()
    {
        _bed = await StartAsync();
        await _bed.InstallAsync(Student, Student2, OtherGroupStudent, Mentor, Leader, OtherLeader, Secretary);
    }

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    private async Task<string> IdOf(Person person) => (await _bed.MemberIdAsync(person)).ToString(CultureInfo.InvariantCulture);

    private async Task<JsonObject> DutyData(Person leader, Person subject, string kind = "DormCheck", string date = "2026-11-18")
    {
        var card = (await _bed.SayAsync(leader, "考察表")).Single(leader).Card();
        return card.SubmitData(Verbs.AssessmentDuty).With(AssessmentCards.PersonInput, await IdOf(subject))
            .With(AssessmentCards.KindInput, kind).With(AssessmentCards.DateInput, date).With(AssessmentCards.NoteInput, "三楼 <b>");
    }

    private async Task<int> DutyCountAsync()
    {
        await using var db = _bed.Database();
        return await db.BranchDutyRecords.CountAsync() + await db.ConductRecords.CountAsync();
    }

    [Fact]
    public async Task RecordDuty_LeaderForAGroupMember_IsStoredAndTheSheetCountsIt()
    {
        var turn = await _bed.SubmitAsync(Leader, "sheet-card", await DutyData(Leader, Student));

        Assert.Contains("已记录：张三", Turned.Decode(turn.AllText));
        await using var db = _bed.Database();
        var record = await db.BranchDutyRecords.SingleAsync();
        Assert.Equal((await _bed.MemberIdAsync(Student), BranchDutyKind.DormCheck, new DateOnly(2026, 11, 18), "三楼 <b>", await _bed.MemberIdAsync(Leader)),
            (record.MemberId, record.Kind, record.Date, record.Note, record.RecordedById));
        Assert.Contains("支部工作 1", Turned.Decode(turn.AllText));
    }

    [Fact]
    public async Task RecordDuty_TwiceTheSameDay_StoresOne()
    {
        var data = await DutyData(Leader, Student);
        await _bed.SubmitAsync(Leader, "sheet-card", data);
        var again = await _bed.SubmitAsync(Leader, "sheet-card", data);

        Assert.Contains("已经记录过了", Turned.Decode(again.AllText));
        Assert.Equal(1, await DutyCountAsync());
    }

    [Fact]
    public async Task RecordDuty_LeaderOfAnotherGroup_IsRefusedAndChangesNothing()
    {
        var data = await DutyData(OtherLeader, OtherGroupStudent);
        data = data.With(AssessmentCards.PersonInput, await IdOf(Student)); // forged: 张三 is not on 吴组长's card

        var turn = await _bed.SubmitAsync(OtherLeader, "sheet-card", data);

        Assert.Contains("组长只能记录本组成员", Turned.Decode(turn.AllText));
        Assert.Equal(0, await DutyCountAsync());
    }

    [Fact]
    public async Task RecordDuty_ByAStudent_IsRefusedAndChangesNothing()
    {
        var leaders = await DutyData(Leader, Student2);

        var turn = await _bed.SubmitAsync(Student, "sheet-card", leaders);

        Assert.Contains("只有组长（本组成员）和支委可以记录考察表", Turned.Decode(turn.AllText));
        Assert.Equal(0, await DutyCountAsync());
    }

    [Theory]
    [InlineData("999999", "DormCheck", "2026-11-18", "请从选项中选择一项")]     // nobody
    [InlineData(null, "Laundry", "2026-11-18", null)]                          // no such kind
    [InlineData(null, "DormCheck", "2026-11-20", "还没到")]                     // tomorrow
    [InlineData(null, "DormCheck", "2026-01-31", "不在本学期或上学期内")]       // before the last semester
    public async Task RecordDuty_ForgedOrBadInput_IsRefusedAndChangesNothing(string? person, string kind, string date, string? expected)
    {
        var data = await DutyData(Leader, Student, kind, date);
        if (person is not null) data = data.With(AssessmentCards.PersonInput, person);

        var turn = await _bed.SubmitAsync(Leader, "sheet-card", data);

        if (expected is not null) Assert.Contains(expected, Turned.Decode(turn.AllText));
        Assert.DoesNotContain("已记录", Turned.Decode(turn.AllText));
        Assert.Equal(0, await DutyCountAsync());
    }

    [Fact]
    public async Task RecordDuty_ForTheLeaderThemselvesOrANonActivist_IsRefused()
    {
        var self = (await DutyData(Leader, Student)).With(AssessmentCards.PersonInput, await IdOf(Leader));
        var mentor = (await DutyData(Leader, Student)).With(AssessmentCards.PersonInput, await IdOf(Mentor));

        Assert.Contains("不能记录自己", Turned.Decode((await _bed.SubmitAsync(Leader, "sheet-card", self)).AllText));
        Assert.Contains("考察表只为入党积极分子建立", Turned.Decode((await _bed.SubmitAsync(Leader, "sheet-card", mentor)).AllText));
        Assert.Equal(0, await DutyCountAsync());
    }

    [Fact]
    public async Task RateConduct_CommitteePicksAGroupAndRates_IsStoredOncePerSemester()
    {
        await using (var db = _bed.Database())
        {
            var group = await db.Members.Where(m => m.Name == "王五").Select(m => m.GroupId).SingleAsync();
            var picker = (await _bed.SayAsync(Secretary, "考察表")).Single(Secretary).Card();
            var opened = await _bed.SubmitAsync(Secretary, "picker", picker.SubmitData(Verbs.AssessmentGroup).With(AssessmentCards.GroupInput, group.ToString(CultureInfo.InvariantCulture)));
            Assert.Contains("王五", Turned.Decode(opened.AllText));
        }
        var card = (await _bed.SayAsync(Leader, "考察表")).Single(Leader).Card(); // the same form shape; the committee may rate anyone
        JsonObject Rate(string rating) => card.SubmitData(Verbs.AssessmentConduct).With(AssessmentCards.PersonInput, "0")
            .With(AssessmentCards.RatingInput, rating).With(AssessmentCards.SemesterInput, "2026-09-01");
        var wang = await IdOf(OtherGroupStudent);

        await _bed.SubmitAsync(Secretary, "sheet-card", Rate("Good").With(AssessmentCards.PersonInput, wang));
        var again = await _bed.SubmitAsync(Secretary, "sheet-card", Rate("Excellent").With(AssessmentCards.PersonInput, wang));

        Assert.Contains("已记录 王五 的课堂表现：优秀", Turned.Decode(again.AllText));
        await using var read = _bed.Database();
        var conduct = await read.ConductRecords.SingleAsync();
        Assert.Equal((ConductRating.Excellent, new DateOnly(2026, 9, 1)), (conduct.Rating, conduct.SemesterStart));
        var refused = await _bed.SubmitAsync(Secretary, "sheet-card", Rate("Good").With(AssessmentCards.PersonInput, wang).With(AssessmentCards.SemesterInput, "2025-09-01"));
        Assert.Contains("不在本学期或上学期内", Turned.Decode(refused.AllText));
        Assert.Equal(ConductRating.Excellent, (await _bed.Database().ConductRecords.SingleAsync()).Rating);
    }

    [Fact]
    public async Task Sheet_ActivistsOwn_CountsMatchTheFacts()
    {
        var zhang = await _bed.MemberIdAsync(Student);
        var mentor = await _bed.MemberIdAsync(Mentor);
        var at = new DateTimeOffset(2026, 10, 20, 10, 0, 0, TimeSpan.FromHours(8));
        await using (var db = _bed.Database())
        {
            db.Submissions.Add(new Submission(zhang, ObligationKind.ThoughtReport, new Period(Cadence.Monthly, 2026, 10), "十月思想汇报", at, 1, null));
            var confirmed = new Talk(mentor, zhang, new DateOnly(2026, 10, 15), TalkMode.InPerson, "学习", "谈了学习情况", null, at, null);
            db.Talks.AddRange(confirmed, new Talk(mentor, zhang, new DateOnly(2026, 11, 10), TalkMode.InPerson, "生活", "谈了生活", null, at.AddDays(21), null));
            await db.SaveChangesAsync();
            db.TalkConfirmations.Add(new TalkConfirmation(confirmed.Id, zhang, TalkAnswer.Confirmed, null, at.AddDays(1)));
            db.BranchDutyRecords.Add(new BranchDutyRecord(zhang, BranchDutyKind.Cleaning, new DateOnly(2026, 11, 2), null, await _bed.MemberIdAsync(Leader), at));
            await db.SaveChangesAsync();
        }

        var own = Turned.Decode((await _bed.SayAsync(Student, "考察表")).Single(Student).Card().GetRawText());
        var leaders = Turned.Decode((await _bed.SayAsync(Leader, "考察表")).Single(Leader).Card().GetRawText());

        Assert.Contains("思想汇报：已交 1，未交 1，请假免交 0", own);
        Assert.Contains("谈心谈话：2 次（已确认 1，未确认 1）", own);
        Assert.Contains("卫生打扫：1 次", own);
        Assert.Contains("课堂表现：未评", own);
        Assert.Contains("思想汇报 已交 1 · 未交 1 · 免交 0；谈话 2（已确认 1）；支部工作 1；课堂表现 未评", leaders);
        Assert.Contains("李四", leaders);
        Assert.DoesNotContain("王五", leaders);
    }

    [Fact]
    public async Task Sheet_FullMemberWithoutOffice_IsRefusedWithAReason()
    {
        var turn = await _bed.SayAsync(Mentor, "assessment sheet", "en-US");
        Assert.Contains("Assessment sheets are kept for activists only", Turned.Decode(turn.AllText));
    }

    private async Task<Uri> ExportLinkAsync(Person person, string? group = null, string format = nameof(ExportFormat.Xlsx))
    {
        var card = (await _bed.SayAsync(Leader, "考察表")).Single(Leader).Card();
        var data = card.SubmitData(Verbs.AssessmentExport).With(AssessmentCards.FormatField, format);
        if (group is not null) data = data.With(AssessmentCards.GroupField, group);
        var turned = await _bed.SubmitAsync(person, "sheet-card", data);
        var answer = turned.Single(person).Card();
        var open = Assert.Single(answer.GetProperty("actions").EnumerateArray(), a => a.GetProperty("type").GetString() == "Action.OpenUrl");
        return new Uri(open.GetProperty("url").GetString()!);
    }

    [Fact]
    public async Task Export_LeadersGroupAsXlsx_ReadsBackWithTheFactsNumbers()
    {
        var zhang = await _bed.MemberIdAsync(Student);
        var at = new DateTimeOffset(2026, 10, 20, 10, 0, 0, TimeSpan.FromHours(8));
        await using (var db = _bed.Database())
        {
            db.Submissions.Add(new Submission(zhang, ObligationKind.ThoughtReport, new Period(Cadence.Monthly, 2026, 10), "十月思想汇报", at, 1, null));
            db.Talks.Add(new Talk(await _bed.MemberIdAsync(Mentor), zhang, new DateOnly(2026, 10, 15), TalkMode.InPerson, "学习", "谈了学习情况", null, at, null));
            db.BranchDutyRecords.Add(new BranchDutyRecord(zhang, BranchDutyKind.DutyShift, new DateOnly(2026, 11, 2), null, await _bed.MemberIdAsync(Leader), at));
            db.ConductRecords.Add(new ConductRecord(zhang, new DateOnly(2026, 9, 1), ConductRating.Good, "发言积极", await _bed.MemberIdAsync(Leader), at));
            await db.SaveChangesAsync();
        }

        var link = await ExportLinkAsync(Leader);
        using var response = await _bed.Host.Client.GetAsync(link.PathAndQuery);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Xlsx.ContentType, response.Content.Headers.ContentType?.MediaType);
        await using var stream = await response.Content.ReadAsStreamAsync();
        var sheet = Assert.Single(Xlsx.Read(stream));
        Assert.Equal("第一小组", sheet.Name);
        Assert.Equal(["学号", "姓名", "思想汇报已交", "思想汇报未交", "思想汇报免交", "谈话", "谈话已确认", "谈话未确认", "宿舍检查", "班级检查", "值班", "卫生打扫", "课堂表现", "备注"], sheet.Rows[0]);
        Assert.Equal(["2025001", "张三", "1", "1", "0", "1", "0", "1", "0", "0", "1", "0", "良好", "发言积极"], sheet.Rows.Single(r => r[1] == "张三"));
        Assert.Equal(["2025002", "李四", "0", "2", "0", "0", "0", "0", "0", "0", "0", "0"], sheet.Rows.Single(r => r[1] == "李四")); // empty trailing cells are not written
    }

    [Fact]
    public async Task Export_AnotherGroupByALeader_IsRefused()
    {
        await using var db = _bed.Database();
        var otherGroup = await db.Members.Where(m => m.Name == "王五").Select(m => m.GroupId).SingleAsync();
        var card = (await _bed.SayAsync(Leader, "考察表")).Single(Leader).Card();
        var data = card.SubmitData(Verbs.AssessmentExport).With(AssessmentCards.GroupField, otherGroup.ToString(CultureInfo.InvariantCulture));

        var turned = await _bed.SubmitAsync(Leader, "sheet-card", data);

        Assert.DoesNotContain("Action.OpenUrl", turned.AllText);
        Assert.Contains(BranchBot.Bot.Localization.Texts.Default.Get(BranchBot.Bot.Localization.Language.ZhCn, "export.error.notPermitted"), Turned.Decode(turned.AllText));
    }
}
