using System.Globalization;
using System.Text.Json.Nodes;
using BranchBot.Bot.Cards;
using BranchBot.Bot.Features.Overdue;
using BranchBot.Bot.Features.Reports;
using BranchBot.Bot.Features.Talks;
using BranchBot.Domain;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Bot.Tests.Conversation;

/// <summary>Closed periods, talks by their date, extensions, the report choice, excuses and talk nudges, through the real pipeline.</summary>
public sealed class PeriodJourneyTests
{
    private static readonly string GoodReport = string.Concat(Enumerable.Repeat("认真学习党章，联系自身实际，找差距明方向。", 12));
    private static readonly Person Target = new("2025004", "郑七", "zheng@branch.example");
    private static readonly string RosterWithTarget = ConversationTestBed.Roster + "\n2025004,郑七,zheng@branch.example,第一小组,发展对象,2026-06-01,T001;2023001,";

    private static async Task<string> IdOf(ConversationTestBed bed, Person person) =>
        (await bed.MemberIdAsync(person)).ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task YearOfArrears_LeaderStatusAndForm_OfferOnlyWhatCanStillBeHandedInAndShowTheRestAsMissed()
    {
        await using var bed = await ConversationTestBed.StartAsync(trackingStartsOn: "2025-11-01");
        await bed.InstallAsync(ConversationTestBed.Leader, ConversationTestBed.Student);

        var list = (await bed.SayAsync(ConversationTestBed.Leader, "逾期")).Single(ConversationTestBed.Leader).Card().GetRawText();
        var status = (await bed.SayAsync(ConversationTestBed.Student, "我的状态")).Single(ConversationTestBed.Student).Card().GetRawText();
        var form = (await bed.SayAsync(ConversationTestBed.Student, "交思想汇报")).Single(ConversationTestBed.Student).Card();

        Assert.Contains("2026年10月", list);
        Assert.DoesNotContain("2026年9月的思想汇报", list);
        Assert.DoesNotContain("2026年4月的思想汇报", list);
        Assert.Contains("已截止未交", status);
        Assert.Contains("2026年9月", status);
        Assert.Equal("2026-10", form.SubmitData(Verbs.ReportSubmit)["period"]!.GetValue<string>());
    }

    [Fact]
    public async Task YearOfArrears_SubmitAndNudgeForAClosedMonth_RefusedAndNeverSent()
    {
        await using var bed = await ConversationTestBed.StartAsync(trackingStartsOn: "2025-11-01");
        await bed.InstallAsync(ConversationTestBed.Leader, ConversationTestBed.Student);
        var form = (await bed.SayAsync(ConversationTestBed.Student, "交思想汇报")).Single(ConversationTestBed.Student).Card();

        var closed = await bed.SubmitAsync(ConversationTestBed.Student, "form", form.SubmitData(Verbs.ReportSubmit)
            .With(ReportFormCard.PeriodField, "2026-09").With(ReportFormCard.TextInput, GoodReport));
        var list = (await bed.SayAsync(ConversationTestBed.Leader, "逾期")).Single(ConversationTestBed.Leader).Card();
        var nudged = await bed.SubmitAsync(ConversationTestBed.Leader, "list", list.SubmitData(Verbs.OverdueNudge)
            .With(OverdueListCard.MemberField, await IdOf(bed, ConversationTestBed.Student)));

        Assert.Contains("2026年9月已结束", closed.Single(ConversationTestBed.Student).Text());
        var nudge = nudged.Single(ConversationTestBed.Student);
        Assert.Contains("2026年10月", nudge.Text());
        Assert.Equal("2026-10", nudge.Card().SubmitData(Verbs.ReportSubmit)["period"]!.GetValue<string>());
        await using var db = bed.Database();
        Assert.Equal(0, await db.Submissions.CountAsync());
        Assert.All(await db.ReminderDeliveries.ToListAsync(), d => Assert.Equal("2026-10", d.Period.Key));
    }

