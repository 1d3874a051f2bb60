namespace BranchBot.Domain;

/// <summary>How a recorded fact fulfils an obligation's period.</summary>
public enum Fulfilment
{
    /// <summary>A report the owner hands in for exactly that period (its first version decides).</summary>
    ReportForPeriod = 1,
    /// <summary>A talk of the mentor with the mentee held on a date inside the period.</summary>
    TalkDatedInPeriod = 2,
    /// <summary>The committee's evaluation recorded for exactly that period.</summary>
    EvaluationForPeriod = 3,
}

/// <summary>What every layer needs to know about one kind of duty.</summary>
/// <param name="Kind">The kind described.</param>
/// <param name="Owner">The only owner that makes sense for it.</param>
/// <param name="IsWritten">Whether it is a text the person writes.</param>
/// <param name="FulfilledBy">Which fact fulfils a period, and how it is matched to the period.</param>
/// <param name="DefaultCadence">The cadence assumed when the policy has no rule for it.</param>
public sealed record DutyKind(ObligationKind Kind, Owner Owner, bool IsWritten, Fulfilment FulfilledBy, Cadence DefaultCadence);

/// <summary>
/// The one description of each <see cref="ObligationKind"/>. Every layer looks a kind up here instead of switching
/// on it, so a new kind cannot fall into someone's default arm: without an entry it does not compile.
/// </summary>
public static class DutyKinds
{
    private static readonly DutyKind ThoughtReport = new(ObligationKind.ThoughtReport, Owner.Self, IsWritten: true, Fulfilment.ReportForPeriod, Cadence.Monthly);
    private static readonly DutyKind Talk = new(ObligationKind.Talk, Owner.Mentor, IsWritten: false, Fulfilment.TalkDatedInPeriod, Cadence.Monthly);
    private static readonly DutyKind BranchReport = new(ObligationKind.BranchReport, Owner.Self, IsWritten: true, Fulfilment.ReportForPeriod, Cadence.Quarterly);
    private static readonly DutyKind ActivistEvaluation = new(ObligationKind.ActivistEvaluation, Owner.Committee, IsWritten: false, Fulfilment.EvaluationForPeriod, Cadence.Quarterly);
    private static readonly DutyKind ProbationaryEvaluation = new(ObligationKind.ProbationaryEvaluation, Owner.Committee, IsWritten: false, Fulfilment.EvaluationForPeriod, Cadence.HalfYearly);

    // Indexed by the enum's value: the schedule asks for every obligation it builds.
    private static readonly DutyKind?[] ByValue = Index();

    /// <summary>The description of a kind; throws for a value that is not a named kind.</summary>
    public static DutyKind Of(ObligationKind kind) =>
        (uint)kind < (uint)ByValue.Length && ByValue[(int)kind] is { } duty
            ? duty
            : throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown obligation kind.");

    // No `_ =>` arm on purpose: a named kind without an entry is error CS8509 (warnings are errors). CS8524 is
    // about unnamed values such as (ObligationKind)99, which Of turns away first.
#pragma warning disable CS8524
    private static DutyKind Describe(ObligationKind kind) => kind switch
    {
        ObligationKind.ThoughtReport => ThoughtReport,
        ObligationKind.Talk => Talk,
        ObligationKind.BranchReport => BranchReport,
        ObligationKind.ActivistEvaluation => ActivistEvaluation,
        ObligationKind.ProbationaryEvaluation => ProbationaryEvaluation,
    };
#pragma warning restore CS8524

    /// <summary>Every kind's description, in the enum's order.</summary>
    public static IReadOnlyList<DutyKind> All { get; } = [.. Enum.GetValues<ObligationKind>().Select(Of)];

    private static DutyKind?[] Index()
    {
        var kinds = Enum.GetValues<ObligationKind>();
        var index = new DutyKind?[(int)kinds.Max() + 1];
        foreach (var kind in kinds) index[(int)kind] = Describe(kind);
        return index;
    }
}
