using BranchBot.Bot.Cards;
using BranchBot.Bot.Conversation;
using BranchBot.Bot.Delivery;
using BranchBot.Bot.Features.Overdue;
using BranchBot.Bot.Features.Reviews;
using BranchBot.Bot.Localization;
using BranchBot.Domain;
using BranchBot.Infrastructure.Persistence;
using BranchBot.Infrastructure.Queries;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Bot.Features.Reports;

/// <summary>A student's written reports: the form, the submission (stored before "received" is said), more time.</summary>
public sealed class ReportFlow(DeliverySignal delivery, OverdueFlow overdue, ReviewNotices reviews, SubmissionWriter submissions, ILogger<ReportFlow> logger)
{
    /// <summary>
    /// The form for the most pressing written report, or the current period's for a revision. When reports of
    /// more than one kind are open (a probationary member's monthly and quarterly), the person chooses; the
    /// choice comes back with a kind and period, which are only honoured if that report can still be handed in.
    /// </summary>
    public async Task<Reply> ShowFormAsync(Turn turn, CardData? data, CancellationToken cancellationToken)
    {
        var member = turn.Member;
        ObligationKind? chosenKind = null;
        Period? chosenPeriod = null;
        if (data is not null)
        {
            chosenKind = data.Choice<ObligationKind>(ReportFormCard.KindField, required: false);
            chosenPeriod = data.Period(ReportFormCard.PeriodField, required: false);
            if (data.Error is { } error) return Errors.Refuse(turn, error);
        }

        var schedule = await ScheduleLoading.LoadAsync(turn, [member.Id], cancellationToken);
        var open = schedule.OpenAt([member], turn.Now, ScheduleLoading.Since(turn))
            .Where(o => o.Rule.IsWritten && o.OwnerId == member.Id)
            .OrderBy(o => o.DueDate)
            .ToList();
        if (chosenKind is { } kind && chosenPeriod is { } period)
        {
            var chosen = open.FirstOrDefault(o => o.Kind == kind && o.Period == period);
            if (chosen is not null) return Reply.Show(Form(turn.Language, chosen.Kind, chosen.Period, chosen.DueDate, chosen.Rule.MinLength));
            var rule = WrittenRule(turn, kind, period);
            if (rule is null) return new Reply.Refused(turn.T("error.notPermitted"));
            // Already handed in but still within its window: the form for a new version, as SubmitAsync accepts one.
            var (due, outside) = await WindowAsync(turn, member.Id, rule, period, cancellationToken);
            if (outside is not null) return outside;
            return Reply.Show(Form(turn.Language, kind, period, due, rule.MinLength));
        }

        var mostPressingByKind = open.GroupBy(o => o.Kind).Select(g => g.First()).OrderBy(o => o.DueDate).ToList();
        if (mostPressingByKind.Count > 1)
            return Reply.Show(ReportChoiceCard.Build(turn.Language, [.. open.Take(MaxChoices).Select(o => new ReportChoice(o.Kind, o.Period, o.DueDate))]));
        if (mostPressingByKind.Count == 1)
        {
            var first = mostPressingByKind[0];
            return Reply.Show(Form(turn.Language, first.Kind, first.Period, first.DueDate, first.Rule.MinLength));
        }

        var current = turn.Policy.RulesFor(member.Stage, Owner.Self).FirstOrDefault(r => r.IsWritten);
        if (current is null) return Reply.Say(turn.T("status.nothingOwed"));
        var currentPeriod = Period.Containing(current.Cadence, turn.Today);
        return Reply.Show(Form(turn.Language, current.Kind, currentPeriod, currentPeriod.End, current.MinLength));
    }

    /// <summary>At most this many reports are offered in the choice; the oldest come first.</summary>
    public const int MaxChoices = 6;

    public static AdaptiveCard Form(Language language, ObligationKind kind, Period period, DateOnly dueDate, int minLength) =>
        ReportFormCard.Build(language, new ReportForm(kind, period, dueDate, NewCardId(), minLength));