    [Fact]
    public async Task LogTalk_DevelopmentTargetTalkOfOctoberInDecember_CountsInTheOpenQuarter()
    {
        await using var bed = await ConversationTestBed.StartAsync(new DateTimeOffset(2026, 12, 10, 10, 0, 0, TimeSpan.FromHours(8)), RosterWithTarget);
        await bed.InstallAsync(ConversationTestBed.Mentor);
        var form = (await bed.SayAsync(ConversationTestBed.Mentor, "记录谈话")).Single(ConversationTestBed.Mentor).Card();
        JsonObject Talk(string menteeId) => form.SubmitData(Verbs.TalkSubmit)
            .With(TalkFormCard.MenteeInput, menteeId).With(TalkFormCard.DateInput, "2026-10-15")
            .With(TalkFormCard.TopicInput, "入党动机").With(TalkFormCard.SummaryInput, "谈了入党动机。");

        var target = await bed.SubmitAsync(ConversationTestBed.Mentor, "talk-1", Talk(await IdOf(bed, Target)));
        var activist = await bed.SubmitAsync(ConversationTestBed.Mentor, "talk-2", Talk(await IdOf(bed, ConversationTestBed.Student)));

        Assert.Single(target.Calls, c => c.Method == "PUT");
        Assert.Contains("2026年10月已结束", activist.Single(ConversationTestBed.Mentor).Text());
        await using var db = bed.Database();
        var saved = await db.Talks.SingleAsync();
        Assert.Equal(await bed.MemberIdAsync(Target), saved.MenteeId);
    }

    [Fact]
    public async Task AskForMoreTime_LeaderCannotBeReached_GoesToTheCommitteeAndTheStudentIsToldSo()
    {
        await using var bed = await ConversationTestBed.StartAsync();
        await bed.InstallAsync(ConversationTestBed.Student, ConversationTestBed.Secretary);
        var form = (await bed.SayAsync(ConversationTestBed.Student, "交思想汇报")).Single(ConversationTestBed.Student).Card();

        var asked = await bed.SubmitAsync(ConversationTestBed.Student, "form", form.SubmitData(Verbs.ExtensionRequest)
            .With(ReportFormCard.ReasonInput, "本周考试"));

        var told = asked.Single(ConversationTestBed.Student).Text();
        Assert.Contains("钱组长", told);
        Assert.Contains("孙书记", told);
        Assert.Contains("本周考试", asked.Single(ConversationTestBed.Secretary).Card().GetRawText());
        Assert.Empty(asked.To(ConversationTestBed.Leader));
    }

    [Fact]
    public async Task AskForMoreTime_NobodyCanBeReached_StudentIsToldTheRequestIsOnlyRecorded()
    {
        await using var bed = await ConversationTestBed.StartAsync();
        await bed.InstallAsync(ConversationTestBed.Student);
        var form = (await bed.SayAsync(ConversationTestBed.Student, "交思想汇报")).Single(ConversationTestBed.Student).Card();

        var asked = await bed.SubmitAsync(ConversationTestBed.Student, "form", form.SubmitData(Verbs.ExtensionRequest)
            .With(ReportFormCard.ReasonInput, "本周考试"));

        var told = asked.Single(ConversationTestBed.Student).Text();
        Assert.Contains("无法把它送到", told);
        Assert.Contains("钱组长", told);
        await using var db = bed.Database();
        Assert.Equal(ExtensionStatus.Requested, (await db.Extensions.SingleAsync()).Status);
    }

    [Fact]
    public async Task AskForMoreTime_Pending_ShownInStatusAndDecidedFromTheLeadersListInPlace()
    {
        await using var bed = await ConversationTestBed.StartAsync();
        await bed.InstallAsync(ConversationTestBed.Student, ConversationTestBed.Leader);
        var form = (await bed.SayAsync(ConversationTestBed.Student, "交思想汇报")).Single(ConversationTestBed.Student).Card();
        await bed.SubmitAsync(ConversationTestBed.Student, "form", form.SubmitData(Verbs.ExtensionRequest).With(ReportFormCard.ReasonInput, "本周考试"));

        var status = (await bed.SayAsync(ConversationTestBed.Student, "我的状态")).Single(ConversationTestBed.Student).Card().GetRawText();
        var list = (await bed.SayAsync(ConversationTestBed.Leader, "逾期")).Single(ConversationTestBed.Leader).Card();
        var approve = list.SubmitData(Verbs.ExtensionDecide);
        var decided = await bed.SubmitAsync(ConversationTestBed.Leader, "list-card", approve);

        Assert.Contains("等待批准", status);
        Assert.Contains("2026年11月26日", status); // October's report, asked on 19 November: a week from the request, not from 31 October
        Assert.Contains("待处理的延期申请", list.GetRawText());
        Assert.Equal("approve", approve[ExtensionDecisionCard.DecisionField]!.GetValue<string>());
        var replaced = Assert.Single(decided.Calls, c => c.Method == "PUT").Card().GetRawText();
        Assert.DoesNotContain("待处理的延期申请", replaced);
        Assert.Contains("11月26日", decided.Single(ConversationTestBed.Student).Text());
        await using var db = bed.Database();
        Assert.Equal(ExtensionStatus.Approved, (await db.Extensions.SingleAsync()).Status);
    }

