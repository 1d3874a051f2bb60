using System.Globalization;
using System.Text.Json.Nodes;
using BranchBot.Bot.Cards;
using BranchBot.Bot.Features.Pipeline;
using BranchBot.Bot.Tests.Conversation;
using BranchBot.Domain;
using BranchBot.Domain.Pipeline;
using BranchBot.Infrastructure.Queries;
using Microsoft.EntityFrameworkCore;
using static BranchBot.Bot.Tests.Conversation.ConversationTestBed;

namespace BranchBot.Bot.Tests.Features;

public sealed class PipelineJourneyTests : IAsyncLifetime
{
    // Today is 2026-11-19: 张三 has been an activist for exactly a year, 李四 for a day less; 王五 is a development
    // target with two introducers; 周六's probation ended on 2026-11-12; three committee members (孙书记, 钱组长, 吴组长) can score a defence.
    private const string PipelineRoster = """
        学号,姓名,邮箱,小组,阶段,阶段开始日期,联系人,职务
        2025001,张三,zhangsan@branch.example,第一小组,积极分子,2025-11-19,T001,
        2025002,李四,lisi@branch.example,第一小组,积极分子,2025-11-20,T001,
        2025003,王五,wangwu@branch.example,第二小组,发展对象,2026-05-01,T001;2023001,
        2024001,周六,zhouliu@branch.example,第一小组,预备党员,2025-11-12,T001,
        T001,赵老师,zhao@branch.example,第一小组,正式党员,2010-07-01,,
        2023001,钱组长,qian@branch.example,第一小组,正式党员,2024-06-01,,组长;宣传委员
        2023002,吴组长,wu@branch.example,第二小组,正式党员,2024-06-01,,组长;纪检委员
        2022001,孙书记,sun@branch.example,第二小组,正式党员,2023-06-01,,书记;组织委员
        """;

    private ConversationTestBed _bed = null!;

    public async Task InitializeAsync()
    {
        _bed = await StartAsync(roster: PipelineRoster);
        await _bed.InstallAsync(Student, Student2, OtherGroupStudent, Probationary, Mentor, Leader, OtherLeader, Secretary);
    }

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    private async Task<string> IdOf(Person person) => (await _bed.MemberIdAsync(person)).ToString(CultureInfo.InvariantCulture);

    private async Task<System.Text.Json.JsonElement> OpenAsync(Person who, string verb, Person subject)
    {
        var turned = await _bed.SubmitAsync(who, null, new JsonObject { ["verb"] = verb, ["subject"] = await IdOf(subject) });
        return turned.Single(who).Card();
    }

    private async Task<JsonObject> DevelopmentFilledAsync(Person subject)
    {
        var card = await OpenAsync(Secretary, Verbs.PipelineDevelopForm, subject);
        return card.SubmitData(Verbs.PipelineDevelopSubmit)
            .With(DevelopmentCard.OpinionsInput, "true")
            .With(DevelopmentCard.DecidedOnInput, "2026-11-19")
            .With(DevelopmentCard.FiledOnInput, "2026-11-19")
            .With(DevelopmentCard.Introducer1Input, await IdOf(Mentor))
            .With(DevelopmentCard.Introducer2Input, await IdOf(Secretary));
    }

    private async Task<(int StageChanges, int Decisions, int Mentors, Stage Stage)> SnapshotAsync(Person person)
    {
        await using var db = _bed.Database();
        var member = await db.Members.AsNoTracking().WithStageHistory().SingleAsync(m => m.StudentNumber == person.StudentNumber);
        return (await db.StageChanges.CountAsync(), await db.StageDecisions.CountAsync(), await db.MentorAssignments.CountAsync(), member.Stage);
    }

    [Fact]
    public async Task Summary_ForCommittee_ListsTheEligibleActivistAndTheDevelopmentTarget()
    {
        var turned = await _bed.SayAsync(Secretary, "支部统计");

        var json = CardReadingText(turned.Single(Secretary).Card());
        Assert.Contains("可确认为发展对象：1 人", json);
        Assert.Contains("张三（2025001，第一小组）：积极分子自 2025年11月19日，尚无考察鉴定记录", json);
        var start = json.IndexOf("可确认为发展对象：1 人", StringComparison.Ordinal);
        var eligible = json[start..json.IndexOf("\"发展对象：1 人", start, StringComparison.Ordinal)];
        Assert.Contains("张三", eligible);
        Assert.DoesNotContain("李四", eligible); // not yet a year as an activist (the quarterly evaluation section names every activist)
        Assert.Contains("王五（2025003，第二小组）：发展对象自 2026年5月1日，答辩已评分 0 人", json);
        Assert.Contains("周六（2024001，第一小组）：预备期至 2026年11月12日", json);
    }