    public async Task<Reply> SubmitAsync(Turn turn, CardData data, CancellationToken cancellationToken)
    {
        var period = data.Period(ReportFormCard.PeriodField);
        var kind = data.Choice<ObligationKind>(ReportFormCard.KindField);
        var text = data.String(ReportFormCard.TextInput, CardLimits.ReportMaxLength);
        if (data.Error is { } error) return Errors.Refuse(turn, error);
        if (data.CardId is not { Length: > 0 and <= 64 } cardId) return new Reply.Refused(turn.T("error.badCard"));

        var member = turn.Member;
        var rule = WrittenRule(turn, kind!.Value, period!);
        if (rule is null) return new Reply.Refused(turn.T("error.notPermitted"));
        var (currentDue, outside) = await WindowAsync(turn, member.Id, rule, period!, cancellationToken);
        if (outside is not null) return outside;
        var words = ReportLength.Count(text);
        if (!rule.IsLongEnough(text)) return new Reply.Refused(Texts.Default.Count(turn.Language, "error.tooShort", words, rule.MinLength));

        var key = $"{member.Id}:{cardId}";
        Submission? saved = null;
        for (var attempt = 1; saved is null; attempt++)
        {
            // One read for both: was this card answered already, and which version comes next.
            var existing = await turn.Db.Submissions.AsNoTracking()
                .Where(s => s.IdempotencyKey == key || (s.MemberId == member.Id && s.Kind == kind && s.Period == period))
                .Select(s => new { s.IdempotencyKey, s.Version, s.Text, s.SubmittedAt })
                .ToListAsync(cancellationToken);
            var earlier = existing.FirstOrDefault(s => s.IdempotencyKey == key);
            if (earlier is not null)
            {
                return earlier.Text == text
                    ? new Reply.Refused(turn.T("report.alreadyStored", Formats.Date(turn.Language, turn.Branch.LocalDate(earlier.SubmittedAt)), earlier.Version))
                    : new Reply.Refused(turn.T("error.alreadyAnswered", Formats.Date(turn.Language, turn.Branch.LocalDate(earlier.SubmittedAt))));
            }

            try
            {
                saved = await SaveAsync(turn, member.Id, kind.Value, period!, text!, key, existing.Select(s => s.Version).DefaultIfEmpty(0).Max() + 1, cancellationToken);
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation() && attempt < 3)
            {
                // A double click on this card (the idempotency key) or another card of the same period saved at the
                // same moment (the version): read again; the first is refused as a duplicate, the second is kept as
                // the next version.
                logger.LogInformation(e, "Submission of card {CardId} raced another; reading again.", cardId);
                turn.Db.ChangeTracker.Clear();
            }
        }

        await reviews.ReportArrivedAsync(turn.Db, member, saved, cancellationToken);
        // An extension only moves the due date later, so a report in by the period's end is on time without asking.
        var late = saved.SubmittedAt > turn.Branch.EndOfDay(currentDue) ? currentDue : (DateOnly?)null;
        return new Reply.ReplaceCard(ReceiptCard.Build(turn.Language,
            new Receipt(kind.Value, period!, turn.Today, words, saved.Version, late)));
    }