    [Fact]
    public async Task DecideExtension_AfterTheDueDate_NewDueDateCountsFromTheDecisionDay()
    {
        await using var bed = await ConversationTestBed.StartAsync(new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.FromHours(8)));
        await bed.InstallAsync(ConversationTestBed.Student, ConversationTestBed.Leader);
        var form = (await bed.SayAsync(ConversationTestBed.Student, "交思想汇报")).Single(ConversationTestBed.Student).Card();
        var asked = await bed.SubmitAsync(ConversationTestBed.Student, "form", form.SubmitData(Verbs.ExtensionRequest).With(ReportFormCard.ReasonInput, "实习出差"));
        bed.Time.Advance(TimeSpan.FromDays(3));

        await bed.SubmitAsync(ConversationTestBed.Leader, "decision", asked.Single(ConversationTestBed.Leader).Card().SubmitData(Verbs.ExtensionDecide));

        Assert.Equal("2026-11", form.SubmitData(Verbs.ReportSubmit)["period"]!.GetValue<string>());
        await using var db = bed.Database();
        var extension = await db.Extensions.SingleAsync();
        Assert.Equal(ExtensionStatus.Approved, extension.Status);
        Assert.Equal(new DateOnly(2026, 12, 12), extension.RequestedUntil);
    }

    [Fact]
    public async Task SubmitReport_ProbationaryWithMonthlyAndQuarterlyOpen_ChoosesAndGetsThatForm()
    {
        await using var bed = await ConversationTestBed.StartAsync();
        await bed.InstallAsync(ConversationTestBed.Probationary);

        var choice = (await bed.SayAsync(ConversationTestBed.Probationary, "交思想汇报")).Single(ConversationTestBed.Probationary).Card();
        var quarterly = CardReading.Actions(choice)
            .Select(a => System.Text.Json.Nodes.JsonNode.Parse(a.GetProperty("data").GetRawText())!.AsObject())
            .Single(d => d["kind"]?.GetValue<string>() == "BranchReport");
        var chosen = (await bed.SubmitAsync(ConversationTestBed.Probationary, "choice", quarterly)).Single(ConversationTestBed.Probationary).Card();

        Assert.Contains(CardReading.Actions(choice), a => a.GetProperty("data").GetRawText().Contains("\"ThoughtReport\"", StringComparison.Ordinal));
        var submit = chosen.SubmitData(Verbs.ReportSubmit);
        Assert.Equal(("BranchReport", "2026-Q4"), (submit["kind"]!.GetValue<string>(), submit["period"]!.GetValue<string>()));
    }

    [Fact]
    public async Task ChooseReport_ForgedClosedPeriod_IsRefused()
    {
        await using var bed = await ConversationTestBed.StartAsync();
        await bed.InstallAsync(ConversationTestBed.Probationary);
        var forged = new JsonObject { ["verb"] = Verbs.ReportForm, ["kind"] = "ThoughtReport", ["period"] = "2026-08" };

        var turned = await bed.SubmitAsync(ConversationTestBed.Probationary, "choice", forged);

        Assert.Contains("2026年8月已结束", turned.Single(ConversationTestBed.Probationary).Text());
    }

    [Fact]
    public async Task Excuse_FromTheList_TellsThePersonInTheirLanguageAndUpdatesTheListInPlace()
    {
        await using var bed = await ConversationTestBed.StartAsync();
        await bed.InstallAsync(ConversationTestBed.Leader, ConversationTestBed.Student2);
        await bed.SayAsync(ConversationTestBed.Student2, "my status", "en-US");
        var list = (await bed.SayAsync(ConversationTestBed.Leader, "逾期")).Single(ConversationTestBed.Leader).Card();
        var id = await IdOf(bed, ConversationTestBed.Student2);
        var item = $"ThoughtReport:2026-10:{id}";

        var turned = await bed.SubmitAsync(ConversationTestBed.Leader, "list-card", list.SubmitData(Verbs.OverdueExcuse)
            .With(OverdueListCard.MemberField, id).With(OverdueListCard.ItemInputPrefix + id, item).With(OverdueListCard.ReasonInputPrefix + id, "病假"));

        Assert.Contains(item, list.GetRawText());
        var replaced = Assert.Single(turned.Calls, c => c.Method == "PUT");
        Assert.Equal("list-card", replaced.ActivityId);
        Assert.DoesNotContain(item, replaced.Card().GetRawText());
        var told = turned.Single(ConversationTestBed.Student2).Text();
        Assert.Contains("excused your Thought report", told);
        Assert.Contains("病假", told);
    }

    [Fact]
    public async Task Excuse_PersonCannotBeReached_LeaderIsToldToTellThemInPerson()
    {
        await using var bed = await ConversationTestBed.StartAsync();
        await bed.InstallAsync(ConversationTestBed.Leader);
        var list = (await bed.SayAsync(ConversationTestBed.Leader, "逾期")).Single(ConversationTestBed.Leader).Card();
        var id = await IdOf(bed, ConversationTestBed.Student2);

        var turned = await bed.SubmitAsync(ConversationTestBed.Leader, "list-card", list.SubmitData(Verbs.OverdueExcuse)
            .With(OverdueListCard.MemberField, id).With(OverdueListCard.ItemInputPrefix + id, $"ThoughtReport:2026-10:{id}").With(OverdueListCard.ReasonInputPrefix + id, "病假"));

        Assert.Contains("无法通知李四", turned.Single(ConversationTestBed.Leader).Text());
        await using var db = bed.Database();
        Assert.Equal(1, await db.Excuses.CountAsync());
    }

    [Fact]
    public async Task Excuse_ForgedForAClosedMonth_IsRefusedAndStoresNothing()
    {
        await using var bed = await ConversationTestBed.StartAsync(trackingStartsOn: "2025-11-01");
        await bed.InstallAsync(ConversationTestBed.Leader, ConversationTestBed.Student);
        var list = (await bed.SayAsync(ConversationTestBed.Leader, "逾期")).Single(ConversationTestBed.Leader).Card();
        var id = await IdOf(bed, ConversationTestBed.Student);

        var turned = await bed.SubmitAsync(ConversationTestBed.Leader, "list-card", list.SubmitData(Verbs.OverdueExcuse)
            .With(OverdueListCard.MemberField, id).With(OverdueListCard.ItemInputPrefix + id, $"ThoughtReport:2026-09:{id}").With(OverdueListCard.ReasonInputPrefix + id, "病假"));

        Assert.Contains("2026年9月已结束", turned.Single(ConversationTestBed.Leader).Text());
        Assert.Empty(turned.To(ConversationTestBed.Student));
        await using var db = bed.Database();
        Assert.Equal(0, await db.Excuses.CountAsync());
    }

    [Fact]
    public async Task Nudge_MentorOwingATalk_NamesTheMenteeAndOpensTheTalkFormForThem()
    {
        await using var bed = await ConversationTestBed.StartAsync();
        await bed.InstallAsync(ConversationTestBed.Leader, ConversationTestBed.Mentor);
        var list = (await bed.SayAsync(ConversationTestBed.Leader, "逾期")).Single(ConversationTestBed.Leader).Card();

        var turned = await bed.SubmitAsync(ConversationTestBed.Leader, "list", list.SubmitData(Verbs.OverdueNudge)
            .With(OverdueListCard.MemberField, await IdOf(bed, ConversationTestBed.Mentor)));

        var nudge = turned.Single(ConversationTestBed.Mentor);
        Assert.Contains("与 张三 的谈话", nudge.Text());
        var card = nudge.Card();
        Assert.Equal(Verbs.TalkSubmit, card.SubmitData(Verbs.TalkSubmit)["verb"]!.GetValue<string>());
        Assert.Contains($"\"value\":\"{await IdOf(bed, ConversationTestBed.Student)}\"", card.GetRawText());
    }
}
