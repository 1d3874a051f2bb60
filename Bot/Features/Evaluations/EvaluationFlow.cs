using System.Globalization;
using BranchBot.Bot.Cards;
using BranchBot.Bot.Conversation;
using BranchBot.Bot.Delivery;
using BranchBot.Bot.Features.Reports;
using BranchBot.Bot.Localization;
using BranchBot.Domain;
using BranchBot.Domain.Evaluations;
using BranchBot.Infrastructure.Persistence;
using BranchBot.Infrastructure.Queries;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Bot.Features.Evaluations;

/// <summary>
/// The probationary half-yearly comprehensive evaluation: the committee opens a round for a probationary member whose
/// half year has ended (the pipeline milestones job opens it by itself on that day; both through
/// <see cref="EvaluationRoundOpener"/>); the self-assessment card goes to the member, a peer card to each other full or probationary
/// member of the group, the branch card to the discipline member (or, with none, the committee), all through the
/// delivery ledger. Each rating is checked against the speaker (identity from the activity, never the card); when the
/// last missing part comes in the result is computed, recorded as the probationary evaluation fact and the member is
/// told. Nobody sees who gave which peer rating: a rater sees their own, everyone else only the count and the mean.
/// </summary>
public sealed class EvaluationFlow(EvaluationRoundOpener opener, DeliverySignal delivery, ILogger<EvaluationFlow> logger)
{
    public async Task<Reply> FormAsync(Turn turn, CancellationToken cancellationToken)
    {
        if (!turn.Member.IsCommittee) return new Reply.Refused(turn.T("error.notPermitted"));
        return Reply.Show(await OverviewAsync(turn, cancellationToken));
    }

    public async Task<Reply> OpenAsync(Turn turn, CardData data, CancellationToken cancellationToken)
    {
        if (!turn.Member.IsCommittee) return new Reply.Refused(turn.T("error.notPermitted"));
        var reference = data.Reference(EvaluationsCard.SubjectInput);
        if (data.Error is { } error) return Errors.Refuse(turn, error);
        if (!int.TryParse(reference, NumberStyles.None, CultureInfo.InvariantCulture, out var subjectId)) return new Reply.Refused(turn.T("error.badChoice"));
        var subject = await turn.Db.Members.AsNoTracking().WithStageHistory().FirstOrDefaultAsync(m => m.Id == subjectId, cancellationToken);
        if (subject is null) return new Reply.Refused(turn.T("error.badChoice"));
        if (subject.Stage != Stage.Probationary)
            return new Reply.Refused(turn.T("evaluations.error.notProbationary", Markdown.Escape(subject.Name), Formats.Stage(turn.Language, subject.Stage)));
        if (subject.Id == turn.Member.Id) return new Reply.Refused(turn.T("evaluations.error.ownRound"));
        var number = HalfYearlyRounds.DueOn(subject.StageSince, turn.Today);
        if (number == 0)
            return new Reply.Refused(turn.T("evaluations.error.tooEarly", Markdown.Escape(subject.Name), Formats.Date(turn.Language, HalfYearlyRounds.EndOf(subject.StageSince, 1))));

        var opened = await opener.OpenAsync(turn.Db, subject, number, turn.Member.Id, turn.Policy.Evaluation, turn.Now, cancellationToken);
        return opened.Outcome switch
        {
            RoundOpening.Opened => new Reply.ReplaceCard(EvaluationsCard.Done(turn.T("evaluations.opened", Markdown.Escape(subject.Name), number, opened.Peers, opened.PeersNeeded, opened.BranchRaters))),
            RoundOpening.AlreadyOpen => new Reply.Refused(turn.T("evaluations.error.alreadyOpen", Markdown.Escape(subject.Name), number)),
            RoundOpening.NoPeers => new Reply.Refused(turn.T("evaluations.error.noPeers", Markdown.Escape(subject.Name))),
            _ => throw new InvalidOperationException($"Unknown opening {opened.Outcome}."),
        };
    }

    /// <summary>Sends the card again to everyone whose part is still missing in every open round (one chase per round, person and day).</summary>
    public async Task<Reply> ChaseAsync(Turn turn, CardData data, CancellationToken cancellationToken)
    {
        if (!turn.Member.IsCommittee) return new Reply.Refused(turn.T("error.notPermitted"));
        var rounds = await turn.Db.EvaluationRounds.AsNoTracking().Where(r => r.ClosedAt == null).ToListAsync(cancellationToken);
        var chased = 0;
        foreach (var round in rounds) chased += await opener.ChaseAsync(turn.Db, round, turn.Today, turn.Now, cancellationToken);
        return new Reply.ReplaceCard(EvaluationsCard.Done(turn.T("evaluations.chased", chased)));
    }