    public async Task<Reply> RequestExtensionAsync(Turn turn, CardData data, CancellationToken cancellationToken)
    {
        var period = data.Period(ReportFormCard.PeriodField);
        var kind = data.Choice<ObligationKind>(ReportFormCard.KindField);
        var reason = data.String(ReportFormCard.ReasonInput, CardLimits.ReasonMaxLength);
        if (data.Error is { } error) return Errors.Refuse(turn, error);

        var member = turn.Member;
        var rule = WrittenRule(turn, kind!.Value, period!);
        if (rule is null) return new Reply.Refused(turn.T("error.notPermitted"));
        var (dueDate, outside) = await WindowAsync(turn, member.Id, rule, period!, cancellationToken);
        if (outside is not null) return outside;

        if (await PendingRequestAsync(turn, kind.Value, period!, cancellationToken) is { } pending) return AlreadyRequested(turn, pending);

        var leaders = await LeadersAsync(turn, member, cancellationToken);
        var committee = await CommitteeAsync(turn, member, cancellationToken);
        if (leaders.Count == 0 && committee.Count == 0) return new Reply.Refused(turn.T("extension.none"));

        var extension = new Extension(member.Id, kind.Value, period!, HandInWindow.ExtendedDueDate(dueDate, turn.Today, turn.Policy.ExtensionDays), reason!, turn.Now);
        turn.Db.Extensions.Add(extension);
        try
        {
            await turn.Db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // Another click of this request won the insert (one pending request per obligation): it alone tells the
            // deciders, so racing clicks send them one card.
            logger.LogInformation(e, "A concurrent extension request of member {MemberId} was refused.", member.Id);
            turn.Db.ChangeTracker.Clear();
            return await PendingRequestAsync(turn, kind.Value, period!, cancellationToken) is { } winner
                ? AlreadyRequested(turn, winner)
                : new Reply.Refused(turn.T("error.duplicate"));
        }

        var view = new ExtensionRequestView(extension.Id, member.Name, kind.Value, period!, dueDate, extension.RequestedUntil, extension.Reason);
        var what = (Formats.Kind(turn.Language, kind.Value), Formats.Period(turn.Language, period!));
        static string Names(IEnumerable<Member> people) => Markdown.Escape(string.Join("、", people.Select(p => p.Name)));

        // The group leader decides; when no leader can be reached the committee gets the card, and when nobody can
        // the student is told. What the bot already knows decides the answer now; a send that fails later falls back
        // the same way in the delivery worker (each tier's rows carry the next tier).
        var nobody = new QueuedRow(member.Id, ExtensionStep(extension.Id, "nobody"),
            QueuedMessage.Of(null, turn.T("extension.request.nobodyReached", what.Item1, what.Item2, Names(leaders.Concat(committee).Select(l => l.Member).DistinctBy(m => m.Id)))));
        var reachableLeaders = leaders.Where(l => l.Reachable).ToList();
        var reachableCommittee = committee.Where(c => c.Reachable && leaders.All(l => l.Member.Id != c.Member.Id)).ToList();
        var committeeRows = DecisionRows(reachableCommittee, view, ExtensionStep(extension.Id, "committee"), [nobody]);
        var leaderRows = DecisionRows(reachableLeaders, view, ExtensionStep(extension.Id, "leader"), committeeRows.Count > 0 ? committeeRows : [nobody]);
        var first = leaderRows.Count > 0 ? leaderRows : committeeRows;
        if (first.Count > 0)
        {
            foreach (var row in first) turn.Db.ReminderDeliveries.Add(DeliveryQueue.Row(row, kind.Value, period!, member.Id, turn.Now));
            await turn.Db.SaveChangesAsync(cancellationToken);
            delivery.Wake();
        }
        if (reachableLeaders.Count > 0)
            return Reply.Say(turn.T("extension.request.sent", what.Item1, what.Item2, Names(reachableLeaders.Select(l => l.Member))));
        if (leaders.Count == 0 && reachableCommittee.Count > 0)
            return Reply.Say(turn.T("extension.request.sent", what.Item1, what.Item2, Names(reachableCommittee.Select(c => c.Member))));
        if (reachableCommittee.Count > 0)
            return Reply.Say(turn.T("extension.request.leaderUnreachable", what.Item1, what.Item2, Names(leaders.Select(l => l.Member)), Names(reachableCommittee.Select(c => c.Member))));
        return Reply.Say(nobody.Message.Text!);
    }

    /// <summary>The ledger step of one extension request's messages: the deciders' cards by tier, the student's notices.</summary>
    public static string ExtensionStep(long extensionId, string what) => FormattableString.Invariant($"extension:{extensionId}:{what}");

    private static List<QueuedRow> DecisionRows(List<Decider> deciders, ExtensionRequestView view, string step, IReadOnlyList<QueuedRow> fallback) =>
        deciders.Select(d => new QueuedRow(d.Member.Id, step, QueuedMessage.Of(ExtensionDecisionCard.Build(d.Language, view, NewCardId()), null) with { Fallback = fallback })).ToList();

    public async Task<Reply> DecideExtensionAsync(Turn turn, CardData data, CancellationToken cancellationToken)
    {
        var reference = data.Reference(ExtensionDecisionCard.ExtensionField);
        var decision = data.String(ExtensionDecisionCard.DecisionField, 16);
        var fromList = data.String(OverdueListCard.SourceField, 16, required: false) == OverdueListCard.SourceValue;
        if (data.Error is { } error) return Errors.Refuse(turn, error);
        if (!long.TryParse(reference, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var extensionId) || decision is not ("approve" or "decline"))
            return new Reply.Refused(turn.T("error.forgedId"));

        var extension = await turn.Db.Extensions.AsNoTracking().FirstOrDefaultAsync(e => e.Id == extensionId, cancellationToken);
        var requester = extension is null ? null : await turn.Db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.Id == extension.MemberId, cancellationToken);
        if (extension is null || requester is null) return new Reply.Refused(turn.T("error.forgedId"));
        if (!ExtensionRules.MayDecide(turn.Member, requester)) return new Reply.Refused(turn.T("error.notPermitted"));
        if (extension.Status != ExtensionStatus.Requested) return await AlreadyDecidedAsync(turn, extension.Id, cancellationToken);

