using BranchBot.Bot.Delivery;
using BranchBot.Bot.Features.Pipeline;
using BranchBot.Bot.Features.Reports;
using BranchBot.Bot.Localization;
using BranchBot.Bot.Reminders;
using BranchBot.Domain;
using BranchBot.Domain.Evaluations;
using BranchBot.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Bot.Features.Evaluations;

/// <summary>What opening a round did.</summary>
public enum RoundOpening { Opened, AlreadyOpen, NoPeers }

/// <summary>The outcome of <see cref="EvaluationRoundOpener.OpenAsync"/>, with the counts the committee is told.</summary>
public sealed record RoundOpened(RoundOpening Outcome, int Number, int Peers = 0, int PeersNeeded = 0, int BranchRaters = 0);

/// <summary>
/// The one round opener and chaser of the half-yearly evaluation, used by the committee's turn (<see cref="EvaluationFlow"/>)
/// and by the pipeline milestones job: stores the round (unique per member, probation and number, so a round opened by
/// hand is never opened again by the job, nor twice at once), then queues the self-assessment card to the member, a
/// peer card to each other full or probationary member of the group and the branch card to the discipline member (or,
/// with none, the committee), each once through the delivery ledger under a step named for the round, part and occasion.
/// </summary>
public sealed class EvaluationRoundOpener(DeliverySignal delivery, ILogger<EvaluationRoundOpener> logger)
{
    /// <summary>
    /// Opens round <paramref name="number"/> of <paramref name="subject"/>'s probation (the caller checked the stage and
    /// that the round is due); <paramref name="openedById"/> is the committee member, or null for the bot.
    /// </summary>
    public async Task<RoundOpened> OpenAsync(BranchDbContext db, Member subject, int number, int? openedById, EvaluationPolicy policy, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(subject);
        if (await db.EvaluationRounds.AsNoTracking().AnyAsync(r => r.SubjectId == subject.Id && r.ProbationSince == subject.StageSince && r.Number == number, cancellationToken))
            return new RoundOpened(RoundOpening.AlreadyOpen, number);
        var peers = await PeersAsync(db, subject, cancellationToken);
        var needed = HalfYearlyScoring.PeersNeeded(peers.Count, policy);
        if (needed == 0) return new RoundOpened(RoundOpening.NoPeers, number);
        var branch = await BranchRatersAsync(db, subject.Id, cancellationToken);

        var round = new EvaluationRound(subject.Id, subject.StageSince, number, needed, openedById, now);
        db.EvaluationRounds.Add(round);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            logger.LogInformation(e, "A concurrent opening of round {Number} for {SubjectId} was refused.", number, subject.Id);
            db.ChangeTracker.Clear();
            return new RoundOpened(RoundOpening.AlreadyOpen, number);
        }

