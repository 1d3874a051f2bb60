namespace BranchBot.Domain.Pipeline;

/// <summary>Why an activist may or may not be made a development target on a date.</summary>
public enum DevelopmentVerdict
{
    /// <summary>At least a year as an activist and the latest evaluation passed (or none recorded yet).</summary>
    Eligible = 1,
    /// <summary>The person does not hold the activist stage.</summary>
    NotAnActivist = 2,
    /// <summary>Less than a year as an activist: see <see cref="DevelopmentEligibility.EligibleOn"/>.</summary>
    TooEarly = 3,
    /// <summary>The latest evaluation of the activist stage was not passed.</summary>
    LastEvaluationFailed = 4,
}

/// <summary>An evaluation's period and result, as the eligibility rule needs it.</summary>
public readonly record struct EvaluationResult(Period Period, bool Passed);

/// <summary>The verdict, the first day the year as an activist is complete, and whether any evaluation was recorded.</summary>
public sealed record DevelopmentEligibility(DevelopmentVerdict Verdict, DateOnly? EligibleOn, bool NoEvaluationYet)
{
    /// <summary>Whether the committee may confirm the person as a development target.</summary>
    public bool IsEligible => Verdict == DevelopmentVerdict.Eligible;
}

/// <summary>Who may become a development target (发展对象), from the stage history and the activist evaluations.</summary>
public static class DevelopmentRules
{
    /// <summary>
    /// Eligible on <paramref name="date"/> when the activist stage now held began at least a year before (the
    /// anniversary itself counts: since 2025-03-15, eligible from 2026-03-15; since Feb 29, from Feb 28) and the
    /// latest evaluation of that stage passed. A failed evaluation followed by a passed one counts as fixed. With no
    /// evaluation recorded the person is eligible: the branch has not been recording evaluations in the bot, and the
    /// committee confirms with the opinions heard; <see cref="DevelopmentEligibility.NoEvaluationYet"/> says so.
    /// </summary>
    public static DevelopmentEligibility On(Member member, IEnumerable<EvaluationResult> activistEvaluations, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(activistEvaluations);
        if (member.Stages[^1] is not { Stage: Stage.Activist } stage) return new(DevelopmentVerdict.NotAnActivist, null, false);
        var eligibleOn = stage.Since.AddYears(1);
        // Evaluations of periods that ended before this activist stage began judged an earlier stage.
        var latest = activistEvaluations.Where(e => e.Period.End >= stage.Since).OrderBy(e => e.Period.Start).LastOrDefault();
        var none = latest == default;
        if (date < eligibleOn) return new(DevelopmentVerdict.TooEarly, eligibleOn, none);
        if (!none && !latest.Passed) return new(DevelopmentVerdict.LastEvaluationFailed, eligibleOn, false);
        return new(DevelopmentVerdict.Eligible, eligibleOn, none);
    }
}
