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
/// half year has ended; the self-assessment card goes to the member, a peer card to each other full or probationary
/// member of the group, the branch card to the discipline member (or, with none, the committee), all through the
/// delivery ledger. Each rating is checked against the speaker (identity from the activity, never the card); when the
/// last missing part comes in the result is computed, recorded as the probationary evaluation fact and the member is
/// told. Nobody sees who gave which peer rating: a rater sees their own, everyone else only the count and the mean.
/// </summary>
public sealed class EvaluationFlow(DeliverySignal delivery, ILogger<EvaluationFlow> logger)
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
        if (await turn.Db.EvaluationRounds.AsNoTracking().AnyAsync(r => r.SubjectId == subject.Id && r.ProbationSince == subject.StageSince && r.Number == number, cancellationToken))
            return new Reply.Refused(turn.T("evaluations.error.alreadyOpen", Markdown.Escape(subject.Name), number));

        var peers = await PeersAsync(turn.Db, subject, cancellationToken);
        var needed = HalfYearlyScoring.PeersNeeded(peers.Count, turn.Policy.Evaluation);
        if (needed == 0) return new Reply.Refused(turn.T("evaluations.error.noPeers", Markdown.Escape(subject.Name)));
        var branch = await BranchRatersAsync(turn.Db, subject.Id, cancellationToken);

        var round = new EvaluationRound(subject.Id, subject.StageSince, number, needed, turn.Member.Id, turn.Now);
        turn.Db.EvaluationRounds.Add(round);
        try
        {
            await turn.Db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            logger.LogInformation(e, "A concurrent opening of round {Number} for {SubjectId} was refused.", number, subject.Id);
            turn.Db.ChangeTracker.Clear();
            return new Reply.Refused(turn.T("evaluations.error.alreadyOpen", Markdown.Escape(subject.Name), number));
        }

        await QueueCardsAsync(turn, round, subject, [(EvaluationPart.Self, subject.Id), .. peers.Select(p => (EvaluationPart.Peer, p)), .. branch.Select(b => (EvaluationPart.Branch, b))], "open", cancellationToken);
        return new Reply.ReplaceCard(EvaluationsCard.Done(turn.T("evaluations.opened", Markdown.Escape(subject.Name), number, peers.Count, needed, branch.Count)));
    }

    /// <summary>Sends the card again to everyone whose part is still missing in every open round (one chase per round and day).</summary>
    public async Task<Reply> ChaseAsync(Turn turn, CardData data, CancellationToken cancellationToken)
    {
        if (!turn.Member.IsCommittee) return new Reply.Refused(turn.T("error.notPermitted"));
        var rounds = await turn.Db.EvaluationRounds.AsNoTracking().Where(r => r.ClosedAt == null).ToListAsync(cancellationToken);
        var step = FormattableString.Invariant($"chase:{turn.Today:yyyyMMdd}");
        var chased = 0;
        foreach (var round in rounds)
        {
            var subject = await turn.Db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.Id == round.SubjectId, cancellationToken);
            if (subject is null || subject.Stage != Stage.Probationary || subject.StageSince != round.ProbationSince) continue;
            var ratings = await turn.Db.EvaluationRatings.AsNoTracking().Where(r => r.RoundId == round.Id).Select(r => new { r.Part, r.RaterId }).ToListAsync(cancellationToken);
            var recipients = new List<(EvaluationPart, int)>();
            if (!ratings.Any(r => r.Part == EvaluationPart.Self)) recipients.Add((EvaluationPart.Self, subject.Id));
            if (ratings.Count(r => r.Part == EvaluationPart.Peer) < Math.Max(1, round.PeersNeeded))
                recipients.AddRange((await PeersAsync(turn.Db, subject, cancellationToken)).Where(p => !ratings.Any(r => r.Part == EvaluationPart.Peer && r.RaterId == p)).Select(p => (EvaluationPart.Peer, p)));
            if (!ratings.Any(r => r.Part == EvaluationPart.Branch))
                recipients.AddRange((await BranchRatersAsync(turn.Db, subject.Id, cancellationToken)).Select(b => (EvaluationPart.Branch, b)));
            chased += await QueueCardsAsync(turn, round, subject, recipients, step, cancellationToken);
        }
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
            EvaluationPart.Peer => (await PeersAsync(turn.Db, subject, cancellationToken)).Contains(me.Id),
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

    /// <summary>The other full and probationary members of the member's group: those who rate as peers.</summary>
    private static Task<List<int>> PeersAsync(BranchDbContext db, Member subject, CancellationToken cancellationToken) =>
        db.Members.AsNoTracking()
            .Where(m => m.GroupId == subject.GroupId && m.Id != subject.Id && (m.Stage == Stage.Full || m.Stage == Stage.Probationary))
            .OrderBy(m => m.Id).Select(m => m.Id).ToListAsync(cancellationToken);

    /// <summary>The discipline member(s), or with none the committee; never the member evaluated.</summary>
    private static async Task<List<int>> BranchRatersAsync(BranchDbContext db, int subjectId, CancellationToken cancellationToken)
    {
        var committee = await db.Members.AsNoTracking().Where(m => m.Id != subjectId && (m.Roles & Roles.Committee) != 0)
            .OrderBy(m => m.Id).Select(m => new { m.Id, m.Roles }).ToListAsync(cancellationToken);
        var discipline = committee.Where(m => m.Roles.HasFlag(Roles.DisciplineMember)).Select(m => m.Id).ToList();
        return discipline.Count > 0 ? discipline : [.. committee.Select(m => m.Id)];
    }

    /// <summary>Queues each recipient's card in their language, under a step unique to the round, part and occasion; returns how many were queued.</summary>
    private async Task<int> QueueCardsAsync(Turn turn, EvaluationRound round, Member subject, IReadOnlyList<(EvaluationPart Part, int MemberId)> recipients, string occasion, CancellationToken cancellationToken)
    {
        if (recipients.Count == 0) return 0;
        var ids = recipients.Select(r => r.MemberId).ToList();
        var users = await turn.Db.TeamsUsers.AsNoTracking().Where(u => u.MemberId != null && ids.Contains(u.MemberId!.Value)).ToListAsync(cancellationToken);
        var from = HalfYearlyRounds.StartOf(round.ProbationSince, round.Number);
        var to = HalfYearlyRounds.EndOf(round.ProbationSince, round.Number);
        var queued = 0;
        foreach (var (part, memberId) in recipients)
        {
            var step = FormattableString.Invariant($"evaluations:{round.Id}:{RatingCard.PartKey(part)}:{occasion}");
            if (await turn.Db.ReminderDeliveries.AsNoTracking().AnyAsync(d => d.MemberId == memberId && d.Step == step && d.SubjectId == subject.Id, cancellationToken)) continue;
            var language = UserLanguage.For(users.FirstOrDefault(u => u.MemberId == memberId));
            var card = RatingCard.Build(language, new RatingView(round.Id, part, subject.Name, round.Number, from, to), ReportFlow.NewCardId());
            turn.Db.ReminderDeliveries.Add(DeliveryQueue.Row(new QueuedRow(memberId, step, QueuedMessage.Of(card, null)), ObligationKind.ProbationaryEvaluation, round.Period, subject.Id, turn.Now));
            queued++;
        }
        try
        {
            await turn.Db.SaveChangesAsync(cancellationToken);
            delivery.Wake();
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            logger.LogInformation(e, "Evaluation cards for round {RoundId} ({Occasion}) were queued already.", round.Id, occasion);
            turn.Db.ChangeTracker.Clear();
            return 0;
        }
        return queued;
    }
}
