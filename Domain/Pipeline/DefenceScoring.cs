namespace BranchBot.Domain.Pipeline;

/// <summary>One committee member's marks at a public defence (公开答辩), each 0 to 100.</summary>
public readonly record struct DefenceMarks(int Defence, int DailyWork);

/// <summary>The defence's result: how many scored, the average of their scores, and whether it passes.</summary>
public sealed record DefenceResult(int Scorers, decimal Average, bool EnoughScorers, bool Passed);

/// <summary>The public defence: 30% defence + 70% daily work and conduct, scored by the committee members present.</summary>
public static class DefenceScoring
{
    /// <summary>The lowest and highest mark of either part.</summary>
    public const int MinMark = 0, MaxMark = 100;
    /// <summary>Policy: a result needs at least three scorers (a committee quorum of the seed's five offices).</summary>
    public const int MinScorers = 3;
    /// <summary>Policy: the average passes at 60 or more.</summary>
    public const decimal PassMark = 60m;
    /// <summary>Decimal places the average is rounded to (half away from zero), before it is compared with <see cref="PassMark"/>.</summary>
    public const int AverageDecimals = 2;

    /// <summary>
    /// One scorer's score, 0.3 × defence + 0.7 × daily work, exact: with whole marks it has at most one decimal
    /// place, so it is never rounded.
    /// </summary>
    public static decimal Score(DefenceMarks marks)
    {
        if (marks.Defence is < MinMark or > MaxMark) throw new ArgumentOutOfRangeException(nameof(marks), marks.Defence, "Defence mark out of range.");
        if (marks.DailyWork is < MinMark or > MaxMark) throw new ArgumentOutOfRangeException(nameof(marks), marks.DailyWork, "Daily-work mark out of range.");
        return 0.3m * marks.Defence + 0.7m * marks.DailyWork;
    }

    /// <summary>
    /// The average of the exact scores, rounded to <see cref="AverageDecimals"/> places half away from zero; it passes
    /// when at least <see cref="MinScorers"/> scored and the rounded average (what people see) is at least
    /// <see cref="PassMark"/>. No scores: average 0, not passed.
    /// </summary>
    public static DefenceResult Result(IEnumerable<DefenceMarks> marks)
    {
        ArgumentNullException.ThrowIfNull(marks);
        var scores = marks.Select(Score).ToList();
        if (scores.Count == 0) return new(0, 0m, false, false);
        var average = Math.Round(scores.Sum() / scores.Count, AverageDecimals, MidpointRounding.AwayFromZero);
        var enough = scores.Count >= MinScorers;
        return new(scores.Count, average, enough, enough && average >= PassMark);
    }
}
