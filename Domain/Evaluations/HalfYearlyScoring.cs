namespace BranchBot.Domain.Evaluations;

/// <summary>The three parts of a probationary member's half-yearly comprehensive evaluation.</summary>
public enum EvaluationPart
{
    /// <summary>The member's self-assessment (20%).</summary>
    Self = 1,
    /// <summary>The ratings of the other members of the group (30%, their mean).</summary>
    Peer = 2,
    /// <summary>The branch's assessment, by the discipline member or the committee (50%).</summary>
    Branch = 3,
}

/// <summary>
/// The settings of the half-yearly evaluation (the seed's values by default), part of the stored policy
/// (<see cref="Policy.Evaluation"/>). Validated: peers <see cref="MinPeersLow"/> to <see cref="MinPeersHigh"/>, pass mark
/// 0 to 100 with at most <see cref="PassMarkDecimals"/> decimal.
/// </summary>
/// <param name="MinPeers">Peer ratings needed; a group with fewer other full or probationary members needs all of them.</param>
/// <param name="PassMark">The rounded weighted score passes at this or more.</param>
public sealed record EvaluationPolicy(int MinPeers = 3, decimal PassMark = 60m)
{
    /// <summary>The fewest and most peer ratings a policy may ask for.</summary>
    public const int MinPeersLow = 1, MinPeersHigh = 20;
    /// <summary>Decimal places a pass mark may have.</summary>
    public const int PassMarkDecimals = 1;

    /// <summary>Peer ratings needed (1 to 20); a group with fewer other full or probationary members needs all of them.</summary>
    public int MinPeers { get; } = MinPeers is >= MinPeersLow and <= MinPeersHigh
        ? MinPeers
        : throw new ArgumentOutOfRangeException(nameof(MinPeers), MinPeers, $"An evaluation asks for {MinPeersLow} to {MinPeersHigh} peer ratings.");

    /// <summary>The rounded weighted score passes at this or more (0 to 100, at most one decimal).</summary>
    public decimal PassMark { get; } = PassMark is >= HalfYearlyScoring.MinScore and <= HalfYearlyScoring.MaxScore && decimal.Round(PassMark, PassMarkDecimals) == PassMark
        ? PassMark
        : throw new ArgumentOutOfRangeException(nameof(PassMark), PassMark, "A pass mark is 0 to 100 with at most one decimal.");

    /// <summary>Three peers, pass at 60.</summary>
    public static EvaluationPolicy Default { get; } = new();
}

/// <summary>What a round has so far and, once nothing is missing, its result.</summary>
/// <param name="HasSelf">Whether the self-assessment is in.</param>
/// <param name="PeerCount">How many peers rated; never who.</param>
/// <param name="PeersNeeded">Peer ratings the round needs.</param>
/// <param name="PeerMean">The mean of the peer ratings, rounded to 2 places (null with none).</param>
/// <param name="HasBranch">Whether the branch part is in.</param>
/// <param name="Score">The weighted score, rounded to 2 places half away from zero; null while a part is missing.</param>
/// <param name="Passed">Whether the score reaches the pass mark (false while incomplete).</param>
public sealed record EvaluationOutcome(bool HasSelf, int PeerCount, int PeersNeeded, decimal? PeerMean, bool HasBranch, decimal? Score, bool Passed)
{
    /// <summary>Whether every part is in and the result stands.</summary>
    public bool IsComplete => Score.HasValue;
    /// <summary>The parts still missing, in the order self, peers, branch.</summary>
    public IReadOnlyList<EvaluationPart> Missing =>
        [.. new[] { (EvaluationPart.Self, !HasSelf), (EvaluationPart.Peer, PeerCount < Math.Max(1, PeersNeeded)), (EvaluationPart.Branch, !HasBranch) }.Where(x => x.Item2).Select(x => x.Item1)];
}

/// <summary>The half-yearly comprehensive evaluation: self 20% + peers 30% + branch 50%, each part 0 to 100.</summary>
public static class HalfYearlyScoring
{
    /// <summary>Weights of the parts.</summary>
    public const decimal SelfWeight = 0.2m, PeerWeight = 0.3m, BranchWeight = 0.5m;
    /// <summary>The lowest and highest score of any part.</summary>
    public const decimal MinScore = 0m, MaxScore = 100m;
    /// <summary>Places the scores are given in and the result is rounded to (half away from zero).</summary>
    public const int Decimals = 2;

    /// <summary>Whether a score is 0 to 100 with at most two decimal places.</summary>
    public static bool IsValidScore(decimal score) => score is >= MinScore and <= MaxScore && decimal.Round(score, Decimals) == score;

    /// <summary>
    /// How many peer ratings the round needs: <see cref="EvaluationPolicy.MinPeers"/>, or every other full or
    /// probationary member of the group when there are fewer. With none the round cannot finish (the peer part is
    /// not waived: the committee moves the member to a group first).
    /// </summary>
    public static int PeersNeeded(int otherMembersOfGroup, EvaluationPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentOutOfRangeException.ThrowIfNegative(otherMembersOfGroup);
        return Math.Min(policy.MinPeers, otherMembersOfGroup);
    }

