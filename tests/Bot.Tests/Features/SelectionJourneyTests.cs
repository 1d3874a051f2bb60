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

public sealed class SelectionJourneyTests : IAsyncLifetime
{
    // Today is Thursday 2026-11-19 (2026-Q4). 李四 is an applicant (入党申请人) since 2026-03-01; 张三 an activist since
    // 2025-09-01 with 赵老师 as mentor; 孙书记 is on the committee, 钱组长 leads a group and is on the committee too.
    private const string SelectionRoster = """
        学号,姓名,邮箱,小组,阶段,阶段开始日期,联系人,职务
        2025001,张三,zhangsan@branch.example,第一小组,积极分子,2025-09-01,T001,
        2025002,李四,lisi@branch.example,第一小组,入党申请人,2026-03-01,,
        2024001,周六,zhouliu@branch.example,第一小组,预备党员,2026-06-01,T001,
        T001,赵老师,zhao@branch.example,第一小组,正式党员,2010-07-01,,
        2023001,钱组长,qian@branch.example,第一小组,正式党员,2024-06-01,,组长;宣传委员
        2022001,孙书记,sun@branch.example,第二小组,正式党员,2023-06-01,,书记;组织委员
        """;

    private ConversationTestBed _bed = null!;

    public async Task InitializeAsync()
    {
        _bed = await StartAsync(roster: SelectionRoster);
        await _bed.InstallAsync(Student, Student2, Probationary, Mentor, Leader, Secretary);
    }

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    private static string CardReadingText(System.Text.Json.JsonElement card) => Turned.Decode(card.GetRawText());

    private async Task<string> IdOf(Person person) => (await _bed.MemberIdAsync(person)).ToString(CultureInfo.InvariantCulture);

    private void Today(string date) => _bed.Time.SetUtcNow(new DateTimeOffset(DateOnly.Parse(date, CultureInfo.InvariantCulture).ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(8)));

    private async Task<System.Text.Json.JsonElement> OpenAsync(Person who, string verb, string field, string value)
    {
        var turned = await _bed.SubmitAsync(who, null, new JsonObject { ["verb"] = verb, [field] = value });
        return turned.Single(who).Card();
    }

    private async Task<JsonObject> NominationFilledAsync()
    {
        var card = await OpenAsync(Secretary, Verbs.SelectionNominateForm, DevelopmentCard.SubjectField, await IdOf(Student2));
        return card.SubmitData(Verbs.SelectionNominateSubmit)
            .With(NominationCard.RecommendedByInput, nameof(Recommender.Member))
            .With(NominationCard.RecommenderInput, await IdOf(Leader))
            .With(NominationCard.DecidedOnInput, "2026-11-18");
    }

    /// <summary>The committee puts 李四 up; returns the turn (the notice went to everyone) and the notice card 张三 got.</summary>
    private async Task<(Turned Turned, System.Text.Json.JsonElement Notice)> NominateAsync()
    {
        var turned = await _bed.SubmitAsync(Secretary, "nominate-card", await NominationFilledAsync());
        var notice = turned.To(Student).Single(c => c.Method == "POST" && c.HasCard()).Card();
        return (turned, notice);
    }

    private async Task<Turned> ObjectAsync(Person who, System.Text.Json.JsonElement notice, string reason) =>
        await _bed.SubmitAsync(who, "notice-card", notice.SubmitData(Verbs.SelectionObject).With(NoticeCard.ReasonInput, reason));

    private async Task<string> SelectionIdAsync()
    {
        await using var db = _bed.Database();
        return (await db.Selections.SingleAsync()).Id.ToString(CultureInfo.InvariantCulture);
    }

    private async Task<string> ObjectionIdAsync()
    {
        await using var db = _bed.Database();
        return (await db.SelectionObjections.SingleAsync()).Id.ToString(CultureInfo.InvariantCulture);
    }

