namespace BranchBot.Domain.Statistics;

/// <summary>One person's part of a year's figures: what they wrote, the talks held with them, their evaluations and the stages they entered.</summary>
/// <param name="Member">Who.</param>
/// <param name="Reports">Reports they handed in that counted in the year, by the stage they held on that day.</param>
/// <param name="Talks">Talks held with them (as mentee) in the year, by the stage they held on the talk's date.</param>
/// <param name="EvaluationsRecorded">Evaluations of them recorded in the year.</param>
/// <param name="EvaluationsPassed">Of those, the ones passed.</param>
/// <param name="EnteredStages">Stages they began in the year, in order.</param>
public sealed record PersonYear(
    Member Member,
    IReadOnlyDictionary<Stage, int> Reports,
    IReadOnlyDictionary<Stage, int> Talks,
    int EvaluationsRecorded,
    int EvaluationsPassed,
    IReadOnlyList<Stage> EnteredStages)
{
    /// <summary>Reports in all stages.</summary>
    public int ReportsTotal => Reports.Values.Sum();

    /// <summary>Talks in all stages.</summary>
    public int TalksTotal => Talks.Values.Sum();
}

/// <summary>
/// A year's figures in the seed's yearly shape for a set of people (the whole branch or one group): the
/// <see cref="YearlyTotals"/> (which this reuses rather than repeats), reports and talks by the stage held at the time,
/// evaluations recorded and passed, and the people behind each figure. Only facts about the given people count,
/// so a group's figures add up to the branch's when every group is asked.
/// </summary>
/// <param name="Totals">The seed's totals for these people.</param>
/// <param name="ReportsByStage">Reports counted in the year by the author's stage on that day.</param>
/// <param name="TalksByStage">Talks held in the year by the mentee's stage on the talk's date.</param>
/// <param name="EvaluationsPassed">Evaluations recorded in the year that were passed.</param>
/// <param name="People">One row per person, ordered by student number.</param>
public sealed record YearlyFigures(
    YearlyTotals Totals,
    IReadOnlyDictionary<Stage, int> ReportsByStage,
    IReadOnlyDictionary<Stage, int> TalksByStage,
    int EvaluationsPassed,
    IReadOnlyList<PersonYear> People)
{
    /// <summary>The stages the seed reports by: activists, the development stage, probationary members.</summary>
    public static IReadOnlyList<Stage> ReportedStages { get; } = [Stage.Activist, Stage.DevelopmentTarget, Stage.Probationary];

    /// <summary>The figures of <paramref name="members"/> for <paramref name="year"/> (branch-local), counting only facts whose subject is one of them.</summary>
    /// <param name="branch">The branch (its time zone fixes the year's boundaries).</param>
    /// <param name="members">The people in scope, each with their stage history.</param>
    /// <param name="facts">The facts (reports, talks, evaluations) of at least the year and the year before.</param>
    /// <param name="evaluations">The recorded evaluations with their outcome.</param>
    /// <param name="year">The calendar year.</param>
    public static YearlyFigures For(Branch branch, IEnumerable<Member> members, FactIndex facts, IEnumerable<Evaluation> evaluations, int year)
    {
        ArgumentNullException.ThrowIfNull(branch);
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(evaluations);
        var people = members.OrderBy(m => m.StudentNumber, StringComparer.Ordinal).ToList();
        var inScope = people.Select(m => m.Id).ToHashSet();
        var scoped = new FactIndex(facts.Reports.Concat(facts.Talks).Concat(facts.Evaluations).Where(f => inScope.Contains(f.SubjectId)));
        var totals = YearlyTotals.Compute(branch, people, scoped, year);

        var yearStarts = branch.EndOfDay(new DateOnly(year, 1, 1).AddDays(-1)).AddSeconds(1);
        var yearEnds = branch.EndOfDay(new DateOnly(year, 12, 31)).AddSeconds(1);
        bool InYear(DateTimeOffset at) => at >= yearStarts && at < yearEnds;

        var roster = people.ToDictionary(m => m.Id);
        var reports = people.ToDictionary(m => m.Id, _ => Zeros());
        var talks = people.ToDictionary(m => m.Id, _ => Zeros());
        foreach (var (memberId, _, at) in scoped.FirstReports())
            if (InYear(at)) reports[memberId][YearlyTotals.StageOn(roster[memberId], branch.LocalDate(at))]++;
        foreach (var t in scoped.Talks)
            if (t.HeldOn!.Value.Year == year) talks[t.SubjectId][YearlyTotals.StageOn(roster[t.SubjectId], t.HeldOn.Value)]++;

        var recorded = people.ToDictionary(m => m.Id, _ => (Recorded: 0, Passed: 0));
        foreach (var e in evaluations)
        {
            if (!InYear(e.At) || !recorded.TryGetValue(e.SubjectId, out var n)) continue;
            recorded[e.SubjectId] = (n.Recorded + 1, n.Passed + (e.Passed ? 1 : 0));
        }

        var rows = people.Select(m => new PersonYear(m, reports[m.Id], talks[m.Id], recorded[m.Id].Recorded, recorded[m.Id].Passed,
            [.. m.Stages.Where(s => s.Since.Year == year).Select(s => s.Stage)])).ToList();
        return new YearlyFigures(totals, Sum(rows.Select(r => r.Reports)), Sum(rows.Select(r => r.Talks)),
            rows.Sum(r => r.EvaluationsPassed), rows);
    }

    private static Dictionary<Stage, int> Zeros() => Enum.GetValues<Stage>().ToDictionary(s => s, _ => 0);

    private static Dictionary<Stage, int> Sum(IEnumerable<IReadOnlyDictionary<Stage, int>> counts)
    {
        var sum = Zeros();
        foreach (var c in counts)
            foreach (var (stage, n) in c) sum[stage] += n;
        return sum;
    }
}
