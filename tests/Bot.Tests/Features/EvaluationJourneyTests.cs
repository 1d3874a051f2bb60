using System.Globalization;
using System.Text.Json.Nodes;
using BranchBot.Bot.Cards;
using BranchBot.Bot.Conversation;
using BranchBot.Bot.Features.Evaluations;
using BranchBot.Bot.Tests.Conversation;
using BranchBot.Domain;
using BranchBot.Domain.Evaluations;
using BranchBot.Domain.Statistics;
using BranchBot.Infrastructure.Queries;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static BranchBot.Bot.Tests.Conversation.ConversationTestBed;

namespace BranchBot.Bot.Tests.Features;

public sealed class EvaluationJourneyTests : IAsyncLifetime
{
    // Today is 2026-11-19. 周六's probation began on 2025-11-12: its second half year ended on 2026-11-11, so round 2
    // is due. The other full and probationary members of 第一小组 (赵老师, 钱组长, 李四) are the peers (3 needed);
    // the activist 张三 is not. 吴组长 is the discipline member, who gets the branch card; 孙书记 opens.
    private const string EvaluationRoster = """
        学号,姓名,邮箱,小组,阶段,阶段开始日期,联系人,职务
        2025001,张三,zhangsan@branch.example,第一小组,积极分子,2025-11-19,T001,
        2025002,李四,lisi@branch.example,第一小组,正式党员,2025-06-01,,
        2025003,王五,wangwu@branch.example,第二小组,发展对象,2026-05-01,T001;2023001,
        2024001,周六,zhouliu@branch.example,第一小组,预备党员,2025-11-12,T001;2023001,
        T001,赵老师,zhao@branch.example,第一小组,正式党员,2010-07-01,,
        2023001,钱组长,qian@branch.example,第一小组,正式党员,2024-06-01,,组长;宣传委员
        2023002,吴组长,wu@branch.example,第二小组,正式党员,2024-06-01,,组长;纪检委员
        2022001,孙书记,sun@branch.example,第二小组,正式党员,2023-06-01,,书记;组织委员
        """;

    private static readonly Person Peer3 = Student2;

    private ConversationTestBed _bed = null!;

    public async Task InitializeAsync()
    {
        _bed = await StartAsync(roster: EvaluationRoster);
        await _bed.InstallAsync(Student, Student2, OtherGroupStudent, Probationary, Mentor, Leader, OtherLeader, Secretary);
    }

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    private async Task<string> IdOf(Person person) => (await _bed.MemberIdAsync(person)).ToString(CultureInfo.InvariantCulture);

    /// <summary>The secretary types 半年考察, picks 周六 and opens the round; returns the opening turn (cards delivered in it).</summary>
    private async Task<Turned> OpenRoundAsync()
    {
        var card = (await _bed.SayAsync(Secretary, "半年考察")).Single(Secretary).Card();
        var data = card.SubmitData(Verbs.EvaluationsOpen).With(EvaluationsCard.SubjectInput, await IdOf(Probationary));
        return await _bed.SubmitAsync(Secretary, "evaluations-card", data);
    }

    private static JsonObject Rating(Turned opened, Person to, string score, string? text = null)
    {
        var data = opened.Single(to).Card().SubmitData(Verbs.EvaluationsRate).With(RatingCard.ScoreInput, score);
        return text is null ? data : data.With(RatingCard.TextInput, text);
    }

    private async Task<(int Rounds, int Ratings, int Evaluations, int Closed)> SnapshotAsync()
    {
        await using var db = _bed.Database();
        return (await db.EvaluationRounds.CountAsync(), await db.EvaluationRatings.CountAsync(), await db.Evaluations.CountAsync(),
            await db.EvaluationRounds.CountAsync(r => r.ClosedAt != null));
    }

    [Fact]
    public async Task OpenRound_ByCommittee_SendsTheSelfCardToTheMemberPeerCardsToTheGroupAndTheBranchCardToTheDisciplineMember()
    {
        var opened = await OpenRoundAsync();

        Assert.Contains("已发起 周六 的第 2 次半年综合考察", Turned.Decode(Assert.Single(opened.Calls, c => c.Method == "PUT").Card().GetRawText()));
        Assert.Contains("自我评价", Turned.Decode(opened.Single(Probationary).Card().GetRawText()));
        foreach (var peer in new[] { Mentor, Leader, Peer3 })
            Assert.Contains("为 周六 评分", Turned.Decode(opened.Single(peer).Card().GetRawText()));
        Assert.Contains("支部对 周六 的评议", Turned.Decode(opened.Single(OtherLeader).Card().GetRawText()));
        Assert.Empty(opened.To(Student));
        await using var db = _bed.Database();
        var round = await db.EvaluationRounds.SingleAsync();
        Assert.Equal((await _bed.MemberIdAsync(Probationary), new DateOnly(2025, 11, 12), 2, 3), (round.SubjectId, round.ProbationSince, round.Number, round.PeersNeeded));
        Assert.Equal(5, await db.ReminderDeliveries.CountAsync(d => d.Kind == ObligationKind.ProbationaryEvaluation));
    }

