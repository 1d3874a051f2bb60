using BranchBot.Domain;
using BranchBot.Infrastructure.Persistence;
using BranchBot.Infrastructure.Queries;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Infrastructure.Tests;

// Reviews and talk answers as FactReader reads them: a returned report counts only from its accepted resubmission
// (unless the policy says returned counts), and a talk carries its mentee's answer.
public class ReviewFactsTests : IDisposable
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);
    private static readonly DateOnly Since = new(2026, 10, 15);
    private static readonly DateOnly Today = new(2026, 11, 26);

    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    private static DateTimeOffset At(int month, int day, int hour = 20) => new(2026, month, day, hour, 0, 0, Cst);
    private static Period P(string key) => Period.Parse(key);

    private async Task<(int Leader, int Author, long First)> ReturnedReportAsync(BranchDbContext db)
    {
        var (_, leader) = await Seed.MemberAsync(db, "2026001", Stage.Full);
        var (_, author) = await Seed.MemberAsync(db, "2026002");
        var first = new Submission(author.Id, ObligationKind.ThoughtReport, P("2026-11"), "第一版", At(11, 10), 1, null);
        db.Submissions.Add(first);
        await db.SaveChangesAsync();
        db.ReportReviews.Add(new ReportReview(first.Id, leader.Id, ReviewVerdict.Returned, "联系实际不够", At(11, 12)));
        await db.SaveChangesAsync();
        return (leader.Id, author.Id, first.Id);
    }

    [Fact]
    public async Task ForBranchAsync_ReturnedReport_DoesNotCount()
    {
        await using var db = _database.NewContext();
        await ReturnedReportAsync(db);

        var facts = await new FactReader(db).ForBranchAsync(Policy.Default, Since, Today, CancellationToken.None);

        Assert.Empty(facts.Reports);
    }

    [Fact]
    public async Task ForPeopleAsync_ReturnedThenResubmissionAccepted_CountsFromTheResubmission()
    {
        await using var db = _database.NewContext();
        var (leader, author, _) = await ReturnedReportAsync(db);
        var second = new Submission(author, ObligationKind.ThoughtReport, P("2026-11"), "第二版", At(11, 14), 2, null);
        db.Submissions.Add(second);
        await db.SaveChangesAsync();
        db.ReportReviews.Add(new ReportReview(second.Id, leader, ReviewVerdict.Accepted, null, At(11, 15)));
        await db.SaveChangesAsync();
        var people = db.Members.Where(m => m.Id == author).Select(m => m.Id);

        var facts = await new FactReader(db).ForPeopleAsync(people, people, Policy.Default, Since, Today, CancellationToken.None);

        Assert.Equal(FulfilmentFact.Report(author, ObligationKind.ThoughtReport, P("2026-11"), At(11, 14)), Assert.Single(facts.Reports));
    }

    [Fact]
    public async Task ForPersonAsync_ReturnedThenResubmissionAccepted_CountsFromTheResubmission()
    {
        await using var db = _database.NewContext();
        var (leader, author, _) = await ReturnedReportAsync(db);
        var second = new Submission(author, ObligationKind.ThoughtReport, P("2026-11"), "第二版", At(11, 14), 2, null);
        db.Submissions.Add(second);
        await db.SaveChangesAsync();
        db.ReportReviews.Add(new ReportReview(second.Id, leader, ReviewVerdict.Accepted, null, At(11, 15)));
        await db.SaveChangesAsync();

        var (facts, hasReports) = await new FactReader(db).ForPersonAsync(author, Policy.Default, Since, Today, CancellationToken.None);

        Assert.Equal(FulfilmentFact.Report(author, ObligationKind.ThoughtReport, P("2026-11"), At(11, 14)), Assert.Single(facts.Reports));
        Assert.True(hasReports);
    }

    [Fact]
    public async Task ForPersonAsync_ReturnedAndNotResubmitted_DoesNotCountUnlessThePolicySays()
    {
        await using var db = _database.NewContext();
        var (_, author, _) = await ReturnedReportAsync(db);

        var (facts, _) = await new FactReader(db).ForPersonAsync(author, Policy.Default, Since, Today, CancellationToken.None);
        var (counted, _) = await new FactReader(db).ForPersonAsync(author, new Policy(Policy.Default.Rules, returnedCountsAsDone: true), Since, Today, CancellationToken.None);

        Assert.Empty(facts.Reports);
        Assert.Equal(FulfilmentFact.Report(author, ObligationKind.ThoughtReport, P("2026-11"), At(11, 10)), Assert.Single(counted.Reports));
    }

    // The person's reports are read whole (one statement) and kept to the window's periods, as ForPeopleAsync reads
    // them; "has reports" (my status's button to one's reports) still sees a report older than the window.
    [Fact]
    public async Task ForPersonAsync_ReportBeforeTheWindow_NotAFactButHasReports()
    {
        await using var db = _database.NewContext();
        var (_, author) = await Seed.MemberAsync(db, "2026002");
        db.Submissions.Add(new Submission(author.Id, ObligationKind.ThoughtReport, P("2026-09"), "九月", At(9, 10), 1, null));
        await db.SaveChangesAsync();

        var (facts, hasReports) = await new FactReader(db).ForPersonAsync(author.Id, Policy.Default, Since, Today, CancellationToken.None);
        var people = db.Members.Where(m => m.Id == author.Id).Select(m => m.Id);
        var window = await new FactReader(db).ForPeopleAsync(people, people, Policy.Default, Since, Today, CancellationToken.None);

        Assert.Empty(facts.Reports);
        Assert.Empty(window.Reports);
        Assert.True(hasReports);
    }

    [Fact]
    public async Task ForBranchAsync_ReturnedUnderAPolicyThatCountsIt_CountsTheFirstVersion()
    {
        await using var db = _database.NewContext();
        var (_, author, _) = await ReturnedReportAsync(db);

        var facts = await new FactReader(db).ForBranchAsync(new Policy(Policy.Default.Rules, returnedCountsAsDone: true), Since, Today, CancellationToken.None);

        Assert.Equal(FulfilmentFact.Report(author, ObligationKind.ThoughtReport, P("2026-11"), At(11, 10)), Assert.Single(facts.Reports));
    }

    [Fact]
    public async Task ForBranchAsync_TalksAnsweredOrNot_CarryTheMenteesAnswer()
    {
        await using var db = _database.NewContext();
        var (_, mentor) = await Seed.MemberAsync(db, "2026001", Stage.Full);
        var (_, mentee) = await Seed.MemberAsync(db, "2026002");
        var confirmed = new Talk(mentor.Id, mentee.Id, new DateOnly(2026, 11, 3), TalkMode.Online, "近况", "交流", null, At(11, 4), null);
        var disputed = new Talk(mentor.Id, mentee.Id, new DateOnly(2026, 11, 10), TalkMode.InPerson, "党章", "交流", null, At(11, 11), null);
        var open = new Talk(mentor.Id, mentee.Id, new DateOnly(2026, 11, 17), TalkMode.InPerson, "学习", "交流", null, At(11, 18), null);
        db.Talks.AddRange(confirmed, disputed, open);
        await db.SaveChangesAsync();
        db.TalkConfirmations.AddRange(
            new TalkConfirmation(confirmed.Id, mentee.Id, TalkAnswer.Confirmed, null, At(11, 5)),
            new TalkConfirmation(disputed.Id, mentee.Id, TalkAnswer.Disputed, "那天没有谈", At(11, 12)));
        await db.SaveChangesAsync();

        var facts = await new FactReader(db).ForBranchAsync(Policy.Default, Since, Today, CancellationToken.None);

        Assert.Equal([TalkAnswer.Confirmed, TalkAnswer.Disputed, null], facts.Talks.OrderBy(t => t.HeldOn).Select(t => t.Answer));
    }

    [Fact]
    public async Task SaveChanges_SecondReviewOfTheSameVersion_IsAUniqueViolation()
    {
        await using var db = _database.NewContext();
        var (leader, _, first) = await ReturnedReportAsync(db);
        db.ReportReviews.Add(new ReportReview(first, leader, ReviewVerdict.Accepted, null, At(11, 13)));

        var e = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        Assert.True(e.IsUniqueViolation());
    }
}