        var approve = decision == "approve";
        var dueBefore = await DueDateAsync(turn, requester.Id, extension.Kind, extension.Period, cancellationToken);
        extension.Decide(approve, turn.Member.Id, turn.Now, approve ? HandInWindow.ExtendedDueDate(dueBefore, turn.Today, turn.Policy.ExtensionDays) : null);
        if (!await turn.Db.TryStoreDecisionAsync(extension, cancellationToken)) return await AlreadyDecidedAsync(turn, extension.Id, cancellationToken);

        var language = await UserLanguage.OfMemberAsync(turn.Db, requester.Id, cancellationToken);
        var t = Texts.Default;
        var outcome = approve
            ? t.Get(language, "extension.outcome.approved", Formats.Kind(language, extension.Kind), Formats.Period(language, extension.Period), Formats.Date(language, extension.RequestedUntil))
            : t.Get(language, "extension.outcome.declined", Formats.Kind(language, extension.Kind), Formats.Period(language, extension.Period), Formats.Date(language, dueBefore));
        // One decision per request (the conditional update above), so one notice.
        turn.Db.ReminderDeliveries.Add(DeliveryQueue.Row(new QueuedRow(requester.Id, ExtensionStep(extension.Id, "decided"), QueuedMessage.Of(null, outcome)),
            extension.Kind, extension.Period, requester.Id, turn.Now));
        await turn.Db.SaveChangesAsync(cancellationToken);
        delivery.Wake();