    private async Task<Turned> ResolveAsync(ObjectionResolution resolution, string note = "")
    {
        var card = await OpenAsync(Secretary, Verbs.SelectionObjectionForm, ObjectionCard.ObjectionField, await ObjectionIdAsync());
        var data = card.SubmitData(Verbs.SelectionObjectionResolve).With(ObjectionCard.ResolutionInput, resolution.ToString());
        return await _bed.SubmitAsync(Secretary, "objection-card", note.Length > 0 ? data.With(ObjectionCard.NoteInput, note) : data);
    }

    private async Task<Turned> ConcludeAsync(string filedOn, Person? mentor = null)
    {
        var card = await OpenAsync(Secretary, Verbs.SelectionConcludeForm, NoticeCard.SelectionField, await SelectionIdAsync());
        var data = card.SubmitData(Verbs.SelectionConcludeSubmit).With(ConclusionCard.FiledOnInput, filedOn);
        return await _bed.SubmitAsync(Secretary, "conclude-card", mentor is null ? data : data.With(ConclusionCard.MentorInput, await IdOf(mentor)));
    }

    private async Task<(int Selections, int Objections, int Open, int StageChanges, int Evaluations, int Decisions, Stage Stage)> SnapshotAsync(Person person)
    {
        await using var db = _bed.Database();
        var member = await db.Members.AsNoTracking().SingleAsync(m => m.StudentNumber == person.StudentNumber);
        return (await db.Selections.CountAsync(), await db.SelectionObjections.CountAsync(), await db.SelectionObjections.CountAsync(o => o.Resolution == null),
            await db.StageChanges.CountAsync(), await db.Evaluations.CountAsync(), await db.StageDecisions.CountAsync(), member.Stage);
    }

    [Fact]
    public async Task Summary_ForCommittee_ListsTheApplicantAndTheActivistWhoseLastQuarterIsNotEvaluated()
    {
        var turned = await _bed.SayAsync(Secretary, "支部统计");

        var json = CardReadingText(turned.Single(Secretary).Card());
        Assert.Contains("入党申请人：1 人", json);
        Assert.Contains("李四（2025002，第一小组）：申请人自 2026年3月1日", json);
        Assert.Contains("2026年第3季度 考察鉴定未记录：1 人", json);
        Assert.Contains("张三（2025001，第一小组）：积极分子自 2025年9月1日", json);
    }

    [Fact]
    public async Task Nominate_ByCommittee_RecordsTheRecommenderAndDecisionAndSendsAWeekLongNoticeToTheRoster()
    {
        var (turned, notice) = await NominateAsync();

        Assert.Contains("已记录：李四 的公示自 2026年11月19日 起至 2026年11月25日，已发给 5 人。", Assert.Single(turned.Calls, c => c.Method == "PUT").Card().GetRawText());
        Assert.Contains("支部委员会拟确定 李四（第一小组）为入党积极分子，公示期 2026年11月19日 至 2026年11月25日", CardReadingText(notice));
        Assert.Contains("公示期 2026年11月19日 至 2026年11月25日", turned.Single(Student2).Text());
        foreach (var other in new[] { Probationary, Mentor, Leader })
            Assert.Contains("入党积极分子公示", CardReadingText(turned.To(other).Single(c => c.Method == "POST").Card()));
        await using var db = _bed.Database();
        var selection = await db.Selections.SingleAsync();
        Assert.Equal((await _bed.MemberIdAsync(Student2), Recommender.Member, (int?)await _bed.MemberIdAsync(Leader), new DateOnly(2026, 11, 18),
                new DateOnly(2026, 11, 19), new DateOnly(2026, 11, 25), await _bed.MemberIdAsync(Secretary), (SelectionOutcome?)null),
            (selection.SubjectId, selection.RecommendedBy, selection.RecommenderId, selection.DecidedOn, selection.NoticeStartsOn, selection.NoticeEndsOn, selection.RecordedById, selection.Outcome));
        Assert.Equal(Stage.Applicant, (await db.Members.SingleAsync(m => m.StudentNumber == Student2.StudentNumber)).Stage);
    }

