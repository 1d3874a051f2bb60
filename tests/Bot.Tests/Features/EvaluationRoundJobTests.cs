using System.Globalization;
using BranchBot.Bot.Cards;
using BranchBot.Bot.Features.Evaluations;
using BranchBot.Bot.Reminders;
using BranchBot.Bot.Tests.Conversation;
using BranchBot.Domain;
using BranchBot.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static BranchBot.Bot.Tests.Conversation.ConversationTestBed;

namespace BranchBot.Bot.Tests.Features;

/// <summary>The pipeline milestones job opens the half-yearly evaluation round by itself and chases its missing parts.</summary>
public sealed class EvaluationRoundJobTests : IAsyncLifetime
{
    // 周六's probation began on 2026-05-25: the first half year's last day is 2026-11-24, when round 1 comes (the job
    // runs at the summary time, 09:00). The peers are 赵老师, 钱组长 and 李四 of 第一小组; 吴组长, the discipline member,
    // gives the branch part; 孙书记 is the secretary.
    private const string RoundRoster = """
        学号,姓名,邮箱,小组,阶段,阶段开始日期,联系人,职务
        2025001,张三,zhangsan@branch.example,第一小组,积极分子,2025-11-19,T001,
        2025002,李四,lisi@branch.example,第一小组,正式党员,2025-06-01,,
        2024001,周六,zhouliu@branch.example,第一小组,预备党员,2026-05-25,T001;2023001,
        T001,赵老师,zhao@branch.example,第一小组,正式党员,2010-07-01,,
        2023001,钱组长,qian@branch.example,第一小组,正式党员,2024-06-01,,组长;宣传委员
        2023002,吴组长,wu@branch.example,第二小组,正式党员,2024-06-01,,组长;纪检委员
        2022001,孙书记,sun@branch.example,第二小组,正式党员,2023-06-01,,书记;组织委员
        """;

    private static readonly Person[] Peers = [Mentor, Leader, Student2];
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private ConversationTestBed _bed = null!;

    public async Task InitializeAsync()
    {
        _bed = await StartAsync(roster: RoundRoster);
        await _bed.InstallAsync(Student, Student2, Probationary, Mentor, Leader, OtherLeader, Secretary);
    }

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    private static DateTimeOffset Local(int month, int day, int hour) => new(2026, month, day, hour, 0, 0, China);

    /// <summary>Runs the pipeline milestones job as Hangfire would at <paramref name="asOf"/>, then the delivery worker; returns what reached Teams.</summary>
    private async Task<Turned> RunJobAsync(DateTimeOffset asOf)
    {
        if (asOf > _bed.Time.GetUtcNow()) _bed.Time.SetUtcNow(asOf);
        var before = _bed.Connector.Calls.Count;
        using (var scope = _bed.Host.Services.CreateScope())
            await scope.ServiceProvider.GetServices<ReminderJob>().Single(j => j.Id == ProbationRemindersJob.JobId).RunAsync(asOf, CancellationToken.None);
        await _bed.DeliverQueuedAsync();
        return new Turned(_bed.Connector.Calls.Skip(before).ToList(), 200);
    }

    private static string CardText(Turned turned, Person to) => Turned.Decode(turned.Single(to).Card().GetRawText());

    [Fact]
    public async Task RunMilestones_OnTheDayTheHalfYearComes_OpensTheRoundOnceWithEveryCardThroughTheLedger()
    {
        Assert.Empty((await RunJobAsync(Local(11, 23, 9))).Calls);
        Assert.Empty((await RunJobAsync(Local(11, 24, 8))).Calls);

        var opened = await RunJobAsync(Local(11, 24, 9));

        Assert.Contains("自我评价", CardText(opened, Probationary));
        foreach (var peer in Peers) Assert.Contains("为 周六 评分", CardText(opened, peer));
        Assert.Contains("支部对 周六 的评议", CardText(opened, OtherLeader));
        Assert.Empty(opened.To(Student));
        Assert.Empty(opened.To(Secretary));
        await using (var db = _bed.Database())
        {
            var round = await db.EvaluationRounds.SingleAsync();
            Assert.Equal((await _bed.MemberIdAsync(Probationary), new DateOnly(2026, 5, 25), 1, 3, (int?)null),
                (round.SubjectId, round.ProbationSince, round.Number, round.PeersNeeded, round.OpenedById));
            Assert.Equal(5, await db.ReminderDeliveries.CountAsync(d => d.Kind == ObligationKind.ProbationaryEvaluation && d.Status == ReminderDeliveryStatus.Sent));
        }

        // Later the same day and on the following days (within the week): nothing again.
        Assert.Empty((await RunJobAsync(Local(11, 24, 18))).Calls);
        Assert.Empty((await RunJobAsync(Local(11, 30, 9))).Calls);
        await using var after = _bed.Database();
        Assert.Equal(1, await after.EvaluationRounds.CountAsync());
        Assert.Equal(5, await after.ReminderDeliveries.CountAsync(d => d.Kind == ObligationKind.ProbationaryEvaluation));
    }

