using System.Text.Json;
using System.Text.Json.Nodes;
using BranchBot.Bot.Cards;
using BranchBot.Bot.Features.Reports;
using BranchBot.Bot.Features.Reviews;
using BranchBot.Bot.Tests.Conversation;
using BranchBot.Domain;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Bot.Tests.Features;

public sealed class ReviewJourneyTests : IAsyncLifetime
{
    private ConversationTestBed _bed = null!;
    private static readonly string GoodReport = string.Concat(Enumerable.Repeat("认真学习党章，联系自身实际，找差距明方向。", 12));
    private static readonly Person Student = ConversationTestBed.Student;
    private static readonly Person Leader = ConversationTestBed.Leader;

    public async Task InitializeAsync()
    {
        _bed = await ConversationTestBed.StartAsync(trackingStartsOn: "2026-11-01");
        await _bed.InstallAsync(Student, ConversationTestBed.Student2, Leader, ConversationTestBed.OtherLeader, ConversationTestBed.Secretary);
    }

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    /// <summary>The student hands in a report from a fresh form; returns the leader's notice.</summary>
    private async Task<JsonElement> HandInAsync(string text)
    {
        var form = (await _bed.SayAsync(Student, "交思想汇报")).Single(Student).Card().SubmitData(Verbs.ReportSubmit);
        var turned = await _bed.SubmitAsync(Student, "form", form.With(ReportFormCard.TextInput, text));
        return turned.Single(Leader).Card();
    }

    private async Task<JsonObject> OpenReviewAsync(Person reviewer, JsonElement notice)
    {
        var opened = await _bed.SubmitAsync(reviewer, "notice", notice.SubmitData(Verbs.ReviewOpen));
        return opened.Single(reviewer).Card().SubmitData(Verbs.ReviewDecide);
    }

    private static JsonObject Returning(JsonObject decide, string reason) =>
        decide.With(ReviewCard.DecisionField, ReviewCard.Return).With(ReviewCard.CommentInput, reason);

    /// <summary>Whether this month's thought report shows as done in the student's 我的状态 (else it is still owed).</summary>
    private async Task<bool> CountsAsDoneAsync()
    {
        var status = (await _bed.SayAsync(Student, "我的状态")).Single(Student).Card().GetRawText();
        var done = status.Contains("思想汇报（2026年11月）", StringComparison.Ordinal);
        Assert.NotEqual(done, status.Contains("2026年11月的思想汇报", StringComparison.Ordinal));
        return done;
    }

    [Fact]
    public async Task ReturnedReport_ResubmittedAndAccepted_CountsAsDoneOnlyAtAcceptance()
    {
        var notice = await HandInAsync(GoodReport);
        Assert.Contains("张三", notice.GetRawText());
        Assert.True(await CountsAsDoneAsync());

        var opened = await _bed.SubmitAsync(Leader, "notice", notice.SubmitData(Verbs.ReviewOpen));
        var reviewCard = opened.Single(Leader).Card();
        Assert.Equal("1.2", reviewCard.GetProperty("version").GetString());
        Assert.Contains(GoodReport, reviewCard.GetRawText());
        var returned = await _bed.SubmitAsync(Leader, "review-1", Returning(reviewCard.SubmitData(Verbs.ReviewDecide), "请多联系本月的学习实际"));

        Assert.Contains("退回", Assert.Single(returned.Calls, c => c.Method == "PUT").Card().GetRawText());
        var back = returned.Single(Student).Card();
        Assert.Contains("请多联系本月的学习实际", back.GetRawText());
        Assert.False(await CountsAsDoneAsync());

        var rewrite = await _bed.SubmitAsync(Student, "returned", back.SubmitData(Verbs.ReportForm));
        var form = rewrite.Single(Student).Card().SubmitData(Verbs.ReportSubmit);
        var resubmitted = await _bed.SubmitAsync(Student, "form-2", form.With(ReportFormCard.TextInput, GoodReport + "结合本月的志愿服务谈体会。"));
        Assert.Contains("第 2 版", Assert.Single(resubmitted.Calls, c => c.Method == "PUT").Card().GetRawText());
        var again = resubmitted.Single(Leader).Card();
        Assert.Contains("重新提交", again.GetRawText());
        Assert.False(await CountsAsDoneAsync());

        var second = await _bed.SubmitAsync(Leader, "notice-2", again.SubmitData(Verbs.ReviewOpen));
        var secondCard = second.Single(Leader).Card();
        Assert.Contains("请多联系本月的学习实际", secondCard.GetRawText());
        var accepted = await _bed.SubmitAsync(Leader, "review-2", secondCard.SubmitData(Verbs.ReviewDecide));

        Assert.Contains("审阅通过", accepted.Single(Student).Text());
        Assert.True(await CountsAsDoneAsync());
        await using var db = _bed.Database();
        Assert.Equal([1, 2], await db.Submissions.OrderBy(s => s.Version).Select(s => s.Version).ToListAsync());
        Assert.Equal([ReviewVerdict.Returned, ReviewVerdict.Accepted], await db.ReportReviews.OrderBy(r => r.Id).Select(r => r.Verdict).ToListAsync());
    }