    [Fact]
    public async Task Nominate_ClickedTwice_RecordsOneSelectionAndOneNotice()
    {
        var data = await NominationFilledAsync();
        await _bed.SubmitAsync(Secretary, "nominate-card", data);
        var before = await SnapshotAsync(Student2);

        var again = await _bed.SubmitAsync(Secretary, "nominate-card", data);

        Assert.Contains("已经记录过了", again.Single(Secretary).Text());
        Assert.Equal(before, await SnapshotAsync(Student2));
        Assert.Empty(again.To(Student));
    }

    [Theory]
    [InlineData(NominationCard.RecommenderInput, "", "党员推荐须选择推荐的党员")]
    [InlineData(NominationCard.RecommenderInput, "self", "李四 不是党员，不能作为推荐人")]
    [InlineData(NominationCard.RecommendedByInput, "Party", "请从选项中选择一项")]
    [InlineData(NominationCard.DecidedOnInput, "2026-11-20", "还没到")]
    [InlineData(DevelopmentCard.SinceField, "2026-02-01", "这张卡片已过时")]
    public async Task Nominate_BadInput_IsRefusedWithTheReasonAndChangesNothing(string field, string value, string expected)
    {
        var data = await NominationFilledAsync();
        if (value == "self") value = await IdOf(Student2);
        var before = await SnapshotAsync(Student2);

        var turned = await _bed.SubmitAsync(Secretary, "nominate-card", value.Length == 0 ? Without(data, field) : data.With(field, value));

        var text = turned.Single(Secretary).Text();
        Assert.NotEmpty(text);
        Assert.Contains(expected, text);
        Assert.Equal(before, await SnapshotAsync(Student2));
        Assert.Empty(turned.To(Student));
    }

    private static JsonObject Without(JsonObject data, string field)
    {
        var copy = JsonNode.Parse(data.ToJsonString())!.AsObject();
        copy.Remove(field);
        return copy;
    }

    [Fact]
    public async Task Nominate_ForgedByANonCommitteeMemberOrForAnActivist_IsRefusedAndChangesNothing()
    {
        var data = await NominationFilledAsync();
        var before = await SnapshotAsync(Student2);

        var forged = await _bed.SubmitAsync(Mentor, "nominate-card", data);
        var activist = await _bed.SubmitAsync(Secretary, null, new JsonObject { ["verb"] = Verbs.SelectionNominateForm, ["subject"] = await IdOf(Student) });

        Assert.Contains("你的角色无权进行此操作", forged.Single(Mentor).Text());
        Assert.Contains("张三 现在是入党积极分子，不是入党申请人", activist.Single(Secretary).Text());
        Assert.Equal(before, await SnapshotAsync(Student2));
    }