    /// <summary>0.2 × self + 0.3 × peer mean + 0.5 × branch, rounded to 2 places half away from zero.</summary>
    public static decimal Weighted(decimal self, decimal peerMean, decimal branch)
    {
        foreach (var (score, name) in new[] { (self, nameof(self)), (peerMean, nameof(peerMean)), (branch, nameof(branch)) })
            if (score is < MinScore or > MaxScore) throw new ArgumentOutOfRangeException(name, score, "A score is 0 to 100.");
        return Math.Round(SelfWeight * self + PeerWeight * peerMean + BranchWeight * branch, Decimals, MidpointRounding.AwayFromZero);
    }

    /// <summary>
    /// The round's outcome: the weighted score (from the exact peer mean) once the self-assessment, at least
    /// <paramref name="peersNeeded"/> peer ratings (at least one) and the branch part are in; it passes at
    /// <see cref="EvaluationPolicy.PassMark"/> or more on the rounded score. Ratings beyond those needed all count.
    /// </summary>
    public static EvaluationOutcome Outcome(decimal? self, IReadOnlyCollection<decimal> peers, decimal? branch, int peersNeeded, EvaluationPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(peers);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentOutOfRangeException.ThrowIfNegative(peersNeeded);
        decimal? mean = peers.Count == 0 ? null : peers.Sum() / peers.Count;
        var shown = mean is { } m ? Math.Round(m, Decimals, MidpointRounding.AwayFromZero) : (decimal?)null;
        var complete = self.HasValue && branch.HasValue && mean.HasValue && peers.Count >= Math.Max(1, peersNeeded);
        if (!complete) return new(self.HasValue, peers.Count, peersNeeded, shown, branch.HasValue, null, false);
        var score = Weighted(self!.Value, mean!.Value, branch!.Value);
        return new(true, peers.Count, peersNeeded, shown, true, score, score >= policy.PassMark);
    }
}

/// <summary>The half-year rounds of a probation, counted from the admission (the probation's first day).</summary>
public static class HalfYearlyRounds
{
    /// <summary>The first day of round <paramref name="number"/> (1 = the first half year).</summary>
    public static DateOnly StartOf(DateOnly probationSince, int number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        return probationSince.AddMonths(6 * (number - 1));
    }

    /// <summary>The last day of round <paramref name="number"/>: the day before the next half year begins.</summary>
    public static DateOnly EndOf(DateOnly probationSince, int number) => StartOf(probationSince, number + 1).AddDays(-1);

    /// <summary>
    /// The round that may be opened on <paramref name="date"/>: the latest half year that has ended by then (its last
    /// day counts as ended), or 0 when the first half year is still running. Opening early is refused, so a round is
    /// always about a half year served.
    /// </summary>
    public static int DueOn(DateOnly probationSince, DateOnly date)
    {
        var number = 0;
        while (EndOf(probationSince, number + 1) <= date) number++;
        return number;
    }

    /// <summary>
    /// The period the round's result is recorded for (the evaluation fact that fulfils the half-yearly duty): the
    /// calendar half year containing the round's last day. Two rounds six months apart never share one.
    /// </summary>
    public static Period PeriodOf(DateOnly probationSince, int number) => Period.Containing(Cadence.HalfYearly, EndOf(probationSince, number));

    /// <summary>Days between the bot's own chases of a round's missing parts, counted from the day it was opened.</summary>
    public const int ChaseEveryDays = 7;

    /// <summary>
    /// The round the bot opens by itself on <paramref name="date"/>, or 0: the latest round whose half year has come
    /// (<see cref="DueOn"/>: its last day, the same day the committee may first open it by hand), among the half years
    /// that lie within the probation, i.e. end before <paramref name="probationEndsOn"/> (the day the member is full on
    /// a conversion on time, postponements included). So a one-year probation has rounds 1 and 2 (at 6 and 12 months,
    /// on the last day of each half year), one postponed to 18 months has a third, and a half year cut short by the
    /// end of a postponement (say at 15 months) gets no round of its own.
    /// </summary>
    public static int OpensOn(DateOnly probationSince, DateOnly probationEndsOn, DateOnly date)
    {
        var number = DueOn(probationSince, date);
        while (number > 0 && EndOf(probationSince, number) >= probationEndsOn) number--;
        return number;
    }

    /// <summary>
    /// The chase day the bot's run on <paramref name="date"/> belongs to for a round opened on <paramref name="openedOn"/>:
    /// the latest day that is a whole multiple of <see cref="ChaseEveryDays"/> after the opening and not after
    /// <paramref name="date"/> (a run that missed the day chases late, under the same day); null within the first
    /// week. At most one chase per person and day, since the day names the chase.
    /// </summary>
    public static DateOnly? ChaseDayOn(DateOnly openedOn, DateOnly date)
    {
        var weeks = (date.DayNumber - openedOn.DayNumber) / ChaseEveryDays;
        return weeks < 1 ? null : openedOn.AddDays(weeks * ChaseEveryDays);
    }
}
