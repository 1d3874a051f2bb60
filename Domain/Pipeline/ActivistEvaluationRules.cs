namespace BranchBot.Domain.Pipeline;

/// <summary>Why the committee may or may not stop an activist's cultivation.</summary>
public enum StopVerdict
{
    /// <summary>The latest two evaluations of the activist stage both need improvement: told what to fix, no progress.</summary>
    Allowed = 1,
    /// <summary>The person does not hold the activist stage.</summary>
    NotAnActivist = 2,
    /// <summary>Not two failures in a row: the person has not yet been told what to fix and then shown no progress.</summary>
    ProgressNotJudged = 3,
}

/// <summary>The activist quarterly evaluation (考察鉴定): which quarters may be recorded, "no progress", and stopping cultivation.</summary>
public static class ActivistEvaluationRules
{
    /// <summary>The longest "what to fix" text kept.</summary>
    public const int MaxNotesLength = 500;

    /// <summary>
    /// The quarters the committee may record on <paramref name="today"/> for the activist stage now held: the current
    /// quarter and the one before (a quarter is usually judged just after it ends), each only if it overlaps the stage.
    /// Latest first; empty when the person is not an activist.
    /// </summary>
    public static IReadOnlyList<Period> OpenQuarters(Member member, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (member.Stages[^1] is not { Stage: Stage.Activist } stage) return [];
        var current = Period.Containing(Cadence.Quarterly, today);
        return [.. new[] { current, current.Previous() }.Where(q => q.End >= stage.Since && q.Start <= today)];
    }

    /// <summary>The evaluations of the activist stage now held (periods that ended before it began judged an earlier stage), oldest first.</summary>
    public static IReadOnlyList<EvaluationResult> OfCurrentStage(Member member, IEnumerable<EvaluationResult> evaluations)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(evaluations);
        if (member.Stages[^1] is not { Stage: Stage.Activist } stage) return [];
        return [.. evaluations.Where(e => e.Period.End >= stage.Since).OrderBy(e => e.Period.Start)];
    }

    /// <summary>
    /// "No progress" (our reading of the seed's rule): the latest two recorded evaluations of the activist stage now held
    /// both need improvement. The first told the person what to fix; the second found it not fixed. A pass in between
    /// starts the count again; quarters left unrecorded between the two do not break it.
    /// </summary>
    public static bool NoProgress(Member member, IEnumerable<EvaluationResult> evaluations)
    {
        var own = OfCurrentStage(member, evaluations);
        return own.Count >= 2 && !own[^1].Passed && !own[^2].Passed;
    }

    /// <summary>Whether the committee may stop the cultivation of <paramref name="member"/>: an activist showing <see cref="NoProgress"/>.</summary>
    public static StopVerdict MayStop(Member member, IEnumerable<EvaluationResult> evaluations)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (member.Stage != Stage.Activist) return StopVerdict.NotAnActivist;
        return NoProgress(member, evaluations) ? StopVerdict.Allowed : StopVerdict.ProgressNotJudged;
    }
}