    [Fact]
    public async Task Notice_EndedWithoutObjection_CommitteeConcludesAndThePersonIsAnActivistFromTheNextDayWithMentorAndFiling()
    {
        await NominateAsync();
        Today("2026-11-25");
        var early = await _bed.SubmitAsync(Secretary, null, new JsonObject { ["verb"] = Verbs.SelectionConcludeForm, ["selection"] = await SelectionIdAsync() });
        Assert.Contains("李四 的公示到 2026年11月25日 才结束", early.Single(Secretary).Text());

        Today("2026-11-27");
        var summary = CardReadingText((await _bed.SayAsync(Secretary, "支部统计")).Single(Secretary).Card());
        Assert.Contains("李四（2025002）：公示 2026年11月19日 至 2026年11月25日，公示期满无异议，待确认", summary);
        var turned = await ConcludeAsync("2026-11-27", Mentor);

        Assert.Contains("已确认：李四 自 2026年11月26日 起为入党积极分子，2026年11月27日 报上级党组织备案。培养联系人：赵老师。", Assert.Single(turned.Calls, c => c.Method == "PUT").Card().GetRawText());
        Assert.Contains("你自 2026年11月26日 起为入党积极分子", turned.Single(Student2).Text());
        Assert.Contains("指定你为入党积极分子 李四 的培养联系人", turned.Single(Mentor).Text());
        await using var db = _bed.Database();
        var member = await db.Members.AsNoTracking().WithStageHistory().SingleAsync(m => m.StudentNumber == Student2.StudentNumber);
        Assert.Equal([(Stage.Applicant, new DateOnly(2026, 3, 1), (DateOnly?)new DateOnly(2026, 11, 26)), (Stage.Activist, new DateOnly(2026, 11, 26), null)],
            member.Stages.Select(s => (s.Stage, s.Since, s.Until)).ToArray());
        Assert.Equal(StageChangeSource.CommitteeAction, member.StageChanges.Single(c => c.Stage == Stage.Activist).Source);
        Assert.Equal([(await _bed.MemberIdAsync(Mentor), MentorKind.Mentor)], member.Mentors.Select(m => (m.MentorId, m.Kind)).ToArray());
        var selection = await db.Selections.SingleAsync();
        Assert.Equal((SelectionOutcome.Admitted, (DateOnly?)new DateOnly(2026, 11, 26), (DateOnly?)new DateOnly(2026, 11, 27), (int?)await _bed.MemberIdAsync(Secretary)),
            (selection.Outcome!.Value, selection.OutcomeOn, selection.FiledUpwardOn, selection.ConcludedById));

        var twice = await _bed.SubmitAsync(Secretary, null, new JsonObject { ["verb"] = Verbs.SelectionConcludeForm, ["selection"] = await SelectionIdAsync() });
        Assert.Contains("已经记录过了", twice.Single(Secretary).Text());
    }

    [Fact]
    public async Task MyStatus_ForTheCandidate_ShowsTheNoticeWhileItRunsIsHeldOrWaitsAndNeverTheObjection()
    {
        var (_, notice) = await NominateAsync();
        Today("2026-11-20");
        var running = CardReadingText((await _bed.SayAsync(Student2, "我的状态")).Single(Student2).Card());
        Assert.Contains("入党积极分子公示：2026年11月19日 至 2026年11月25日，公示中", running);

        Today("2026-11-24");
        await ObjectAsync(Student, notice, "他上学期多次无故缺席班级活动。");
        var held = CardReadingText((await _bed.SayAsync(Student2, "我的状态")).Single(Student2).Card());
        Assert.Contains("入党积极分子公示：2026年11月19日 至 2026年11月25日，有异议待处理，决定暂缓", held);
        Assert.DoesNotContain("多次无故缺席", held);
        Assert.DoesNotContain("张三", held);

        await ResolveAsync(ObjectionResolution.Dismissed);
        Today("2026-11-27");
        var ready = CardReadingText((await _bed.SayAsync(Student2, "my status")).Single(Student2).Card());
        Assert.Contains("public notice as an activist candidate", ready);
        Assert.Contains("to be concluded", ready);

        await ConcludeAsync("2026-11-27");
        var admitted = CardReadingText((await _bed.SayAsync(Student2, "我的状态")).Single(Student2).Card());
        Assert.DoesNotContain("入党积极分子公示", admitted);
        Assert.DoesNotContain("入党积极分子公示", CardReadingText((await _bed.SayAsync(Student, "我的状态")).Single(Student).Card()));
    }