    [Fact]
    public async Task AllThreeParts_In_RecordTheWeightedResultAsTheProbationaryEvaluationAndTellTheMember()
    {
        var opened = await OpenRoundAsync();

        var self = await _bed.SubmitAsync(Probationary, "self-card", Rating(opened, Probationary, "90", "这半年我认真学习了党章。"));
        Assert.Contains("已收到你第 2 次半年考察的自我评价：90.00 分", Turned.Decode(Assert.Single(self.Calls, c => c.Method == "PUT").Card().GetRawText()));
        await _bed.SubmitAsync(Mentor, "peer-card", Rating(opened, Mentor, "80"));
        await _bed.SubmitAsync(Leader, "peer-card", Rating(opened, Leader, "85.5"));
        await _bed.SubmitAsync(Peer3, "peer-card", Rating(opened, Peer3, "70", "多参加组织生活"));

        // The committee's card shows the peers only as a count and a mean (235.5 / 3 = 78.50).
        var overview = Turned.Decode((await _bed.SayAsync(Secretary, "半年考察")).Single(Secretary).Card().GetRawText());
        Assert.Contains("周六 第 2 次：自评 已交 · 互评 3/3（平均 78.50） · 支部 未交", overview);
        Assert.DoesNotContain("85.5", overview);
        Assert.Equal(0, (await SnapshotAsync()).Evaluations);

        var last = await _bed.SubmitAsync(OtherLeader, "branch-card", Rating(opened, OtherLeader, "88"));

        // 0.2·90 + 0.3·78.5 + 0.5·88 = 18 + 23.55 + 44 = 85.55.
        Assert.Contains("三部分已齐，第 2 次考察结果：85.55 分，合格", Turned.Decode(Assert.Single(last.Calls, c => c.Method == "PUT").Card().GetRawText()));
        Assert.Contains("你的第 2 次半年综合考察结果：85.55 分，合格（自评 90.00，同组 3 人互评平均 78.50，支部 88.00）", last.Single(Probationary).Text());
        await using var db = _bed.Database();
        var evaluation = await db.Evaluations.SingleAsync();
        Assert.Equal((await _bed.MemberIdAsync(Probationary), ObligationKind.ProbationaryEvaluation, new Period(Cadence.HalfYearly, 2026, 2), true, await _bed.MemberIdAsync(OtherLeader)),
            (evaluation.SubjectId, evaluation.Kind, evaluation.Period, evaluation.Passed, evaluation.RecordedById));
        var round = await db.EvaluationRounds.SingleAsync();
        Assert.Equal((85.55m, (bool?)true), (round.Score, round.Passed));
        var members = await db.Members.AsNoTracking().WithStageHistory().ToListAsync();
        var figures = YearlyFigures.For(new Branch("支部", TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"), new DateOnly(2026, 10, 1)), members, FactIndex.Empty,
            await db.Evaluations.AsNoTracking().ToListAsync(), 2026);
        Assert.Equal(1, figures.EvaluationsPassed);
        Assert.Equal(1, figures.People.Single(p => p.Member.Id == evaluation.SubjectId).EvaluationsRecorded);
    }

    [Fact]
    public async Task AllThreeParts_PolicyAsksForTwoPeers_CloseTheRoundWithTwoPeerRatings()
    {
        await using (var setup = _bed.Database())
        {
            (await setup.BranchSettings.SingleAsync()).PolicyJson = new Policy(Policy.Default.Rules, evaluation: new EvaluationPolicy(MinPeers: 2)).ToJson();
            await setup.SaveChangesAsync();
        }
        _bed.Host.Services.GetRequiredService<BranchState>().Invalidate(); // the turns read the settings row through a short cache
        var opened = await OpenRoundAsync();
        await _bed.SubmitAsync(Probationary, "self-card", Rating(opened, Probationary, "90", "这半年我认真学习了党章。"));
        await _bed.SubmitAsync(Mentor, "peer-card", Rating(opened, Mentor, "80"));
        await _bed.SubmitAsync(Leader, "peer-card", Rating(opened, Leader, "70"));

        var last = await _bed.SubmitAsync(OtherLeader, "branch-card", Rating(opened, OtherLeader, "88"));

        // 0.2·90 + 0.3·75 + 0.5·88 = 18 + 22.5 + 44 = 84.50, with the third peer never asked for.
        await using var db = _bed.Database();
        var round = await db.EvaluationRounds.SingleAsync();
        Assert.Equal((2, 84.50m, (bool?)true), (round.PeersNeeded, round.Score, round.Passed));
        Assert.Equal(2, await db.EvaluationRatings.CountAsync(r => r.Part == EvaluationPart.Peer));
        Assert.Contains("同组 2 人互评平均 75.00", Turned.Decode(last.AllText));
    }

    [Fact]
    public async Task AllThreeParts_BelowThePassMark_RecordAFailedEvaluation()
    {
        var opened = await OpenRoundAsync();
        await _bed.SubmitAsync(Probationary, "self-card", Rating(opened, Probationary, "50", "还需努力"));
        foreach (var peer in new[] { Mentor, Leader, Peer3 }) await _bed.SubmitAsync(peer, "peer-card", Rating(opened, peer, "55"));

        var last = await _bed.SubmitAsync(OtherLeader, "branch-card", Rating(opened, OtherLeader, "59.99"));

        Assert.Contains("56.50 分，不合格", last.Single(Probationary).Text()); // 10 + 16.5 + 29.995 = 56.495 → 56.50
        await using var db = _bed.Database();
        Assert.False((await db.Evaluations.SingleAsync()).Passed);
    }

    [Fact]
    public async Task Rate_ByTheWrongPerson_IsRefusedWithAReasonAndChangesNothing()
    {
        var opened = await OpenRoundAsync();
        var before = await SnapshotAsync();

        var activist = await _bed.SubmitAsync(Student, "forged", Rating(opened, Mentor, "100"));
        var selfAsPeer = await _bed.SubmitAsync(Probationary, "forged", Rating(opened, Mentor, "100"));
        var otherGroup = await _bed.SubmitAsync(Secretary, "forged", Rating(opened, Mentor, "100"));
        var peerAsSelf = await _bed.SubmitAsync(Mentor, "forged", Rating(opened, Probationary, "100", "冒充"));
        var branchByMember = await _bed.SubmitAsync(Mentor, "forged", Rating(opened, OtherLeader, "100"));
        var ownBranch = await _bed.SubmitAsync(Probationary, "forged", Rating(opened, OtherLeader, "100"));

        Assert.Contains("只有 周六 同组的其他党员可以互评", activist.Single(Student).Text());
        Assert.Contains("只有 周六 同组的其他党员可以互评", selfAsPeer.Single(Probationary).Text());
        Assert.Contains("只有 周六 同组的其他党员可以互评", otherGroup.Single(Secretary).Text());
        Assert.Contains("自我评价只能由 周六 本人填写", peerAsSelf.Single(Mentor).Text());
        Assert.Contains("支部评议由支委填写", branchByMember.Single(Mentor).Text());
        Assert.Contains("支部评议由支委填写", ownBranch.Single(Probationary).Text());
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Rate_ClickedTwice_StoresOneRatingAndShowsOnlyTheRatersOwnScore()
    {
        var opened = await OpenRoundAsync();
        var data = Rating(opened, Mentor, "80");
        await _bed.SubmitAsync(Mentor, "peer-card", data);
        var before = await SnapshotAsync();

        var again = await _bed.SubmitAsync(Mentor, "peer-card", data.With(RatingCard.ScoreInput, "95"));

        Assert.Contains("你已经评过分了（80.00 分）", again.Single(Mentor).Text());
        Assert.Equal(before, await SnapshotAsync());
        Assert.Equal(1, before.Ratings);
    }

    [Theory]
    [InlineData("101")]
    [InlineData("-1")]
    [InlineData("80.123")]
    [InlineData("八十")]
    [InlineData("1e2")]
    public async Task Rate_BadScore_IsRefusedAndChangesNothing(string score)
    {
        var opened = await OpenRoundAsync();

        var turned = await _bed.SubmitAsync(Mentor, "peer-card", Rating(opened, Mentor, score));

        Assert.Contains("不是有效分数：请填写 0 到 100 的数", turned.Single(Mentor).Text());
        Assert.Equal(0, (await SnapshotAsync()).Ratings);
    }

    [Fact]
    public async Task Rate_AfterTheResult_IsRefusedAsLate()
    {
        var opened = await OpenRoundAsync();
        await _bed.SubmitAsync(Probationary, "self-card", Rating(opened, Probationary, "90", "总结"));
        await _bed.SubmitAsync(Mentor, "peer-card", Rating(opened, Mentor, "80"));
        await _bed.SubmitAsync(Leader, "peer-card", Rating(opened, Leader, "80"));
        await _bed.SubmitAsync(OtherLeader, "branch-card", Rating(opened, OtherLeader, "80"));
        // Peer3 is still owed, so the round waits...
        Assert.Equal(0, (await SnapshotAsync()).Closed);
        await _bed.SubmitAsync(Peer3, "peer-card", Rating(opened, Peer3, "80"));
        var before = await SnapshotAsync();
        Assert.Equal(1, before.Closed);

        var late = await _bed.SubmitAsync(Secretary, "branch-card", Rating(opened, OtherLeader, "10"));

        Assert.Contains("周六 的第 2 次考察结果已经算出，不再收分", late.Single(Secretary).Text());
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Rate_BranchPartGivenByAnotherCommitteeMember_IsRefused()
    {
        var opened = await OpenRoundAsync();
        await _bed.SubmitAsync(OtherLeader, "branch-card", Rating(opened, OtherLeader, "80"));
        var before = await SnapshotAsync();

        var second = await _bed.SubmitAsync(Secretary, "branch-card", Rating(opened, OtherLeader, "60"));

        Assert.Contains("周六 本次的支部评议已经有人填写了", second.Single(Secretary).Text());
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task OpenRound_ByANonCommitteeMemberOrTwice_IsRefused()
    {
        var typed = await _bed.SayAsync(Mentor, "半年考察");
        Assert.Contains("你的角色无权进行此操作", typed.Single(Mentor).Text());
        var forged = await _bed.SubmitAsync(Mentor, null, new JsonObject { ["verb"] = Verbs.EvaluationsOpen, [EvaluationsCard.SubjectInput] = await IdOf(Probationary) });
        Assert.Contains("你的角色无权进行此操作", forged.Single(Mentor).Text());
        Assert.Equal(0, (await SnapshotAsync()).Rounds);

        await OpenRoundAsync();
        var again = await _bed.SubmitAsync(Secretary, null, new JsonObject { ["verb"] = Verbs.EvaluationsOpen, [EvaluationsCard.SubjectInput] = await IdOf(Probationary) });

        Assert.Contains("周六 的第 2 次半年综合考察已经发起过了", again.Single(Secretary).Text());
        Assert.Equal(1, (await SnapshotAsync()).Rounds);
    }

    [Fact]
    public async Task OpenRound_ForSomeoneNotProbationary_IsRefused()
    {
        var turned = await _bed.SubmitAsync(Secretary, null, new JsonObject { ["verb"] = Verbs.EvaluationsOpen, [EvaluationsCard.SubjectInput] = await IdOf(Student) });

        Assert.Contains("张三 现在是入党积极分子，不是预备党员", turned.Single(Secretary).Text());
        Assert.Equal(0, (await SnapshotAsync()).Rounds);
    }

    [Fact]
    public async Task Chase_MissingParts_SendsTheCardsAgainOnlyToThoseWhoOweThem()
    {
        var opened = await OpenRoundAsync();
        await _bed.SubmitAsync(Probationary, "self-card", Rating(opened, Probationary, "90", "总结"));
        await _bed.SubmitAsync(Mentor, "peer-card", Rating(opened, Mentor, "80"));

        var chase = (await _bed.SayAsync(Secretary, "半年考察")).Single(Secretary).Card().SubmitData(Verbs.EvaluationsChase);
        var chased = await _bed.SubmitAsync(Secretary, "evaluations-card", chase);

        Assert.Contains("已向 3 人重新发送", Turned.Decode(Assert.Single(chased.Calls, c => c.Method == "PUT").Card().GetRawText()));
        Assert.Empty(chased.To(Probationary));
        Assert.Empty(chased.To(Mentor));
        Assert.Contains("为 周六 评分", Turned.Decode(chased.Single(Leader).Card().GetRawText()));
        Assert.Contains("为 周六 评分", Turned.Decode(chased.Single(Peer3).Card().GetRawText()));
        Assert.Contains("支部对 周六 的评议", Turned.Decode(chased.Single(OtherLeader).Card().GetRawText()));
    }

    [Fact]
    public async Task PartySchool_NominateAndComplete_RecordsBothAndShowsThemInMyStatus()
    {
        var form = (await _bed.SubmitAsync(Secretary, null, (await _bed.SayAsync(Secretary, "半年考察")).Single(Secretary).Card().SubmitData(Verbs.PartySchoolForm))).Single(Secretary).Card();
        Assert.Contains("2027年4月 期：已推荐 0 人", Turned.Decode(form.GetRawText()));

        var nominated = await _bed.SubmitAsync(Secretary, "school-card", form.SubmitData(Verbs.PartySchoolNominate).With(PartySchoolCard.NomineeInput, await IdOf(Student)));

        Assert.Contains("已推荐 张三 参加 2027年4月 的党校培训", Turned.Decode(Assert.Single(nominated.Calls, c => c.Method == "PUT").Card().GetRawText()));
        Assert.Contains("支部委员会推荐你参加 2027年4月 的党校培训", nominated.Single(Student).Text());
        var twice = await _bed.SubmitAsync(Secretary, "school-card", form.SubmitData(Verbs.PartySchoolNominate).With(PartySchoolCard.NomineeInput, await IdOf(Student)));
        Assert.Contains("张三 已经被推荐参加 2027年4月 的培训了", twice.Single(Secretary).Text());
        var full = await _bed.SubmitAsync(Secretary, "school-card", form.SubmitData(Verbs.PartySchoolNominate).With(PartySchoolCard.NomineeInput, await IdOf(Mentor)));
        Assert.Contains("党校培训只推荐积极分子和发展对象", full.Single(Secretary).Text());
        var oldSession = await _bed.SubmitAsync(Secretary, "school-card", form.SubmitData(Verbs.PartySchoolNominate)
            .With(PartySchoolCard.NomineeInput, await IdOf(OtherGroupStudent)).With(PartySchoolCard.SessionField, "2026-10"));
        Assert.Contains("2026年10月 期已经开始或结束，不再接受推荐", oldSession.Single(Secretary).Text());

        // The October session has begun: 王五 was nominated for it (before the bot), and completion is recorded now.
        await using (var db = _bed.Database())
        {
            db.PartySchoolNominations.Add(new PartySchoolNomination(await _bed.MemberIdAsync(OtherGroupStudent), new(2026, 10), await _bed.MemberIdAsync(Secretary), _bed.Time.GetUtcNow()));
            await db.SaveChangesAsync();
        }
        var again = (await _bed.SubmitAsync(Secretary, null, new JsonObject { ["verb"] = Verbs.PartySchoolForm })).Single(Secretary).Card();
        Assert.Contains("2026年10月 期：推荐 1 人，已结业 0 人", Turned.Decode(again.GetRawText()));
        var complete = again.SubmitData(Verbs.PartySchoolComplete).With(PartySchoolCard.CompletedInput, await IdOf(OtherGroupStudent)).With(PartySchoolCard.CompletedOnInput, "2026-10-28");
        var recorded = await _bed.SubmitAsync(Secretary, "school-card", complete);
        Assert.Contains("已记录：王五 于 2026年10月28日 完成 2026年10月 的党校培训", Turned.Decode(Assert.Single(recorded.Calls, c => c.Method == "PUT").Card().GetRawText()));
        var recordedTwice = await _bed.SubmitAsync(Secretary, "school-card", complete);
        Assert.Contains("王五 已于 2026年10月28日 记录结业", recordedTwice.Single(Secretary).Text());

        Assert.Contains("党校培训：已推荐参加 2027年4月 期", Turned.Decode((await _bed.SayAsync(Student, "我的状态")).Single(Student).Card().GetRawText()));
        Assert.Contains("党校培训：2026年10月 期已结业（2026年10月28日）", Turned.Decode((await _bed.SayAsync(OtherGroupStudent, "我的状态")).Single(OtherGroupStudent).Card().GetRawText()));
    }

    [Fact]
    public async Task PartySchool_CompletionForASessionNotBegunOrByANonCommitteeMember_IsRefused()
    {
        var card = new JsonObject { ["verb"] = Verbs.PartySchoolComplete, [PartySchoolCard.SessionField] = "2027-04", [PartySchoolCard.CompletedInput] = await IdOf(Student), [PartySchoolCard.CompletedOnInput] = "2026-11-19" };

        var notBegun = await _bed.SubmitAsync(Secretary, null, card);
        var notCommittee = await _bed.SubmitAsync(Mentor, null, card);

        Assert.Contains("2027年4月 期从 2027年4月1日 开始，开始前不能记录结业", notBegun.Single(Secretary).Text());
        Assert.Contains("你的角色无权进行此操作", notCommittee.Single(Mentor).Text());
        await using var db = _bed.Database();
        Assert.Equal(0, await db.PartySchoolNominations.CountAsync());
    }
}
