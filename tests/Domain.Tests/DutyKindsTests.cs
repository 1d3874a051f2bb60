namespace BranchBot.Domain.Tests;

// The catalogue of duty kinds. The tests enumerate Enum.GetValues<ObligationKind>(), so a kind added to the enum is
// checked here by construction; one added without an entry does not even compile (DutyKinds.Describe has no `_` arm).
public class DutyKindsTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 20, 21, 0, 0, TimeSpan.FromHours(8));

    public static TheoryData<ObligationKind> Kinds() => [.. Enum.GetValues<ObligationKind>()];

    [Fact]
    public void All_EveryObligationKind_IsDescribedOnceInTheEnumsOrder()
    {
        Assert.Equal(Enum.GetValues<ObligationKind>(), DutyKinds.All.Select(d => d.Kind));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Of_EveryKind_DescribesThatKind(ObligationKind kind)
    {
        var duty = DutyKinds.Of(kind);

        Assert.Equal(kind, duty.Kind);
        Assert.True(Enum.IsDefined(duty.Owner), $"{kind} has no owner");
        Assert.True(Enum.IsDefined(duty.FulfilledBy), $"{kind} says no way to be fulfilled");
        Assert.True(Enum.IsDefined(duty.DefaultCadence), $"{kind} has no default cadence");
    }

    [Fact]
    public void Of_UnnamedValue_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DutyKinds.Of((ObligationKind)99));
    }

    [Theory]
    [InlineData(ObligationKind.ThoughtReport, Owner.Self, true, Fulfilment.ReportForPeriod, Cadence.Monthly)]
    [InlineData(ObligationKind.Talk, Owner.Mentor, false, Fulfilment.TalkDatedInPeriod, Cadence.Monthly)]
    [InlineData(ObligationKind.BranchReport, Owner.Self, true, Fulfilment.ReportForPeriod, Cadence.Quarterly)]
    [InlineData(ObligationKind.ActivistEvaluation, Owner.Committee, false, Fulfilment.EvaluationForPeriod, Cadence.Quarterly)]
    [InlineData(ObligationKind.ProbationaryEvaluation, Owner.Committee, false, Fulfilment.EvaluationForPeriod, Cadence.HalfYearly)]
    public void Of_SeedKind_IsDescribedAsTheBranchWorks(ObligationKind kind, Owner owner, bool isWritten, Fulfilment fulfilledBy, Cadence cadence)
    {
        Assert.Equal(new DutyKind(kind, owner, isWritten, fulfilledBy, cadence), DutyKinds.Of(kind));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void PolicyRule_EveryKindWithItsOwner_IsAcceptedAndAgreesWithTheCatalogue(ObligationKind kind)
    {
        var duty = DutyKinds.Of(kind);

        var rule = new PolicyRule(kind, Stage.Activist, duty.Owner, duty.DefaultCadence);

        Assert.Equal(duty.Owner, PolicyRule.ExpectedOwner(kind));
        Assert.Equal(duty.IsWritten, rule.IsWritten);
        foreach (var other in Enum.GetValues<Owner>().Where(o => o != duty.Owner))
            Assert.Throws<ArgumentException>(() => new PolicyRule(kind, Stage.Activist, other, duty.DefaultCadence));
    }

    // A fact of the kind, made the way its description says, fulfils the obligation of the kind's owner for that period.
    [Theory]
    [MemberData(nameof(Kinds))]
    public void FulfilledAt_EveryKind_ItsOwnFactFulfilsItsPeriod(ObligationKind kind)
    {
        var duty = DutyKinds.Of(kind);
        var period = Period.Containing(duty.DefaultCadence, new DateOnly(2026, 11, 3));
        int? ownerId = duty.Owner switch { Owner.Self => 7, Owner.Mentor => 3, _ => null };
        var fact = duty.FulfilledBy switch
        {
            Fulfilment.ReportForPeriod => FulfilmentFact.Report(7, kind, period, At),
            Fulfilment.TalkDatedInPeriod => FulfilmentFact.Talk(3, 7, new DateOnly(2026, 11, 3), At),
            Fulfilment.EvaluationForPeriod => FulfilmentFact.Evaluation(7, kind, period, At),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "The test does not know this fulfilment yet."),
        };

        var facts = new FactIndex(facts: [fact]);

        Assert.Equal(kind, fact.Kind);
        Assert.Equal(At, facts.FulfilledAt(kind, ownerId, 7, period));
        Assert.Null(facts.FulfilledAt(kind, ownerId, 7, period.Next()));
    }
}