    [Fact]
    public async Task Objection_DuringTheNotice_HoldsTheDecisionUntilDismissedThenTheActivistStageStartsOnTheDismissal()
    {
        var (_, notice) = await NominateAsync();
        Today("2026-11-24");
        var objected = await ObjectAsync(Student, notice, "他上学期多次无故缺席班级活动。");

        Assert.Contains("已记录你对 李四 公示的异议", Assert.Single(objected.Calls, c => c.Method == "PUT").Card().GetRawText());
        var toCommittee = CardReadingText(objected.To(Secretary).Single(c => c.Method == "POST").Card());
        Assert.Contains("张三 对 李四 的公示提出了异议", toCommittee);
        Assert.Contains("他上学期多次无故缺席班级活动。", toCommittee);
        Assert.Contains("张三 对 李四 的公示提出了异议", CardReadingText(objected.To(Leader).Single(c => c.Method == "POST").Card()));

        Today("2026-11-27");
        var held = await _bed.SubmitAsync(Secretary, null, new JsonObject { ["verb"] = Verbs.SelectionConcludeForm, ["selection"] = await SelectionIdAsync() });
        Assert.Contains("李四 的公示有未处理的异议，请先处理异议", held.Single(Secretary).Text());
        Assert.Equal(Stage.Applicant, (await SnapshotAsync(Student2)).Stage);

        var dismissed = await ResolveAsync(ObjectionResolution.Dismissed);
        Assert.Contains("异议不成立", dismissed.Single(Student).Text());
        Assert.Empty(dismissed.To(Student2));
        Today("2026-11-28");
        await ConcludeAsync("2026-11-28");

        await using var db = _bed.Database();
        var member = await db.Members.AsNoTracking().WithStageHistory().SingleAsync(m => m.StudentNumber == Student2.StudentNumber);
        Assert.Equal((Stage.Activist, new DateOnly(2026, 11, 27)), (member.Stage, member.StageSince));
        var objection = await db.SelectionObjections.SingleAsync();
        Assert.Equal((await _bed.MemberIdAsync(Student), "他上学期多次无故缺席班级活动。", (ObjectionResolution?)ObjectionResolution.Dismissed, (DateOnly?)new DateOnly(2026, 11, 27)),
            (objection.ObjectorId, objection.Reason, objection.Resolution, objection.ResolvedOn));
    }

    [Fact]
    public async Task Objection_Upheld_ThePersonIsNotAdmittedAndIsToldWhy()
    {
        var (_, notice) = await NominateAsync();
        await ObjectAsync(Student, notice, "理由");

        var turned = await ResolveAsync(ObjectionResolution.Upheld, "经核实属实");

        Assert.Contains("经核实属实", turned.Single(Student2).Text());
        Assert.Contains("核实成立", turned.Single(Student).Text());
        await using var db = _bed.Database();
        Assert.Equal(SelectionOutcome.NotAdmitted, (await db.Selections.SingleAsync()).Outcome);
        Assert.Equal(Stage.Applicant, (await SnapshotAsync(Student2)).Stage);
        Today("2026-11-27");
        var conclude = await _bed.SubmitAsync(Secretary, null, new JsonObject { ["verb"] = Verbs.SelectionConcludeForm, ["selection"] = await SelectionIdAsync() });
        Assert.Contains("李四 的公示已经结束", conclude.Single(Secretary).Text());
    }

    [Fact]
    public async Task Objection_UpheldWithoutANote_IsRefusedAndChangesNothing()
    {
        var (_, notice) = await NominateAsync();
        await ObjectAsync(Student, notice, "理由");
        var before = await SnapshotAsync(Student2);

        var turned = await ResolveAsync(ObjectionResolution.Upheld);

        Assert.Contains("请填写", turned.Single(Secretary).Text());
        Assert.Equal(before, await SnapshotAsync(Student2));
    }