    [Fact]
    public async Task RunMilestones_RoundOpenedByHandThatDay_IsNotOpenedAgain()
    {
        _bed.Time.SetUtcNow(Local(11, 24, 8));
        var card = (await _bed.SayAsync(Secretary, "半年考察")).Single(Secretary).Card();
        var data = card.SubmitData(Verbs.EvaluationsOpen).With(EvaluationsCard.SubjectInput, (await _bed.MemberIdAsync(Probationary)).ToString(CultureInfo.InvariantCulture));
        var byHand = await _bed.SubmitAsync(Secretary, "evaluations-card", data);
        Assert.Contains("自我评价", CardText(byHand, Probationary));

        var run = await RunJobAsync(Local(11, 24, 9));

        Assert.Empty(run.Calls);
        await using var db = _bed.Database();
        var round = await db.EvaluationRounds.SingleAsync();
        Assert.Equal(await _bed.MemberIdAsync(Secretary), round.OpenedById);
        Assert.Equal(5, await db.ReminderDeliveries.CountAsync(d => d.Kind == ObligationKind.ProbationaryEvaluation));
    }

    [Fact]
    public async Task RunMilestones_AWeekAfterTheOpening_ChasesOnlyTheMissingPartsOnceAndTheJobsCardsCanBeAnswered()
    {
        var opened = await RunJobAsync(Local(11, 24, 9));
        var self = opened.Single(Probationary).Card().SubmitData(Verbs.EvaluationsRate).With(RatingCard.ScoreInput, "90").With(RatingCard.TextInput, "这半年我认真学习了党章。");
        Assert.Contains("已收到你第 1 次半年考察的自我评价", Turned.Decode((await _bed.SubmitAsync(Probationary, "self-card", self)).AllText));
        await _bed.SubmitAsync(Mentor, "peer-card", opened.Single(Mentor).Card().SubmitData(Verbs.EvaluationsRate).With(RatingCard.ScoreInput, "80"));

        var chased = await RunJobAsync(Local(12, 1, 9));

        Assert.Contains("为 周六 评分", CardText(chased, Leader));
        Assert.Contains("为 周六 评分", CardText(chased, Student2));
        Assert.Contains("支部对 周六 的评议", CardText(chased, OtherLeader));
        Assert.Empty(chased.To(Probationary));
        Assert.Empty(chased.To(Mentor));
        Assert.Empty((await RunJobAsync(Local(12, 1, 20))).Calls);
        Assert.Empty((await RunJobAsync(Local(12, 7, 9))).Calls);
        await using (var db = _bed.Database())
            Assert.Equal(3, await db.ReminderDeliveries.CountAsync(d => d.Step.EndsWith(":chase:20261201")));

        // The committee's own chase on a chase day of the job sends nobody a second card that day.
        var next = await RunJobAsync(Local(12, 8, 9));
        Assert.Equal(3, next.Calls.Count(c => c.Method == "POST"));
        var overview = (await _bed.SayAsync(Secretary, "半年考察")).Single(Secretary).Card();
        var manual = await _bed.SubmitAsync(Secretary, "evaluations-card", overview.SubmitData(Verbs.EvaluationsChase));
        Assert.Contains("已向 0 人重新发送", Turned.Decode(manual.AllText));

        // The job's cards are answered like the committee's: the last part closes the round and the member is told.
        foreach (var peer in new[] { Leader, Student2 })
            await _bed.SubmitAsync(peer, "peer-card", opened.Single(peer).Card().SubmitData(Verbs.EvaluationsRate).With(RatingCard.ScoreInput, "70"));
        var last = await _bed.SubmitAsync(OtherLeader, "branch-card", opened.Single(OtherLeader).Card().SubmitData(Verbs.EvaluationsRate).With(RatingCard.ScoreInput, "88"));
        Assert.Contains("你的第 1 次半年综合考察结果", last.Single(Probationary).Text());
        Assert.Empty((await RunJobAsync(Local(12, 15, 9))).Calls);
    }

    [Theory]
    [InlineData(30, true)]   // the job missed six days: caught up
    [InlineData(31, false)]  // a week late (Reminders:CatchUpDays): left to the committee, whose card lists it as due
    public async Task RunMilestones_FirstRunDaysAfterTheHalfYearCame_CatchesUpOnlyWithinTheCatchUpDays(int novemberDay, bool opens)
    {
        var asOf = novemberDay == 31 ? Local(12, 1, 9) : Local(11, novemberDay, 9);

        var run = await RunJobAsync(asOf);

        Assert.Equal(opens ? 5 : 0, run.Calls.Count(c => c.Method == "POST"));
        await using var db = _bed.Database();
        Assert.Equal(opens ? 1 : 0, await db.EvaluationRounds.CountAsync());
        if (!opens)
            Assert.Contains("周六", Turned.Decode((await _bed.SayAsync(Secretary, "半年考察")).Single(Secretary).Card().GetRawText()));
    }

    [Fact]
    public async Task RunMilestones_NobodyInTheGroupToRate_OpensNothing()
    {
        await using (var db = _bed.Database())
        {
            var subject = await db.Members.SingleAsync(m => m.StudentNumber == Probationary.StudentNumber);
            var other = (await db.Groups.SingleAsync(g => g.Name == "第二小组")).Id;
            await db.Members.Where(m => m.GroupId == subject.GroupId && m.Id != subject.Id && m.Stage == Stage.Full)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.GroupId, other));
        }

        Assert.Empty((await RunJobAsync(Local(11, 24, 9))).Calls);
        await using var after = _bed.Database();
        Assert.Equal(0, await after.EvaluationRounds.CountAsync());
        Assert.Equal(0, await after.ReminderDeliveries.CountAsync(d => d.Kind == ObligationKind.ProbationaryEvaluation));
    }
}