    public async Task<Reply> RateAsync(Turn turn, CardData data, CancellationToken cancellationToken)
    {
        var roundId = data.Int(RatingCard.RoundField, 1, int.MaxValue);
        var part = data.Choice<EvaluationPart>(RatingCard.PartField);
        var scoreText = data.String(RatingCard.ScoreInput, 16);
        var text = data.String(RatingCard.TextInput, RatingCard.TextMaxLength, required: false);
        if (data.Error is { } error) return Errors.Refuse(turn, error);
        if (!decimal.TryParse(scoreText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var score) || !HalfYearlyScoring.IsValidScore(score))
            return new Reply.Refused(turn.T("evaluations.error.scoreRange", Markdown.Escape(UserText.Clip(scoreText, 16))));
        if (part == EvaluationPart.Self && text is null) return new Reply.Refused(turn.T("error.missingField", turn.T("evaluations.rating.selfText")));

        var round = await turn.Db.EvaluationRounds.FirstOrDefaultAsync(r => r.Id == roundId, cancellationToken);
        if (round is null) return new Reply.Refused(turn.T("error.badCard"));
        var subject = await turn.Db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.Id == round.SubjectId, cancellationToken);
        if (subject is null) return new Reply.Refused(turn.T("error.badCard"));
        if (subject.Stage != Stage.Probationary || subject.StageSince != round.ProbationSince)
            return new Reply.Refused(turn.T("evaluations.error.stale", Markdown.Escape(subject.Name), round.Number));
        if (await MayRateAsync(turn, subject, part!.Value, cancellationToken) is { } notYours) return new Reply.Refused(notYours);
        if (round.IsClosed) return new Reply.Refused(turn.T("evaluations.error.closed", Markdown.Escape(subject.Name), round.Number));

        var me = turn.Member.Id;
        var slot = part == EvaluationPart.Peer ? me : 0;
        var existing = await turn.Db.EvaluationRatings.AsNoTracking().FirstOrDefaultAsync(r => r.RoundId == round.Id && r.Part == part && r.Slot == slot, cancellationToken);
        if (existing is not null) return new Reply.Refused(AlreadyText(turn, existing, subject));

        turn.Db.EvaluationRatings.Add(new EvaluationRating(round.Id, part.Value, me, score, text, turn.Now));
        var ratings = await turn.Db.EvaluationRatings.AsNoTracking().Where(r => r.RoundId == round.Id).Select(r => new { r.Part, r.Score }).ToListAsync(cancellationToken);
        var selfScore = part == EvaluationPart.Self ? score : ratings.Where(r => r.Part == EvaluationPart.Self).Select(r => (decimal?)r.Score).FirstOrDefault();
        var branchScore = part == EvaluationPart.Branch ? score : ratings.Where(r => r.Part == EvaluationPart.Branch).Select(r => (decimal?)r.Score).FirstOrDefault();
        List<decimal> peerScores = [.. ratings.Where(r => r.Part == EvaluationPart.Peer).Select(r => r.Score), .. part == EvaluationPart.Peer ? [score] : Array.Empty<decimal>()];
        var outcome = HalfYearlyScoring.Outcome(selfScore, peerScores, branchScore, round.PeersNeeded, turn.Policy.Evaluation);
        if (outcome.IsComplete)
        {
            // The result and the fact go with the last rating in one save; ClosedAt is a concurrency token, so of
            // two last ratings at once only one closes the round and the other is refused, unsaved.
            round.Close(outcome, turn.Now);
            turn.Db.Evaluations.Add(new Evaluation(subject.Id, ObligationKind.ProbationaryEvaluation, round.Period, outcome.Passed,
                Texts.Default.Get(Language.ZhCn, "evaluations.notes", round.Number, EvaluationsCard.Score(outcome.Score!.Value), EvaluationsCard.Score(selfScore!.Value),
                    outcome.PeerCount, EvaluationsCard.Score(outcome.PeerMean!.Value), EvaluationsCard.Score(branchScore!.Value)), me, turn.Now));
            var language = await UserLanguage.OfMemberAsync(turn.Db, subject.Id, cancellationToken);
            var message = QueuedMessage.Of(null, ResultText(language, round.Number, outcome, selfScore.Value, branchScore.Value));
            turn.Db.ReminderDeliveries.Add(DeliveryQueue.Row(new QueuedRow(subject.Id, FormattableString.Invariant($"evaluations:{round.Id}:result"), message),
                ObligationKind.ProbationaryEvaluation, round.Period, subject.Id, turn.Now));
        }
        try
        {
            await turn.Db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException e)
        {
            logger.LogInformation(e, "Round {RoundId} was closed by a concurrent rating.", round.Id);
            turn.Db.ChangeTracker.Clear();
            return new Reply.Refused(turn.T("evaluations.error.closed", Markdown.Escape(subject.Name), round.Number));
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            logger.LogInformation(e, "A concurrent {Part} rating of round {RoundId} by {RaterId} was refused.", part, round.Id, me);
            turn.Db.ChangeTracker.Clear();
            return new Reply.Refused(turn.T("error.duplicate"));
        }
        if (outcome.IsComplete) delivery.Wake();