    [Fact]
    public async Task Objection_AfterTheNoticeOrWithoutAReasonOrTwice_IsRefusedAndChangesNothing()
    {
        var (_, notice) = await NominateAsync();
        var data = notice.SubmitData(Verbs.SelectionObject);
        var noReason = await _bed.SubmitAsync(Student, "notice-card", data);
        await ObjectAsync(Student, notice, "理由");
        var before = await SnapshotAsync(Student2);

        var twice = await ObjectAsync(Student, notice, "理由");
        Today("2026-11-26");
        var late = await ObjectAsync(Probationary, notice, "理由");

        Assert.Contains("异议理由", noReason.Single(Student).Text());
        Assert.Contains("已经记录过了", twice.Single(Student).Text());
        Assert.Contains("现在不在公示期内，异议未记录", late.Single(Probationary).Text());
        Assert.Equal(before, await SnapshotAsync(Student2));
        Assert.Equal((1, 1), (before.Objections, before.Open));
    }

    private async Task<Turned> EvaluateAsync(string quarter, EvaluationChoice result, string notes = "")
    {
        var card = await OpenAsync(Secretary, Verbs.ActivistEvaluateForm, DevelopmentCard.SubjectField, await IdOf(Student));
        var data = card.SubmitData(Verbs.ActivistEvaluateSubmit)
            .With(ActivistEvaluationCard.QuarterInput, quarter)
            .With(ActivistEvaluationCard.ResultInput, result.ToString());
        return await _bed.SubmitAsync(Secretary, "evaluation-card", notes.Length > 0 ? data.With(ActivistEvaluationCard.NotesInput, notes) : data);
    }

    [Fact]
    public async Task Evaluate_NeedsImprovementTwiceInARow_TellsTheActivistWhatToFixAndFlagsNoProgressThenTheCommitteeStopsCultivation()
    {
        var first = await EvaluateAsync("2026-Q3", EvaluationChoice.NeedsImprovement, "思想汇报不按时");

        Assert.Contains("你 2026年第3季度 的考察鉴定结果：需改进。需改进之处：思想汇报不按时", first.Single(Student).Text());
        Assert.DoesNotContain("无进步", first.Calls.Single(c => c.Method == "PUT").Card().GetRawText());
        var tooEarly = await _bed.SubmitAsync(Secretary, null, new JsonObject { ["verb"] = Verbs.ActivistStopForm, ["subject"] = await IdOf(Student) });
        Assert.Contains("还不能停止培养", tooEarly.Single(Secretary).Text());

        var second = await EvaluateAsync("2026-Q4", EvaluationChoice.NeedsImprovement, "仍不按时");
        Assert.Contains("连续两次需改进（无进步）", second.Calls.Single(c => c.Method == "PUT").Card().GetRawText());
        var summary = CardReadingText((await _bed.SayAsync(Secretary, "支部统计")).Single(Secretary).Card());
        Assert.Contains("考察连续需改进（无进步）：1 人", summary);

        var stopCard = await OpenAsync(Secretary, Verbs.ActivistStopForm, DevelopmentCard.SubjectField, await IdOf(Student));
        Assert.Contains("思想汇报不按时", CardReadingText(stopCard));
        var stopped = await _bed.SubmitAsync(Secretary, "stop-card", stopCard.SubmitData(Verbs.ActivistStopSubmit)
            .With(StopCard.DecidedOnInput, "2026-11-19").With(StopCard.ReasonInput, "连续两个季度考察需改进，经谈话仍无进步"));

        Assert.Contains("已记录：张三 自 2026年11月19日 起停止培养", stopped.Calls.Single(c => c.Method == "PUT").Card().GetRawText());
        Assert.Contains("理由：连续两个季度考察需改进，经谈话仍无进步", stopped.Single(Student).Text());
        Assert.Contains("你不再是其培养联系人", stopped.Single(Mentor).Text());
        await using var db = _bed.Database();
        var member = await db.Members.AsNoTracking().WithStageHistory().SingleAsync(m => m.StudentNumber == Student.StudentNumber);
        Assert.Equal([(Stage.Activist, new DateOnly(2025, 9, 1), (DateOnly?)new DateOnly(2026, 11, 19)), (Stage.Applicant, new DateOnly(2026, 11, 19), null)],
            member.Stages.Select(s => (s.Stage, s.Since, s.Until)).ToArray());
        Assert.Empty(member.Mentors);
        var decision = await db.StageDecisions.SingleAsync();
        Assert.Equal((StageDecisionKind.Stopped, "连续两个季度考察需改进，经谈话仍无进步", member.Id), (decision.Kind, decision.Note, decision.SubjectId));
        Assert.Equal([(new DateOnly(2026, 7, 1), false), (new DateOnly(2026, 10, 1), false)],
            (await db.Evaluations.OrderBy(e => e.Id).ToListAsync()).Select(e => (e.Period.Start, e.Passed)).ToArray());

        var again = await _bed.SubmitAsync(Secretary, "stop-card", stopCard.SubmitData(Verbs.ActivistStopSubmit)
            .With(StopCard.DecidedOnInput, "2026-11-19").With(StopCard.ReasonInput, "再次"));
        Assert.Contains("已经记录过了", again.Single(Secretary).Text());
        Assert.Equal(1, await db.StageDecisions.CountAsync());
    }