    [Fact]
    public async Task ConfirmDevelopment_ByCommittee_RecordsADatedCommitteeStageChangeAndTellsThePersonAndIntroducers()
    {
        var data = await DevelopmentFilledAsync(Student);

        var turned = await _bed.SubmitAsync(Secretary, "develop-card", data);

        Assert.Contains("已确认：张三 自 2026年11月19日 起为发展对象", Assert.Single(turned.Calls, c => c.Method == "PUT").Card().GetRawText());
        Assert.Contains("支部委员会已于 2026年11月19日 确定你为发展对象，入党介绍人：赵老师、孙书记。", turned.Single(Student).Text());
        Assert.Contains("指定你为 张三 的入党介绍人", turned.Single(Mentor).Text());
        await using var db = _bed.Database();
        var student = await db.Members.AsNoTracking().WithStageHistory().SingleAsync(m => m.StudentNumber == Student.StudentNumber);
        Assert.Equal([(Stage.Activist, new DateOnly(2025, 11, 19), (DateOnly?)new DateOnly(2026, 11, 19)), (Stage.DevelopmentTarget, new DateOnly(2026, 11, 19), null)],
            student.Stages.Select(s => (s.Stage, s.Since, s.Until)).ToArray());
        var change = student.StageChanges.Single(c => c.Stage == Stage.DevelopmentTarget);
        Assert.Equal((StageChangeSource.CommitteeAction, (DateOnly?)new DateOnly(2026, 11, 19)), (change.Source, change.RecordedOn));
        Assert.Equal([(await _bed.MemberIdAsync(Mentor), MentorKind.Introducer), (await _bed.MemberIdAsync(Secretary), MentorKind.Introducer)],
            student.Mentors.OrderBy(m => m.MentorId).Select(m => (m.MentorId, m.Kind)).ToArray());
        var decision = await db.StageDecisions.SingleAsync();
        Assert.Equal((StageDecisionKind.Development, student.Id, new DateOnly(2026, 11, 19), new DateOnly(2026, 11, 19), await _bed.MemberIdAsync(Secretary)),
            (decision.Kind, decision.SubjectId, decision.DecidedOn, decision.ConfirmedOn, decision.RecordedById));

        var members = await db.Members.AsNoTracking().WithStageHistory().ToListAsync();
        var totals = YearlyTotals.Compute(new Branch("支部", TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"), new DateOnly(2026, 10, 1)), members, FactIndex.Empty, 2026);
        Assert.Equal(2, totals.EnteredStageInYear[Stage.DevelopmentTarget]);
        Assert.Equal(2, totals.PeoplePerStage[Stage.DevelopmentTarget]);
    }

    [Fact]
    public async Task ConfirmDevelopment_ClickedTwice_RecordsOneDecision()
    {
        var data = await DevelopmentFilledAsync(Student);
        await _bed.SubmitAsync(Secretary, "develop-card", data);
        var before = await SnapshotAsync(Student);

        var again = await _bed.SubmitAsync(Secretary, "develop-card", data);

        Assert.Contains("已经记录过了", again.Single(Secretary).Text());
        Assert.Equal(before, await SnapshotAsync(Student));
    }

    [Fact]
    public async Task ConfirmDevelopment_ForgedByANonCommitteeMember_IsRefusedAndChangesNothing()
    {
        var data = await DevelopmentFilledAsync(Student);
        var before = await SnapshotAsync(Student);

        var turned = await _bed.SubmitAsync(Mentor, "develop-card", data);

        Assert.Contains("你的角色无权进行此操作", turned.Single(Mentor).Text());
        Assert.Equal(before, await SnapshotAsync(Student));
        Assert.Equal(Stage.Activist, before.Stage);
        Assert.Empty(turned.To(Student));
    }

    [Fact]
    public async Task OpenDevelopment_ForANonCommitteeMember_IsRefused()
    {
        var turned = await _bed.SubmitAsync(Student2, null, new JsonObject { ["verb"] = Verbs.PipelineDevelopForm, ["subject"] = await IdOf(Student) });

        Assert.Contains("你的角色无权进行此操作", turned.Single(Student2).Text());
    }

    [Theory]
    [InlineData(DevelopmentCard.OpinionsInput, "false", "请先听取")]
    [InlineData(DevelopmentCard.DecidedOnInput, "2026-11-20", "还没到")]
    [InlineData(DevelopmentCard.FiledOnInput, "2026-11-18", "报上级党组织备案日期（2026年11月18日）不能早于支委会决定日期（2026年11月19日）")]
    [InlineData(DevelopmentCard.DecidedOnInput, "2026-11-18", "未满一年，2026年11月19日 起才可确定为发展对象")]
    [InlineData(DevelopmentCard.Introducer2Input, "self", "不是正式党员")]
    [InlineData(DevelopmentCard.Introducer2Input, "probationary", "周六 不是正式党员")]
    [InlineData(DevelopmentCard.Introducer2Input, "same", "须是不同的人")]
    [InlineData(DevelopmentCard.SinceField, "2025-11-18", "这张卡片已过时")]
    public async Task ConfirmDevelopment_BadInput_IsRefusedWithTheReasonAndChangesNothing(string field, string value, string expected)
    {
        var data = await DevelopmentFilledAsync(Student);
        value = value switch
        {
            "self" => await IdOf(Student),
            "probationary" => await IdOf(Probationary),
            "same" => await IdOf(Mentor),
            _ => value,
        };
        var before = await SnapshotAsync(Student);

        var turned = await _bed.SubmitAsync(Secretary, "develop-card", data.With(field, value));

        Assert.Contains(expected, turned.Single(Secretary).Text());
        Assert.Equal(before, await SnapshotAsync(Student));
        Assert.Empty(turned.To(Student));
    }

    [Fact]
    public async Task OpenDevelopment_ForAnActivistADayShortOfAYear_SaysFromWhen()
    {
        var turned = await _bed.SubmitAsync(Secretary, null, new JsonObject { ["verb"] = Verbs.PipelineDevelopForm, ["subject"] = await IdOf(Student2) });

        Assert.Contains("李四 成为积极分子未满一年，2026年11月20日 起才可确定为发展对象", turned.Single(Secretary).Text());
    }

    private async Task<Turned> ScoreAsync(Person scorer, int defence, int dailyWork)
    {
        var card = await OpenAsync(scorer, Verbs.PipelineDefenceForm, OtherGroupStudent);
        var data = card.SubmitData(Verbs.PipelineDefenceScore)
            .With(DefenceCard.DefenceInput, defence.ToString(CultureInfo.InvariantCulture))
            .With(DefenceCard.DailyWorkInput, dailyWork.ToString(CultureInfo.InvariantCulture));
        return await _bed.SubmitAsync(scorer, "defence-card", data);
    }

    private async Task<JsonObject> AdmissionFilledAsync()
    {
        var card = await OpenAsync(Secretary, Verbs.PipelineAdmitForm, OtherGroupStudent);
        return card.SubmitData(Verbs.PipelineAdmitSubmit)
            .With(AdmissionCard.MeetingOnInput, "2026-11-12")
            .With(AdmissionCard.ApprovedOnInput, "2026-11-18");
    }

    [Fact]
    public async Task Defence_ThreeScorers_AverageIsThirtySeventyAndTheAdmissionStartsTheProbation()
    {
        await ScoreAsync(Secretary, 80, 90);
        await ScoreAsync(Leader, 85, 72);
        var third = await ScoreAsync(OtherLeader, 60, 70);

        // 87 + 75.9 + 67 = 229.9; / 3 = 76.6333… → 76.63.
        Assert.Contains("60 × 30% + 70 × 70% = 67。已评分 3 人，平均分 76.63。", Assert.Single(third.Calls, c => c.Method == "PUT").Card().GetRawText());
        var form = await OpenAsync(Secretary, Verbs.PipelineAdmitForm, OtherGroupStudent);
        Assert.Contains("公开答辩：3 名支委评分，平均分 76.63，通过。", form.GetRawText());

        var turned = await _bed.SubmitAsync(Secretary, "admit-card", await AdmissionFilledAsync());

        Assert.Contains("预备期一年，至 2027年11月12日", turned.Single(OtherGroupStudent).Text());
        await using var db = _bed.Database();
        var member = await db.Members.AsNoTracking().WithStageHistory().SingleAsync(m => m.StudentNumber == OtherGroupStudent.StudentNumber);
        Assert.Equal((Stage.Probationary, new DateOnly(2026, 11, 12)), (member.Stage, member.StageSince));
        Assert.Equal(new DateOnly(2027, 11, 12), member.ProbationEndsOn);
        var decision = await db.StageDecisions.SingleAsync();
        Assert.Equal((StageDecisionKind.Admission, new DateOnly(2026, 11, 12), new DateOnly(2026, 11, 18)), (decision.Kind, decision.DecidedOn, decision.ConfirmedOn));
        Assert.Equal(3, await db.DefenceScores.CountAsync());
    }

    [Fact]
    public async Task Defence_ScoredAgainByTheSameMember_ReplacesTheirMarks()
    {
        await ScoreAsync(Secretary, 50, 50);

        var again = await ScoreAsync(Secretary, 80, 90);

        Assert.Contains("已评分 1 人，平均分 87.00。", Assert.Single(again.Calls, c => c.Method == "PUT").Card().GetRawText());
        await using var db = _bed.Database();
        var score = await db.DefenceScores.SingleAsync();
        Assert.Equal((80, 90), (score.Defence, score.DailyWork));
    }

    [Theory]
    [InlineData("101", "现场答辩（0–100）须是 0 到 100 之间的整数")]
    [InlineData("-1", "现场答辩（0–100）须是 0 到 100 之间的整数")]
    [InlineData("8.5", "现场答辩（0–100）须是 0 到 100 之间的整数")]
    [InlineData("", "现场答辩（0–100）须是 0 到 100 之间的整数")]
    public async Task Defence_MarkOutOfRange_IsRefusedAndStoresNothing(string mark, string expected)
    {
        var card = await OpenAsync(Secretary, Verbs.PipelineDefenceForm, OtherGroupStudent);
        var data = card.SubmitData(Verbs.PipelineDefenceScore).With(DefenceCard.DefenceInput, mark).With(DefenceCard.DailyWorkInput, "80");

        var turned = await _bed.SubmitAsync(Secretary, "defence-card", data);

        Assert.Contains(expected, turned.Single(Secretary).Text());
        await using var db = _bed.Database();
        Assert.Equal(0, await db.DefenceScores.CountAsync());
    }

    [Fact]
    public async Task Defence_ScoredByANonCommitteeMember_IsRefusedAndStoresNothing()
    {
        var card = await OpenAsync(Secretary, Verbs.PipelineDefenceForm, OtherGroupStudent);
        var data = card.SubmitData(Verbs.PipelineDefenceScore).With(DefenceCard.DefenceInput, "100").With(DefenceCard.DailyWorkInput, "100");

        var turned = await _bed.SubmitAsync(Mentor, "defence-card", data);

        Assert.Contains("你的角色无权进行此操作", turned.Single(Mentor).Text());
        await using var db = _bed.Database();
        Assert.Equal(0, await db.DefenceScores.CountAsync());
    }

    [Fact]
    public async Task Admission_WithTwoScorers_IsRefusedAndChangesNothing()
    {
        await ScoreAsync(Secretary, 100, 100);
        await ScoreAsync(Leader, 100, 100);
        var data = await AdmissionFilledAsync();
        var before = await SnapshotAsync(OtherGroupStudent);

        var turned = await _bed.SubmitAsync(Secretary, "admit-card", data);

        Assert.Contains("王五 还不能接收：公开答辩：2 名支委评分，平均分 100.00，评分人数不足 3 人。", turned.Single(Secretary).Text());
        Assert.Equal(before, await SnapshotAsync(OtherGroupStudent));
        Assert.Equal(Stage.DevelopmentTarget, before.Stage);
    }

    [Fact]
    public async Task Admission_MeetingBeforeTheDevelopmentStage_IsRefused()
    {
        await ScoreAsync(Secretary, 80, 80);
        await ScoreAsync(Leader, 80, 80);
        await ScoreAsync(OtherLeader, 80, 80);
        var data = (await AdmissionFilledAsync()).With(AdmissionCard.MeetingOnInput, "2026-04-30");

        var turned = await _bed.SubmitAsync(Secretary, "admit-card", data);

        Assert.Contains("支部大会通过日期（2026年4月30日）不能早于成为发展对象的日期（2026年5月1日）", turned.Single(Secretary).Text());
        Assert.Equal(Stage.DevelopmentTarget, (await SnapshotAsync(OtherGroupStudent)).Stage);
    }

    private async Task<JsonObject> ProbationFilledAsync(string outcome, string? newEnd = null, string? note = null)
    {
        var card = await OpenAsync(Secretary, Verbs.PipelineProbationForm, Probationary);
        var data = card.SubmitData(Verbs.PipelineProbationSubmit)
            .With(ProbationCard.OutcomeInput, outcome)
            .With(ProbationCard.MeetingOnInput, "2026-11-16");
        if (newEnd is not null) data = data.With(ProbationCard.NewEndInput, newEnd);
        if (note is not null) data = data.With(ProbationCard.NoteInput, note);
        return data;
    }

    [Fact]
    public async Task Conversion_OnTime_MakesAFullMemberFromTheEndOfTheProbation()
    {
        var turned = await _bed.SubmitAsync(Secretary, "probation-card", await ProbationFilledAsync(nameof(ProbationOutcomeChoice.OnTime)));

        Assert.Contains("支部大会同意你按期转正，自 2026年11月12日 起为正式党员。", turned.Single(Probationary).Text());
        await using var db = _bed.Database();
        var member = await db.Members.AsNoTracking().WithStageHistory().SingleAsync(m => m.StudentNumber == Probationary.StudentNumber);
        Assert.Equal((Stage.Full, new DateOnly(2026, 11, 12)), (member.Stage, member.StageSince));
        Assert.Equal(StageChangeSource.CommitteeAction, member.StageChanges.Single(c => c.Stage == Stage.Full).Source);
        var decision = await db.StageDecisions.SingleAsync();
        Assert.Equal((StageDecisionKind.Conversion, new DateOnly(2026, 11, 16)), (decision.Kind, decision.DecidedOn));
    }

    [Fact]
    public async Task Conversion_Postponed_RecordsTheNewEndKeepsTheStageAndOnTimeIsThenTooEarly()
    {
        var turned = await _bed.SubmitAsync(Secretary, "probation-card", await ProbationFilledAsync(nameof(ProbationOutcomeChoice.Postponed), "2027-05-12", "理论学习不够"));

        Assert.Contains("支部大会决定延长你的预备期，至 2027年5月12日。", turned.Single(Probationary).Text());
        var before = await SnapshotAsync(Probationary);
        Assert.Equal(Stage.Probationary, before.Stage);
        var again = await _bed.SubmitAsync(Secretary, "probation-card-2", await ProbationFilledAsync(nameof(ProbationOutcomeChoice.OnTime)));
        Assert.Contains("周六 的预备期 2027年5月12日 才满", again.Single(Secretary).Text());
        Assert.Equal(before, await SnapshotAsync(Probationary));
        await using var db = _bed.Database();
        var decision = await db.StageDecisions.SingleAsync();
        Assert.Equal((StageDecisionKind.Postponement, (DateOnly?)new DateOnly(2027, 5, 12), "理论学习不够"), (decision.Kind, decision.NewEnd, decision.Note));
    }

    [Theory]
    [InlineData(nameof(ProbationOutcomeChoice.Postponed), null, "请填写：延长后的预备期截止日期")]
    [InlineData(nameof(ProbationOutcomeChoice.Postponed), "2026-11-12", "须晚于 2026年11月12日，且不晚于 2027年11月12日")]
    [InlineData(nameof(ProbationOutcomeChoice.Postponed), "2027-11-13", "须晚于 2026年11月12日，且不晚于 2027年11月12日")]
    [InlineData(nameof(ProbationOutcomeChoice.Other), null, "请填写：说明")]
    [InlineData(nameof(ProbationOutcomeChoice.OnTime), "2027-05-12", "只有延长预备期时才填写新的截止日期")]
    [InlineData("Cancelled", null, "请从选项中选择一项")]
    public async Task Conversion_BadInput_IsRefusedAndChangesNothing(string outcome, string? newEnd, string expected)
    {
        var data = await ProbationFilledAsync(outcome, newEnd);
        var before = await SnapshotAsync(Probationary);

        var turned = await _bed.SubmitAsync(Secretary, "probation-card", data);

        Assert.Contains(expected, turned.Single(Secretary).Text());
        Assert.Equal(before, await SnapshotAsync(Probationary));
        Assert.Empty(turned.To(Probationary));
    }

    [Fact]
    public async Task Conversion_ForgedByANonCommitteeMember_IsRefused()
    {
        var data = await ProbationFilledAsync(nameof(ProbationOutcomeChoice.OnTime));
        var before = await SnapshotAsync(Probationary);

        var turned = await _bed.SubmitAsync(Probationary, "probation-card", data);

        Assert.Contains("你的角色无权进行此操作", turned.Single(Probationary).Text());
        Assert.Equal(before, await SnapshotAsync(Probationary));
    }

    private static string CardReadingText(System.Text.Json.JsonElement card) => Turned.Decode(card.GetRawText());
}
