using BranchBot.Domain.Pipeline;

namespace BranchBot.Domain.Tests.Pipeline;

public class SelectionRulesTests
{
    private static readonly DateTimeOffset Now = At.Cst("2026-11-02 10:00:00");

    private static Selection Noticed(string startsOn = "2026-11-02", int days = SelectionRules.DefaultNoticeDays) =>
        new(7, Recommender.YouthLeague, null, At.Date("2026-11-01"), At.Date(startsOn), days, 1, Now, "1:card");

    [Theory]
    [InlineData("2026-11-02", 7, "2026-11-08")]
    [InlineData("2026-12-28", 7, "2027-01-03")]
    [InlineData("2028-02-25", 7, "2028-03-02")]
    [InlineData("2026-11-02", 1, "2026-11-02")]
    public void NoticeEndsOn_DaysCountedFromTheFirst_IsTheLastDay(string startsOn, int days, string expected)
    {
        Assert.Equal(At.Date(expected), SelectionRules.NoticeEndsOn(At.Date(startsOn), days));
    }

    [Fact]
    public void NoticeEndsOn_NoDays_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SelectionRules.NoticeEndsOn(At.Date("2026-11-02"), 0));
    }

    [Theory]
    [InlineData("2026-11-01", ObjectionVerdict.NotStarted)]
    [InlineData("2026-11-02", ObjectionVerdict.Allowed)]
    [InlineData("2026-11-08", ObjectionVerdict.Allowed)]
    [InlineData("2026-11-09", ObjectionVerdict.NoticeOver)]
    public void MayObject_FromTheFirstToTheLastDayOfTheNotice(string on, ObjectionVerdict expected)
    {
        Assert.Equal(expected, SelectionRules.MayObject(Noticed(), At.Date(on)));
    }

    [Theory]
    [InlineData("2026-11-08", SelectionState.NoticeRunning)]
    [InlineData("2026-11-09", SelectionState.ReadyToConclude)]
    public void StateOn_WithoutObjection_RunsUntilTheLastDayThenIsReady(string today, SelectionState expected)
    {
        Assert.Equal(expected, SelectionRules.StateOn(Noticed(), At.Date(today)));
    }

    [Fact]
    public void StateOn_OpenObjection_HoldsTheDecisionPastTheNoticesEnd()
    {
        var selection = Noticed();
        selection.Object(9, "出勤记录不实", At.Date("2026-11-05"), Now, "9:card");

        Assert.Equal(SelectionState.Held, SelectionRules.StateOn(selection, At.Date("2026-11-06")));
        Assert.Equal(SelectionState.Held, SelectionRules.StateOn(selection, At.Date("2026-11-20")));
        Assert.Throws<InvalidOperationException>(() => selection.Conclude(At.Date("2026-11-20"), At.Date("2026-11-20"), 1));
    }

    [Fact]
    public void Resolve_Upheld_EndsTheSelectionNotAdmittedAndTakesNoMoreObjections()
    {
        var selection = Noticed();
        var objection = selection.Object(9, "出勤记录不实", At.Date("2026-11-05"), Now, "9:card");

        selection.Resolve(objection, ObjectionResolution.Upheld, "经核实属实", 1, At.Date("2026-11-06"), Now);

        Assert.Equal(SelectionState.NotAdmitted, SelectionRules.StateOn(selection, At.Date("2026-11-06")));
        Assert.Equal((SelectionOutcome.NotAdmitted, (DateOnly?)At.Date("2026-11-06")), (selection.Outcome!.Value, selection.OutcomeOn));
        Assert.Equal(ObjectionVerdict.Ended, SelectionRules.MayObject(selection, At.Date("2026-11-07")));
    }

    [Fact]
    public void Resolve_Dismissed_NoticeEndsAsPlanned()
    {
        var selection = Noticed();
        var objection = selection.Object(9, "理由", At.Date("2026-11-05"), Now, "9:card");

        selection.Resolve(objection, ObjectionResolution.Dismissed, null, 1, At.Date("2026-11-06"), Now);

        Assert.Equal(SelectionState.NoticeRunning, SelectionRules.StateOn(selection, At.Date("2026-11-08")));
        Assert.Equal(SelectionState.ReadyToConclude, SelectionRules.StateOn(selection, At.Date("2026-11-09")));
        Assert.Equal(At.Date("2026-11-09"), SelectionRules.ActivistFrom(selection));
    }

    [Fact]
    public void ActivistFrom_ObjectionDismissedAfterTheNoticeEnded_IsTheDayOfTheDismissal()
    {
        var selection = Noticed();
        var objection = selection.Object(9, "理由", At.Date("2026-11-08"), Now, "9:card");
        selection.Resolve(objection, ObjectionResolution.Dismissed, null, 1, At.Date("2026-11-12"), Now);

        var from = selection.Conclude(At.Date("2026-11-13"), At.Date("2026-11-13"), 1);

        Assert.Equal(At.Date("2026-11-12"), from);
        Assert.Equal((SelectionOutcome.Admitted, (DateOnly?)At.Date("2026-11-12"), (DateOnly?)At.Date("2026-11-13"), (int?)1),
            (selection.Outcome!.Value, selection.OutcomeOn, selection.FiledUpwardOn, selection.ConcludedById));
    }

    [Theory]
    [InlineData("2026-11-08", "2026-11-08")]
    [InlineData("2026-11-10", "2026-11-11")]
    public void Conclude_WhileRunningOrFiledInTheFuture_Throws(string today, string filedOn)
    {
        Assert.ThrowsAny<Exception>(() => Noticed().Conclude(At.Date(today), At.Date(filedOn), 1));
    }

    [Fact]
    public void Object_AfterTheNotice_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => Noticed().Object(9, "理由", At.Date("2026-11-09"), Now, "9:card"));
    }

    [Fact]
    public void Selection_MembersRecommendationWithoutTheMember_Throws()
    {
        Assert.Throws<ArgumentException>(() => new Selection(7, Recommender.Member, null, At.Date("2026-11-01"), At.Date("2026-11-02"), 7, 1, Now, "k"));
        Assert.Throws<ArgumentException>(() => new Selection(7, Recommender.YouthLeague, 3, At.Date("2026-11-01"), At.Date("2026-11-02"), 7, 1, Now, "k"));
        Assert.Throws<ArgumentException>(() => new Selection(7, Recommender.Member, 7, At.Date("2026-11-01"), At.Date("2026-11-02"), 7, 1, Now, "k"));
    }

    [Theory]
    [InlineData(Stage.Applicant, true)]
    [InlineData(Stage.Activist, false)]
    [InlineData(Stage.Full, false)]
    public void MayBeCandidate_OnlyAnApplicant(Stage stage, bool expected)
    {
        Assert.Equal(expected, SelectionRules.MayBeCandidate(new MemberBuilder().AtStage(stage).Build()));
    }
}