    [Fact]
    public async Task Evaluate_Passed_TellsTheActivistAndCountsInTheYearsFigures()
    {
        var turned = await EvaluateAsync("2026-Q3", EvaluationChoice.Passed);

        Assert.Contains("你 2026年第3季度 的考察鉴定结果：合格。", turned.Single(Student).Text());
        await using var db = _bed.Database();
        var evaluation = await db.Evaluations.SingleAsync();
        Assert.Equal((ObligationKind.ActivistEvaluation, "2026-Q3", true, await _bed.MemberIdAsync(Secretary)), (evaluation.Kind, evaluation.Period.Key, evaluation.Passed, evaluation.RecordedById));
        var summary = CardReadingText((await _bed.SayAsync(Secretary, "支部统计")).Single(Secretary).Card());
        Assert.DoesNotContain("考察鉴定未记录", summary);
    }

    [Theory]
    [InlineData("2026-Q4", EvaluationChoice.NeedsImprovement, "", "请写明需改进之处")]
    [InlineData("2026-Q2", EvaluationChoice.Passed, "", "只能记录本季度或上季度")]
    [InlineData("2027-Q1", EvaluationChoice.Passed, "", "只能记录本季度或上季度")]
    public async Task Evaluate_BadInput_IsRefusedWithTheReasonAndChangesNothing(string quarter, EvaluationChoice result, string notes, string expected)
    {
        var before = await SnapshotAsync(Student);

        var turned = await EvaluateAsync(quarter, result, notes);

        Assert.Contains(expected, turned.Single(Secretary).Text());
        Assert.Equal(before, await SnapshotAsync(Student));
        Assert.Empty(turned.To(Student));
    }

    [Fact]
    public async Task Evaluate_ClickedTwice_RecordsOneEvaluation()
    {
        var card = await OpenAsync(Secretary, Verbs.ActivistEvaluateForm, DevelopmentCard.SubjectField, await IdOf(Student));
        var data = card.SubmitData(Verbs.ActivistEvaluateSubmit).With(ActivistEvaluationCard.QuarterInput, "2026-Q3").With(ActivistEvaluationCard.ResultInput, nameof(EvaluationChoice.Passed));
        await _bed.SubmitAsync(Secretary, "evaluation-card", data);
        var before = await SnapshotAsync(Student);

        var again = await _bed.SubmitAsync(Secretary, "evaluation-card", data);
        var forged = await _bed.SubmitAsync(Mentor, "evaluation-card", data.With(ActivistEvaluationCard.QuarterInput, "2026-Q4"));

        Assert.Contains("已经记录过了", again.Single(Secretary).Text());
        Assert.Contains("你的角色无权进行此操作", forged.Single(Mentor).Text());
        Assert.Equal(before, await SnapshotAsync(Student));
    }
}
