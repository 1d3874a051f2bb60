namespace BranchBot.Domain.Tests;

public class ReviewRulesTests
{
    private static readonly DateTimeOffset First = At.Cst("2026-11-10 10:00:00");
    private static readonly DateTimeOffset Second = At.Cst("2026-11-20 10:00:00");
    private static readonly DateTimeOffset Third = At.Cst("2026-12-03 10:00:00");

    [Theory]
    [InlineData(Roles.GroupLeader, 1, true)]
    [InlineData(Roles.GroupLeader, 2, false)]
    [InlineData(Roles.OrganizationMember, 2, true)]
    [InlineData(Roles.DisciplineMember, 2, true)]
    [InlineData(Roles.None, 1, false)]
    public void MayReview_ReviewersOfficeAndGroup_LeaderOfTheGroupOrCommittee(Roles roles, int reviewerGroup, bool expected)
    {
        var author = MemberBuilder.Activist(1).InGroup(1).Build();
        var reviewer = MemberBuilder.Full(2).InGroup(reviewerGroup).WithRoles(roles).Build();

        Assert.Equal(expected, ReviewRules.MayReview(reviewer, author));
    }

    [Fact]
    public void MayReview_OwnReport_IsRefusedEvenToTheCommittee()
    {
        var leader = MemberBuilder.Probationary(1).WithRoles(Roles.GroupLeader | Roles.Secretary).Build();

        Assert.False(ReviewRules.MayReview(leader, leader));
    }

    [Fact]
    public void CountsAsDoneAt_NotReviewed_CountsFromTheFirstVersion()
    {
        Assert.Equal(First, ReviewRules.CountsAsDoneAt([new(1, First, null), new(2, Second, null)], returnedCountsAsDone: false));
    }

    [Fact]
    public void CountsAsDoneAt_FirstAccepted_CountsFromTheFirstVersion()
    {
        Assert.Equal(First, ReviewRules.CountsAsDoneAt([new(1, First, ReviewVerdict.Accepted)], returnedCountsAsDone: false));
    }

    [Fact]
    public void CountsAsDoneAt_ReturnedAndNotResubmitted_DoesNotCount()
    {
        Assert.Null(ReviewRules.CountsAsDoneAt([new(1, First, ReviewVerdict.Returned)], returnedCountsAsDone: false));
    }

    [Fact]
    public void CountsAsDoneAt_ReturnedAndResubmissionNotYetReviewed_DoesNotCount()
    {
        Assert.Null(ReviewRules.CountsAsDoneAt([new(1, First, ReviewVerdict.Returned), new(2, Second, null)], returnedCountsAsDone: false));
    }

    [Fact]
    public void CountsAsDoneAt_ReturnedTwiceThenAccepted_CountsFromTheAcceptedVersion()
    {
        var versions = new ReviewedVersion[] { new(3, Third, ReviewVerdict.Accepted), new(1, First, ReviewVerdict.Returned), new(2, Second, ReviewVerdict.Returned) };

        Assert.Equal(Third, ReviewRules.CountsAsDoneAt(versions, returnedCountsAsDone: false));
    }

    [Fact]
    public void CountsAsDoneAt_ReturnedUnderAPolicyThatCountsIt_CountsFromTheFirstVersion()
    {
        Assert.Equal(First, ReviewRules.CountsAsDoneAt([new(1, First, ReviewVerdict.Returned)], returnedCountsAsDone: true));
    }

    [Fact]
    public void CountsAsDoneAt_NoVersions_IsNull()
    {
        Assert.Null(ReviewRules.CountsAsDoneAt([], returnedCountsAsDone: false));
    }

    [Fact]
    public void ReportReview_ReturnedWithoutReason_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ReportReview(1, 2, ReviewVerdict.Returned, "  ", First));
    }

    [Fact]
    public void TalkConfirmation_DisputedWithoutNote_Throws()
    {
        Assert.Throws<ArgumentException>(() => new TalkConfirmation(1, 2, TalkAnswer.Disputed, null, First));
    }

    [Fact]
    public void Policy_ReturnedCountsAsDone_DefaultsToFalseAndSurvivesJson()
    {
        var policy = new Policy(Policy.Default.Rules, returnedCountsAsDone: true);

        Assert.False(Policy.Default.ReturnedCountsAsDone);
        Assert.True(Policy.FromJson(policy.ToJson()).ReturnedCountsAsDone);
        Assert.NotEqual(Policy.Default, policy);
    }

    [Fact]
    public void Compute_TalksAnsweredOrNot_CountsConfirmedDisputedAndUnconfirmed()
    {
        var mentee = MemberBuilder.Activist(8).Since("2026-01-01").Build();
        var facts = new FactIndex(
        [
            FulfilmentFact.Talk(1, 8, At.Date("2026-03-10"), At.Cst("2026-03-10 12:00:00"), TalkAnswer.Confirmed),
            FulfilmentFact.Talk(1, 8, At.Date("2026-04-10"), At.Cst("2026-04-10 12:00:00"), TalkAnswer.Disputed),
            FulfilmentFact.Talk(1, 8, At.Date("2026-05-10"), At.Cst("2026-05-10 12:00:00")),
            FulfilmentFact.Talk(1, 8, At.Date("2025-12-10"), At.Cst("2025-12-10 12:00:00"), TalkAnswer.Confirmed),
        ]);

        var totals = YearlyTotals.Compute(BranchBuilder.Default, [mentee], facts, 2026);

        Assert.Equal((3, 1, 1, 1), (totals.TalksHeld, totals.TalksConfirmed, totals.TalksDisputed, totals.TalksUnconfirmed));
    }
}
