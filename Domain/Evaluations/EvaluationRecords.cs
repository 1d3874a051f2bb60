namespace BranchBot.Domain.Evaluations;

/// <summary>
/// One half-yearly comprehensive evaluation of a probationary member, opened by the committee or by the bot on the
/// day the half year has come (<see cref="HalfYearlyRounds.OpensOn"/>). Unique per member,
/// probation and round number; closed once, when every part is in, with the result that was recorded as the
/// probationary evaluation fact.
/// </summary>
public sealed class EvaluationRound
{
    private EvaluationRound() { }

    /// <summary>Opens round <paramref name="number"/> of the probation that began on <paramref name="probationSince"/>.</summary>
    public EvaluationRound(int subjectId, DateOnly probationSince, int number, int peersNeeded, int? openedById, DateTimeOffset openedAt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(peersNeeded);
        SubjectId = subjectId;
        ProbationSince = probationSince;
        Number = number;
        PeersNeeded = peersNeeded;
        OpenedById = openedById;
        OpenedAt = openedAt;
    }

    /// <summary>Database id.</summary>
    public int Id { get; private set; }
    /// <summary>The probationary member evaluated.</summary>
    public int SubjectId { get; private set; }
    /// <summary>The first day of the probation the round belongs to: a card for an older probation is stale.</summary>
    public DateOnly ProbationSince { get; private set; }
    /// <summary>1 for the first half year, 2 for the second, ...</summary>
    public int Number { get; private set; }
    /// <summary>Peer ratings needed, fixed when the round was opened (<see cref="HalfYearlyScoring.PeersNeeded"/>).</summary>
    public int PeersNeeded { get; private set; }
    /// <summary>The committee member who opened it; null when the bot opened it on the day the half year came.</summary>
    public int? OpenedById { get; private set; }
    /// <summary>When opened.</summary>
    public DateTimeOffset OpenedAt { get; private set; }
    /// <summary>When the result was computed; afterwards no rating is taken.</summary>
    public DateTimeOffset? ClosedAt { get; private set; }
    /// <summary>The weighted score, once closed.</summary>
    public decimal? Score { get; private set; }
    /// <summary>Whether it passed, once closed.</summary>
    public bool? Passed { get; private set; }

    /// <summary>Whether the result was computed.</summary>
    public bool IsClosed => ClosedAt.HasValue;

    /// <summary>The calendar half year the result is recorded for.</summary>
    public Period Period => HalfYearlyRounds.PeriodOf(ProbationSince, Number);

    /// <summary>Closes the round with a complete outcome; a closed round cannot be closed again.</summary>
    public void Close(EvaluationOutcome outcome, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (IsClosed) throw new InvalidOperationException("This round was closed already.");
        if (!outcome.IsComplete) throw new InvalidOperationException("A part is missing.");
        Score = outcome.Score;
        Passed = outcome.Passed;
        ClosedAt = at;
    }
}

/// <summary>
/// One rating in a round: the member's self-assessment, one peer's rating, or the branch's. Never changed; the
/// <see cref="Slot"/> (the rater for a peer, 0 for the self and branch parts) makes one rating per part and rater
/// (a double click, or two committee members at once, stores one).
/// </summary>
public sealed class EvaluationRating
{
    private EvaluationRating() { }

    /// <summary>Creates a rating; the score is 0 to 100 with at most two decimals.</summary>
    public EvaluationRating(int roundId, EvaluationPart part, int raterId, decimal score, string? text, DateTimeOffset at)
    {
        if (!Enum.IsDefined(part)) throw new ArgumentOutOfRangeException(nameof(part));
        if (!HalfYearlyScoring.IsValidScore(score)) throw new ArgumentOutOfRangeException(nameof(score), score, "A score is 0 to 100 with at most two decimals.");
        RoundId = roundId;
        Part = part;
        RaterId = raterId;
        Slot = part == EvaluationPart.Peer ? raterId : 0;
        Score = score;
        Text = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        At = at;
    }

    /// <summary>Database id.</summary>
    public long Id { get; private set; }
    /// <summary>The round.</summary>
    public int RoundId { get; private set; }
    /// <summary>Self, peer or branch.</summary>
    public EvaluationPart Part { get; private set; }
    /// <summary>Who gave it: the member, a peer, a committee member. Shown to nobody but themselves.</summary>
    public int RaterId { get; private set; }
    /// <summary>The unique slot: the rater for a peer rating, 0 for the self-assessment and the branch part.</summary>
    public int Slot { get; private set; }
    /// <summary>0 to 100.</summary>
    public decimal Score { get; private set; }
    /// <summary>The self-assessment's text, or a note.</summary>
    public string? Text { get; private set; }
    /// <summary>When given.</summary>
    public DateTimeOffset At { get; private set; }
}