    [Fact]
    public async Task Decide_ByAnotherGroupsLeaderAPeerOrTheAuthor_IsRefusedAndStoresNothing()
    {
        var decide = await OpenReviewAsync(Leader, await HandInAsync(GoodReport));

        foreach (var forger in new[] { ConversationTestBed.OtherLeader, ConversationTestBed.Student2, Student })
        {
            var turned = await _bed.SubmitAsync(forger, "forged", Returning(decide, "伪造"));
            Assert.DoesNotContain(turned.Calls, c => c.Method == "PUT");
            Assert.Contains("只有张三所在党小组的组长或支委可以审阅", turned.Single(forger).Text());
            Assert.DoesNotContain(turned.To(Student), c => c.HasCard());
        }
        var opened = await _bed.SubmitAsync(ConversationTestBed.OtherLeader, "notice", decide.With("verb", Verbs.ReviewOpen));
        Assert.Contains("只有张三所在党小组", opened.Single(ConversationTestBed.OtherLeader).Text());

        await using var db = _bed.Database();
        Assert.Equal(0, await db.ReportReviews.CountAsync());
    }

    [Fact]
    public async Task Decide_ForgedSubmissionOrDecision_IsRefusedAndStoresNothing()
    {
        var decide = await OpenReviewAsync(Leader, await HandInAsync(GoodReport));

        var unknown = await _bed.SubmitAsync(Leader, "x", decide.With(ReviewCard.SubmissionField, "999999"));
        var badDecision = await _bed.SubmitAsync(Leader, "x", decide.With(ReviewCard.DecisionField, "delete"));
        var noReason = await _bed.SubmitAsync(Leader, "x", decide.With(ReviewCard.DecisionField, ReviewCard.Return));

        Assert.Contains("不存在", unknown.Single(Leader).Text());
        Assert.Contains("不存在", badDecision.Single(Leader).Text());
        Assert.Contains("需要写明原因", noReason.Single(Leader).Text());
        await using var db = _bed.Database();
        Assert.Equal(0, await db.ReportReviews.CountAsync());
    }

    [Fact]
    public async Task Decide_TwoReviewersAtOnce_OneDecisionStandsAndTheOtherIsTold()
    {
        var notice = await HandInAsync(GoodReport);
        var byLeader = await OpenReviewAsync(Leader, notice);
        var bySecretary = await OpenReviewAsync(ConversationTestBed.Secretary, notice);

        var before = _bed.Connector.Calls.Count;

        await Task.WhenAll(
            _bed.SubmitAsync(Leader, "review-l", byLeader),
            _bed.SubmitAsync(ConversationTestBed.Secretary, "review-s", Returning(bySecretary, "字数够了但内容空泛")));

        // Both turns ran at once, so what each sent is told apart by conversation, not by turn.
        var calls = _bed.Connector.Calls.Skip(before).ToList();
        var winner = Assert.Single(calls, c => c.Method == "PUT");
        var loser = winner.ConversationId == Leader.ConversationId ? ConversationTestBed.Secretary : Leader;
        Assert.Contains("已经审阅过了", Assert.Single(calls, c => c.ConversationId == loser.ConversationId).Text());
        Assert.Single(calls, c => c.ConversationId == Student.ConversationId);
        await using var db = _bed.Database();
        Assert.Equal(1, await db.ReportReviews.CountAsync());
    }

    [Fact]
    public async Task Decide_OnAVersionSinceReplaced_IsRefusedAsStale()
    {
        var first = await OpenReviewAsync(Leader, await HandInAsync(GoodReport));
        await HandInAsync(GoodReport + "补充一段。");

        var turned = await _bed.SubmitAsync(Leader, "review-1", first);

        Assert.Contains("之后已提交第 2 版", turned.Single(Leader).Text());
        await using var db = _bed.Database();
        Assert.Equal(0, await db.ReportReviews.CountAsync());
    }

    [Fact]
    public async Task MyReports_FromStatus_ListsVersionsWithReviewsAndReadsTheTextBackOnlyToItsAuthor()
    {
        var decide = await OpenReviewAsync(Leader, await HandInAsync(GoodReport));
        await _bed.SubmitAsync(Leader, "review", Returning(decide, "请结合实际"));

        var status = (await _bed.SayAsync(Student, "我的状态")).Single(Student).Card();
        var mine = (await _bed.SubmitAsync(Student, "status", status.SubmitData(Verbs.ReportsMine))).Single(Student).Card();

        Assert.Contains("退回修改", mine.GetRawText());
        Assert.Contains("请结合实际", mine.GetRawText());
        var read = mine.SubmitData(Verbs.ReportRead);
        Assert.Contains(GoodReport, (await _bed.SubmitAsync(Student, "mine", read)).Single(Student).Card().GetRawText());
        var peer = await _bed.SubmitAsync(ConversationTestBed.Student2, "mine", read);
        Assert.False(peer.Single(ConversationTestBed.Student2).HasCard());
        Assert.Contains("不属于你", peer.Single(ConversationTestBed.Student2).Text());
    }
}
