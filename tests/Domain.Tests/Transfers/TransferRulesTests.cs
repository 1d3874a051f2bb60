using BranchBot.Domain.Statistics;
using BranchBot.Domain.Transfers;

namespace BranchBot.Domain.Tests.Transfers;

public sealed class TransferRulesTests
{
    private static readonly Member Secretary = new MemberBuilder().WithId(90).AtStage(Stage.Full).WithRoles(Roles.Secretary).Build();

    private static Member Graduate(int id, string? on, Stage stage = Stage.Full)
    {
        var m = new MemberBuilder().WithId(id).AtStage(stage).Since("2024-01-01").Build();
        m.SetGraduation(on is null ? null : At.Date(on));
        return m;
    }

    [Theory]
    [InlineData("2026-07-01", null)]
    [InlineData("2026-12-31", null)]
    [InlineData("2025-06-30", null)]
    [InlineData("2027-01-01", TransferProblem.NotGraduating)]
    [InlineData(null, TransferProblem.NotGraduating)]
    public void CheckLetter_GraduationDate_ThisYearOrEarlierOnly(string? graduatesOn, TransferProblem? expected) =>
        Assert.Equal(expected, TransferRules.CheckLetter(Secretary, Graduate(1, graduatesOn), null, At.Date("2026-06-10"), At.Date("2026-06-10")));

    [Fact]
    public void CheckLetter_AnActivistWithoutGraduationDate_IsRefusedAsNotAPartyMemberFirst() =>
        Assert.Equal(TransferProblem.NotAPartyMember, TransferRules.CheckLetter(Secretary, Graduate(1, null, Stage.Activist), null, At.Date("2026-06-10"), At.Date("2026-06-10")));

    [Theory]
    [InlineData("2026-07-01", true)]
    [InlineData("2026-08-01", true)]
    [InlineData("2027-01-01", true)]
    [InlineData("2026-06-01", false)]
    [InlineData("2026-06-10", false)]
    [InlineData("2026-07-02", false)]
    [InlineData("2026-06-30", false)]
    public void IsChasedOn_LetterOf10June_TheFirstOfEachLaterMonth(string day, bool expected)
    {
        var transfer = new Transfer(1, At.Date("2026-06-10"), "某党委", 90, At.Cst("2026-06-10 10:00:00"));

        Assert.Equal(expected, TransferRules.IsChasedOn(transfer, At.Date(day)));
    }

    [Fact]
    public void IsChasedOn_ReceiptRecorded_NeverAgain()
    {
        var transfer = new Transfer(1, At.Date("2026-06-10"), "某党委", 90, At.Cst("2026-06-10 10:00:00"));
        transfer.RecordReceipt(At.Date("2026-07-15"), 90);

        Assert.False(TransferRules.IsChasedOn(transfer, At.Date("2026-08-01")));
    }

    [Fact]
    public void OpenAt_ATransferredMember_HasNothingOpenEvenForPeriodsBeforeTheTransfer()
    {
        var member = MemberBuilder.Probationary(5).Since("2025-09-01").Build();
        var other = MemberBuilder.Probationary(6).Since("2025-09-01").Build();
        member.TransferOut(At.Date("2026-06-20"));
        var schedule = new ObligationSchedule(BranchBuilder.Default, Policy.Default, [member, other], new FactIndex());

        var open = schedule.OpenAt([member, other], At.Cst("2026-06-25 10:00:00"), At.Date("2026-05-01"));
        var before = schedule.OpenAt([member], At.Cst("2026-06-19 10:00:00"), At.Date("2026-05-01"));

        Assert.NotEmpty(open);
        Assert.All(open, o => Assert.Equal(6, o.SubjectId));
        Assert.Contains(before, o => o.SubjectId == 5);
    }

    [Fact]
    public void YearlyFigures_ATransferredMember_KeepsTheRowAndTheReportsBeforeTheTransfer()
    {
        var member = MemberBuilder.Probationary(8).Numbered("2024008").Since("2025-06-01").Build();
        member.SetGraduation(At.Date("2026-07-01"));
        member.TransferOut(At.Date("2026-06-20"));
        var facts = new FactIndex([Fact.Report(8, "2026-02", At.Cst("2026-02-20 10:00:00")), Fact.Report(8, "2026-05", At.Cst("2026-05-20 10:00:00"))]);

        var figures = YearlyFigures.For(BranchBuilder.Default, [member], facts, [], 2026);
        var transfers = TransferFigures.For(2026, [member], [new Transfer(8, At.Date("2026-06-20"), "某党委", 90, At.Cst("2026-06-20 10:00:00"))]);

        Assert.Equal(2, Assert.Single(figures.People).ReportsTotal);
        Assert.Equal(2, figures.ReportsByStage[Stage.Probationary]);
        Assert.Equal([8], transfers.Graduating);
        Assert.Equal([8], transfers.LettersIssued);
        Assert.Equal([8], transfers.ReceiptsMissing);
    }
}