        await QueueCardsAsync(db, round, subject, [(EvaluationPart.Self, subject.Id), .. peers.Select(p => (EvaluationPart.Peer, p)), .. branch.Select(b => (EvaluationPart.Branch, b))], "open", now, cancellationToken);
        return new RoundOpened(RoundOpening.Opened, number, peers.Count, needed, branch.Count);
    }

    /// <summary>
    /// Sends the card again to everyone whose part of an open round is still missing, under the chase of
    /// <paramref name="day"/> (one per round, person and day, whoever asks: the committee or the job); returns how many were queued.
    /// </summary>
    public async Task<int> ChaseAsync(BranchDbContext db, EvaluationRound round, DateOnly day, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(round);
        if (round.IsClosed) return 0;
        var subject = await db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.Id == round.SubjectId, cancellationToken);
        // A member transferred out (组织关系转接) is off the active roster: their round is no longer chased.
        if (subject is null || subject.Stage != Stage.Probationary || subject.StageSince != round.ProbationSince || subject.TransferredOn is not null) return 0;
        var ratings = await db.EvaluationRatings.AsNoTracking().Where(r => r.RoundId == round.Id).Select(r => new { r.Part, r.RaterId }).ToListAsync(cancellationToken);
        var recipients = new List<(EvaluationPart, int)>();
        if (!ratings.Any(r => r.Part == EvaluationPart.Self)) recipients.Add((EvaluationPart.Self, subject.Id));
        if (ratings.Count(r => r.Part == EvaluationPart.Peer) < Math.Max(1, round.PeersNeeded))
            recipients.AddRange((await PeersAsync(db, subject, cancellationToken)).Where(p => !ratings.Any(r => r.Part == EvaluationPart.Peer && r.RaterId == p)).Select(p => (EvaluationPart.Peer, p)));
        if (!ratings.Any(r => r.Part == EvaluationPart.Branch))
            recipients.AddRange((await BranchRatersAsync(db, subject.Id, cancellationToken)).Select(b => (EvaluationPart.Branch, b)));
        return await QueueCardsAsync(db, round, subject, recipients, FormattableString.Invariant($"chase:{day:yyyyMMdd}"), now, cancellationToken);
    }

    /// <summary>
    /// The pipeline milestones job's part: on the day a probationary member's half year has come
    /// (<see cref="HalfYearlyRounds.OpensOn"/>, from the summary time <paramref name="at"/> on; a day missed is caught up
    /// within <paramref name="catchUpDays"/>, like the other milestones: an older one, say on the first run after an
    /// upgrade, is left to the committee, whose card lists it as due), the round is opened by the bot unless it was
    /// opened already, by hand or by an earlier run; then each open
    /// round's missing parts are chased every <see cref="HalfYearlyRounds.ChaseEveryDays"/> days after it opened
    /// (<see cref="HalfYearlyRounds.ChaseDayOn"/>). Returns the rounds opened and the cards queued by chases.
    /// </summary>
    public async Task<(int Opened, int Chased)> RunMilestonesAsync(BranchDbContext db, BranchSnapshot state, DateTimeOffset asOf, TimeOnly at, int catchUpDays, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(state);
        var today = state.Branch.LocalDate(asOf);
        var day = state.Branch.ToInstant(today.ToDateTime(at)) <= asOf ? today : today.AddDays(-1);
        var opened = 0;
        foreach (var member in state.Members.Where(m => m.Stage == Stage.Probationary && m.IsActiveOn(day)))
        {
            var (end, decided) = PipelineFlow.ProbationEnd(member, state.ProbationDecisions);
            if (decided) continue;
            var number = HalfYearlyRounds.OpensOn(member.StageSince, end, day);
            if (number == 0 || HalfYearlyRounds.EndOf(member.StageSince, number) <= day.AddDays(-catchUpDays)) continue;
            var result = await OpenAsync(db, member, number, null, state.Policy.Evaluation, asOf, cancellationToken);
            if (result.Outcome == RoundOpening.Opened) opened++;
            else if (result.Outcome == RoundOpening.NoPeers)
                logger.LogWarning("Round {Number} of member {SubjectId} was not opened: nobody else in the group can rate as a peer.", number, member.Id);
        }
        var chased = 0;
        var rounds = await db.EvaluationRounds.AsNoTracking().Where(r => r.ClosedAt == null).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        foreach (var round in rounds)
        {
            if (HalfYearlyRounds.ChaseDayOn(state.Branch.LocalDate(round.OpenedAt), day) is { } chaseDay)
                chased += await ChaseAsync(db, round, chaseDay, asOf, cancellationToken);
        }
        if (opened > 0 || chased > 0) logger.LogInformation("Half-yearly evaluations: {Opened} round(s) opened, {Chased} card(s) sent again.", opened, chased);
        return (opened, chased);
    }

    /// <summary>The other full and probationary members of the member's group still on the active roster: those who rate as peers.</summary>
    public static Task<List<int>> PeersAsync(BranchDbContext db, Member subject, CancellationToken cancellationToken) =>
        db.Members.AsNoTracking()
            .Where(m => m.GroupId == subject.GroupId && m.Id != subject.Id && (m.Stage == Stage.Full || m.Stage == Stage.Probationary) && m.TransferredOn == null)
            .OrderBy(m => m.Id).Select(m => m.Id).ToListAsync(cancellationToken);

    /// <summary>The discipline member(s), or with none the committee; never the member evaluated.</summary>
    private static async Task<List<int>> BranchRatersAsync(BranchDbContext db, int subjectId, CancellationToken cancellationToken)
    {
        var committee = await db.Members.AsNoTracking().Where(m => m.Id != subjectId && (m.Roles & Roles.Committee) != 0 && m.TransferredOn == null)
            .OrderBy(m => m.Id).Select(m => new { m.Id, m.Roles }).ToListAsync(cancellationToken);
        var discipline = committee.Where(m => m.Roles.HasFlag(Roles.DisciplineMember)).Select(m => m.Id).ToList();
        return discipline.Count > 0 ? discipline : [.. committee.Select(m => m.Id)];
    }

    /// <summary>Queues each recipient's card in their language, under a step unique to the round, part and occasion; returns how many were queued.</summary>
    private async Task<int> QueueCardsAsync(BranchDbContext db, EvaluationRound round, Member subject, IReadOnlyList<(EvaluationPart Part, int MemberId)> recipients, string occasion, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (recipients.Count == 0) return 0;
        var ids = recipients.Select(r => r.MemberId).ToList();
        var users = await db.TeamsUsers.AsNoTracking().Where(u => u.MemberId != null && ids.Contains(u.MemberId!.Value)).ToListAsync(cancellationToken);
        var from = HalfYearlyRounds.StartOf(round.ProbationSince, round.Number);
        var to = HalfYearlyRounds.EndOf(round.ProbationSince, round.Number);
        var queued = 0;
        foreach (var (part, memberId) in recipients)
        {
            var step = FormattableString.Invariant($"evaluations:{round.Id}:{RatingCard.PartKey(part)}:{occasion}");
            if (await db.ReminderDeliveries.AsNoTracking().AnyAsync(d => d.MemberId == memberId && d.Step == step && d.SubjectId == subject.Id, cancellationToken)) continue;
            var language = UserLanguage.For(users.Where(u => u.MemberId == memberId).OrderByDescending(u => u.UpdatedAt).FirstOrDefault());
            var card = RatingCard.Build(language, new RatingView(round.Id, part, subject.Name, round.Number, from, to), ReportFlow.NewCardId());
            db.ReminderDeliveries.Add(DeliveryQueue.Row(new QueuedRow(memberId, step, QueuedMessage.Of(card, null)), ObligationKind.ProbationaryEvaluation, round.Period, subject.Id, now));
            queued++;
        }
        if (queued == 0) return 0;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            delivery.Wake();
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            logger.LogInformation(e, "Evaluation cards for round {RoundId} ({Occasion}) were queued already.", round.Id, occasion);
            db.ChangeTracker.Clear();
            return 0;
        }
        return queued;
    }
}