        var name = Markdown.Escape(requester.Name);
        var decided = approve
            ? turn.T("extension.decided.approved", name, Formats.Date(turn.Language, extension.RequestedUntil))
            : turn.T("extension.decided.declined", name);
        if (fromList) return await overdue.RefreshedListAsync(turn, decided, cancellationToken);
        return new Reply.ReplaceCard(ExtensionDecisionCard.Decided(turn.Language, decided));
    }

    private static Task<Extension?> PendingRequestAsync(Turn turn, ObligationKind kind, Period period, CancellationToken cancellationToken) =>
        turn.Db.Extensions.AsNoTracking()
            .FirstOrDefaultAsync(e => e.MemberId == turn.Member.Id && e.Kind == kind && e.Period == period && e.Status == ExtensionStatus.Requested, cancellationToken);

    private static Reply AlreadyRequested(Turn turn, Extension pending) =>
        new Reply.Refused(turn.T("extension.request.alreadyPending", Formats.Kind(turn.Language, pending.Kind), Formats.Period(turn.Language, pending.Period),
            Formats.Date(turn.Language, turn.Branch.LocalDate(pending.RequestedAt))));

    /// <summary>The loser of two deciders (or a replayed decision card) is told who decided, how and when.</summary>
    private static async Task<Reply> AlreadyDecidedAsync(Turn turn, long extensionId, CancellationToken cancellationToken)
    {
        var decided = await turn.Db.Extensions.AsNoTracking()
            .Where(e => e.Id == extensionId)
            .Select(e => new { e.Status, e.DecidedAt, Decider = turn.Db.Members.Where(m => m.Id == e.DecidedById).Select(m => m.Name).FirstOrDefault() })
            .FirstAsync(cancellationToken);
        var key = decided.Status == ExtensionStatus.Approved ? "extension.decided.alreadyApproved" : "extension.decided.alreadyDeclined";
        var when = Formats.Date(turn.Language, turn.Branch.LocalDate(decided.DecidedAt ?? turn.Now));
        return new Reply.Refused(turn.T(key, Markdown.Escape(decided.Decider ?? "?"), when));
    }

    /// <summary>The requester's group leaders (never the requester).</summary>
    private sealed record Decider(Member Member, Language Language, bool Reachable);

    private static Task<List<Decider>> LeadersAsync(Turn turn, Member requester, CancellationToken cancellationToken) =>
        WithLanguagesAsync(turn, turn.Db.Members.AsNoTracking()
            .Where(m => m.GroupId == requester.GroupId && m.Id != requester.Id && (m.Roles & Roles.GroupLeader) != 0), cancellationToken);

    /// <summary>The <see cref="ExtensionRules.CommitteeDeciders"/> (never the requester): they decide when no leader can.</summary>
    private static Task<List<Decider>> CommitteeAsync(Turn turn, Member requester, CancellationToken cancellationToken) =>
        WithLanguagesAsync(turn, turn.Db.Members.AsNoTracking()
            .Where(m => m.Id != requester.Id && (m.Roles & ExtensionRules.CommitteeDeciders) != 0), cancellationToken);

    private static async Task<List<Decider>> WithLanguagesAsync(Turn turn, IQueryable<Member> query, CancellationToken cancellationToken)
    {
        var people = await query.OrderBy(m => m.Id).ToListAsync(cancellationToken);
        var ids = people.Select(l => l.Id).ToList();
        var users = await turn.Db.TeamsUsers.AsNoTracking().Where(u => u.MemberId != null && ids.Contains(u.MemberId.Value)).ToListAsync(cancellationToken);
        return people.Select(l =>
        {
            var user = users.FirstOrDefault(u => u.MemberId == l.Id);
            return new Decider(l, UserLanguage.For(user), DeliveryQueue.KnownUnreachable(user) is null);
        }).ToList();
    }

    private static PolicyRule? WrittenRule(Turn turn, ObligationKind kind, Period period)
    {
        var rule = turn.Policy.Find(kind, turn.Member.Stage, Owner.Self);
        return rule is { IsWritten: true } && rule.Cadence == period.Cadence ? rule : null;
    }

    /// <summary>The period's due date for this person, moved by an approved extension.</summary>
    /// <summary>The report's due date (moved by an approved extension), and a refusal when the period is not open yet or has closed.</summary>
    private static async Task<(DateOnly Due, Reply? Outside)> WindowAsync(Turn turn, int memberId, PolicyRule rule, Period period, CancellationToken cancellationToken)
    {
        if (HandInWindow.IsNotOpen(period, turn.Today)) return (period.End, new Reply.Refused(turn.T("error.periodNotOpen", Formats.Period(turn.Language, period))));
        var regular = await RegularDueDateAsync(turn, period, cancellationToken);
        var due = await DueDateAsync(turn, memberId, rule.Kind, period, cancellationToken, regular);
        return HandInWindow.IsClosed(period, turn.Today, due, rule.GraceDays, regular)
            ? (due, new Reply.Refused(turn.T("error.periodClosed", Formats.Period(turn.Language, period))))
            : (due, null);
    }

    /// <summary>The period's regular due date: its last day, moved after a vacation or exam week of the academic calendar.</summary>
    internal static async Task<DateOnly> RegularDueDateAsync(Turn turn, Period period, CancellationToken cancellationToken) =>
        HandInWindow.DueDate(period, await turn.SpansAsync(cancellationToken), turn.Policy.DaysAfterBreak);

    private static async Task<DateOnly> DueDateAsync(Turn turn, int memberId, ObligationKind kind, Period period, CancellationToken cancellationToken, DateOnly? regular = null)
    {
        var regularDue = regular ?? await RegularDueDateAsync(turn, period, cancellationToken);
        var approved = await turn.Db.Extensions.AsNoTracking()
            .Where(e => e.MemberId == memberId && e.Kind == kind && e.Period == period && e.Status == ExtensionStatus.Approved)
            .Select(e => (DateOnly?)e.RequestedUntil)
            .MaxAsync(cancellationToken);
        return approved is { } until && until > regularDue ? until : regularDue;
    }

    /// <summary>Written before the person is told "received"; a racing second version hits the unique index and is refused.</summary>
    private async Task<Submission> SaveAsync(Turn turn, int memberId, ObligationKind kind, Period period, string text, string key, int version, CancellationToken cancellationToken)
    {
        var submission = new Submission(memberId, kind, period, text, turn.Now, version, key);
        // On SQLite, shares a transaction and its fsync with the submissions that arrive at the same moment.
        await submissions.StoreAsync(turn.Db, submission, cancellationToken);
        return submission;
    }

    public static string NewCardId() => Guid.NewGuid().ToString("N");
}