        var saved = turn.T($"evaluations.{RatingCard.PartKey(part.Value)}.saved", Markdown.Escape(subject.Name), round.Number, EvaluationsCard.Score(score));
        var result = outcome.IsComplete ? " " + turn.T("evaluations.completed", round.Number, EvaluationsCard.Score(outcome.Score!.Value), turn.T(outcome.Passed ? "evaluations.passed" : "evaluations.notPassed")) : "";
        return new Reply.ReplaceCard(EvaluationsCard.Done(saved + result));
    }

    /// <summary>The committee's card: the open rounds (aggregates) and the probationary members due a round not yet opened.</summary>
    private static async Task<AdaptiveCard> OverviewAsync(Turn turn, CancellationToken cancellationToken)
    {
        var probationary = await turn.Db.Members.AsNoTracking().Where(m => m.Stage == Stage.Probationary)
            .OrderBy(m => m.StageSince).ThenBy(m => m.StudentNumber).ToListAsync(cancellationToken);
        var ids = probationary.Select(m => m.Id).ToList();
        var rounds = await turn.Db.EvaluationRounds.AsNoTracking().Where(r => ids.Contains(r.SubjectId)).ToListAsync(cancellationToken);
        var openIds = rounds.Where(r => !r.IsClosed).Select(r => r.Id).ToList();
        var ratings = (await turn.Db.EvaluationRatings.AsNoTracking().Where(r => openIds.Contains(r.RoundId)).Select(r => new { r.RoundId, r.Part, r.Score }).ToListAsync(cancellationToken))
            .ToLookup(r => r.RoundId);
        var open = new List<RoundRow>();
        var due = new List<NamedPerson>();
        foreach (var member in probationary)
        {
            foreach (var round in rounds.Where(r => r.SubjectId == member.Id && r.ProbationSince == member.StageSince && !r.IsClosed).OrderBy(r => r.Number))
            {
                var mine = ratings[round.Id].ToList();
                var outcome = HalfYearlyScoring.Outcome(mine.Where(r => r.Part == EvaluationPart.Self).Select(r => (decimal?)r.Score).FirstOrDefault(),
                    [.. mine.Where(r => r.Part == EvaluationPart.Peer).Select(r => r.Score)],
                    mine.Where(r => r.Part == EvaluationPart.Branch).Select(r => (decimal?)r.Score).FirstOrDefault(), round.PeersNeeded, turn.Policy.Evaluation);
                open.Add(new RoundRow(member.Name, round.Number, outcome.HasSelf, outcome.PeerCount, round.PeersNeeded, outcome.PeerMean, outcome.HasBranch));
            }
            var number = HalfYearlyRounds.DueOn(member.StageSince, turn.Today);
            if (number > 0 && member.Id != turn.Member.Id && !rounds.Any(r => r.SubjectId == member.Id && r.ProbationSince == member.StageSince && r.Number == number))
                due.Add(new NamedPerson(member.Id, member.Name, member.StudentNumber));
        }
        return EvaluationsCard.Build(turn.Language, turn.Policy.Evaluation, open.Take(EvaluationsCard.MaxRows).ToList(), open.Count, due.Take(EvaluationsCard.MaxRows).ToList(), due.Count, ReportFlow.NewCardId());
    }

    /// <summary>Null when the speaker gives this part of this member's round; otherwise why not.</summary>
    private static async Task<string?> MayRateAsync(Turn turn, Member subject, EvaluationPart part, CancellationToken cancellationToken)
    {
        var me = turn.Member;
        var ok = part switch
        {
            EvaluationPart.Self => me.Id == subject.Id,
            EvaluationPart.Peer => (await EvaluationRoundOpener.PeersAsync(turn.Db, subject, cancellationToken)).Contains(me.Id),
            EvaluationPart.Branch => me.IsCommittee && me.Id != subject.Id,
            _ => false,
        };
        return ok ? null : turn.T($"evaluations.error.not{char.ToUpperInvariant(RatingCard.PartKey(part)[0])}{RatingCard.PartKey(part)[1..]}", Markdown.Escape(subject.Name));
    }

    private static string AlreadyText(Turn turn, EvaluationRating existing, Member subject) =>
        existing.Part == EvaluationPart.Branch && existing.RaterId != turn.Member.Id
            ? turn.T("evaluations.error.branchGiven", Markdown.Escape(subject.Name))
            : turn.T("evaluations.error.alreadyRated", EvaluationsCard.Score(existing.Score));

    private static string ResultText(Language language, int number, EvaluationOutcome outcome, decimal self, decimal branch) =>
        Texts.Default.Get(language, "evaluations.toSubject", number, EvaluationsCard.Score(outcome.Score!.Value),
            Texts.Default.Get(language, outcome.Passed ? "evaluations.passed" : "evaluations.notPassed"),
            EvaluationsCard.Score(self), outcome.PeerCount, EvaluationsCard.Score(outcome.PeerMean!.Value), EvaluationsCard.Score(branch));
}
