using System.Globalization;
using BranchBot.Bot.Cards;
using BranchBot.Bot.Conversation;
using BranchBot.Bot.Delivery;
using BranchBot.Bot.Features.Reports;
using BranchBot.Bot.Features.Talks;
using BranchBot.Bot.Localization;
using BranchBot.Domain;
using BranchBot.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Bot.Features.Overdue;

/// <summary>
/// A group leader's view of their group (the committee's of the whole branch; a leader on the committee can open
/// both): who is overdue or due soon, a page at a time, nudge one or the page, excuse with a reason, and this
/// period's handed-in reports.
/// </summary>
public sealed class OverdueFlow(DeliverySignal delivery)
{
    public async Task<Reply> ShowAsync(Turn turn, CardData? data, CancellationToken cancellationToken)
    {
        var me = turn.Member;
        if (!ChaseRules.IsChaser(me)) return new Reply.Refused(turn.T("error.notPermitted"));
        if (ReadView(turn, data, out var scope, out var page) is { } refused) return refused;

        var members = await ViewAsync(turn, scope, cancellationToken);
        var people = await OpenByPersonAsync(turn, members, cancellationToken);
        var other = me.IsGroupLeader && me.IsCommittee ? scope == OverdueScope.Group ? OverdueScope.Branch : OverdueScope.Group : (OverdueScope?)null;
        var view = new OverdueListView(scope, page, people.Count, other);
        // A "more" from a card whose people have since caught up shows the last page rather than an empty one.
        view = view with { Page = Math.Min(page, view.Pages) };
        var groupName = scope == OverdueScope.Group
            ? await turn.Db.Groups.AsNoTracking().Where(g => g.Id == me.GroupId).Select(g => g.Name).FirstAsync(cancellationToken)
            : null;
        var periodText = Formats.Period(turn.Language, Period.Containing(Cadence.Monthly, turn.Today));
        var title = groupName is null
            ? turn.T("overdue.branchTitle", periodText)
            : turn.T("overdue.title", Markdown.Escape(groupName), periodText);
        var submitted = view.Page == 1 ? await SubmittedAsync(turn, members, cancellationToken) : [];
        var talks = view.Page == 1 ? await TalksAsync(turn, members, cancellationToken) : [];
        var pending = view.Page == 1 ? await PendingExtensionsAsync(turn, members, cancellationToken) : [];
        if (people.Count == 0 && submitted.Count == 0 && talks.Count == 0 && pending.Count == 0 && other is null)
            return Reply.Say(turn.T("overdue.none", groupName is null ? turn.Branch.Name : Markdown.Escape(groupName)));

        var listed = people.Skip((view.Page - 1) * OverdueListCard.PageSize).Take(OverdueListCard.PageSize).ToList();
        return Reply.Show(OverdueListCard.Build(turn.Language, title, view, listed, submitted, talks, ReportFlow.NewCardId(), pending));
    }

    /// <summary>The list rebuilt after a change made on it (an excuse, a decision), replacing the answered card so that it is never stale.</summary>
    public async Task<Reply> RefreshedListAsync(Turn turn, string text, CancellationToken cancellationToken)
    {
        var list = await ShowAsync(turn, null, cancellationToken);
        return list is Reply.Message { Card: { } card }
            ? new Reply.ReplaceCard(card, text)
            : new Reply.ReplaceCard(new AdaptiveCard([TextBlock.Trusted(UserText.Clip((list as Reply.Message)?.Text ?? "", 400))]), text);
    }

    public async Task<Reply> NudgeAsync(Turn turn, CardData data, CancellationToken cancellationToken)
    {
        var reference = data.Reference(OverdueListCard.MemberField);
        if (data.Error is { } error) return Errors.Refuse(turn, error);
        if (data.CardId is not { Length: > 0 and <= 64 } cardId) return new Reply.Refused(turn.T("error.badCard"));
        if (!ChaseRules.IsChaser(turn.Member)) return new Reply.Refused(turn.T("error.notPermitted"));

        var scope = await ScopeAsync(turn, cancellationToken);
        if (!int.TryParse(reference, NumberStyles.None, CultureInfo.InvariantCulture, out var memberId) || !scope.Contains(memberId))
            return new Reply.Refused(turn.T("error.forgedId"));
        var person = (await OpenByPersonAsync(turn, [memberId], cancellationToken)).FirstOrDefault();
        var name = await turn.Db.Members.AsNoTracking().Where(m => m.Id == memberId).Select(m => m.Name).FirstAsync(cancellationToken);
        if (person is null) return new Reply.Refused(turn.T("overdue.nothingForPerson", Markdown.Escape(name)));

        var outcome = await NudgeOneAsync(turn, person, cardId, cancellationToken);
        if (outcome == NudgeOutcome.Queued) delivery.Wake();
        return outcome switch
        {
            NudgeOutcome.Duplicate => new Reply.Refused(turn.T("error.duplicate")),
            NudgeOutcome.Queued => Reply.Say(turn.T("overdue.nudged", Markdown.Escape(name))),
            _ => Reply.Say(turn.T("overdue.unreachable", Markdown.Escape(name))),
        };
    }

    public async Task<Reply> NudgeAllAsync(Turn turn, CardData data, CancellationToken cancellationToken)
    {
        if (data.CardId is not { Length: > 0 and <= 64 } cardId) return new Reply.Refused(turn.T("error.badCard"));
        if (!ChaseRules.IsChaser(turn.Member)) return new Reply.Refused(turn.T("error.notPermitted"));

        if (ReadView(turn, data, out var scope, out var page) is { } refused) return refused;
        // The people on the card's page: "Nudge all" says how many, and never fans out to a whole branch at once.
        var people = (await OpenByPersonAsync(turn, await ViewAsync(turn, scope, cancellationToken), cancellationToken))
            .Skip((page - 1) * OverdueListCard.PageSize).Take(OverdueListCard.PageSize).ToList();
        var queued = 0;
        var unreachable = new List<OverduePerson>();
        var duplicates = 0;
        foreach (var person in people)
        {
            switch (await NudgeOneAsync(turn, person, cardId, cancellationToken))
            {
                case NudgeOutcome.Duplicate: duplicates++; break;
                case NudgeOutcome.Queued: queued++; break;
                default: unreachable.Add(person); break;
            }
        }
        if (queued > 0) delivery.Wake();
        if (queued == 0 && unreachable.Count == 0 && duplicates > 0) return new Reply.Refused(turn.T("error.duplicate"));
        var text = Texts.Default.Count(turn.Language, "overdue.nudgedAll", queued);
        if (unreachable.Count > 0)
        {
            var names = PersonNames.Distinct(turn.Language, unreachable.Select(p => new NamedPerson(p.MemberId, p.Name, p.StudentNumber)));
            text += "\n\n" + turn.T("overdue.unreachable", Markdown.Escape(string.Join("、", unreachable.Select(p => names[p.MemberId]))));
        }
        return Reply.Say(text);
    }

    public async Task<Reply> ExcuseAsync(Turn turn, CardData data, CancellationToken cancellationToken)
    {
        var reference = data.Reference(OverdueListCard.MemberField);
        if (data.Error is { } error) return Errors.Refuse(turn, error);
        if (!ChaseRules.IsChaser(turn.Member)) return new Reply.Refused(turn.T("error.notPermitted"));
        var scope = await ScopeAsync(turn, cancellationToken);
        if (!int.TryParse(reference, NumberStyles.None, CultureInfo.InvariantCulture, out var memberId) || !scope.Contains(memberId))
            return new Reply.Refused(turn.T("error.forgedId"));

        var itemKey = data.Reference(OverdueListCard.ItemInputPrefix + reference);
        var reason = data.String(OverdueListCard.ReasonInputPrefix + reference, CardLimits.ReasonMaxLength);
        if (data.Error is { } inputError) return Errors.Refuse(turn, inputError);

        var schedule = await ScheduleLoading.LoadAsync(turn, [memberId], cancellationToken);
        var owner = schedule.Members[memberId];
        var obligation = ObligationReference.Find(schedule, owner, itemKey, ScheduleLoading.Since(turn), turn.Today);
        if (obligation is null) return new Reply.Refused(turn.T("error.forgedId"));
        var status = obligation.StatusOn(turn.Now);
        if (status is ObligationStatus.Excused) return await AlreadyExcusedAsync(turn, obligation, cancellationToken);
        if (status is ObligationStatus.Done or ObligationStatus.DoneLate)
            return new Reply.Refused(turn.T("error.alreadyAnswered", Formats.Date(turn.Language, turn.Branch.LocalDate(obligation.FulfilledAt ?? turn.Now))));

        if (status == ObligationStatus.Missed)
            return new Reply.Refused(turn.T("error.periodClosed", Formats.Period(turn.Language, obligation.Period)));

        turn.Db.Excuses.Add(new Excuse(obligation.OwnerId, obligation.SubjectId, obligation.Kind, obligation.Period, reason!, turn.Member.Id, turn.Now));
        // The notice is queued with the excuse, in one save: it exists exactly when the excuse does.
        var told = await QueueExcusedNoticeAsync(turn, obligation, schedule, reason!, cancellationToken);
        try
        {
            await turn.Db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // A racing click (or another leader) excused it first: one excuse per obligation.
            turn.Db.ChangeTracker.Clear();
            return await AlreadyExcusedAsync(turn, obligation, cancellationToken);
        }

        if (told) delivery.Wake();
        var text = turn.T("overdue.excused", Markdown.Escape(owner.Name), Formats.Kind(turn.Language, obligation.Kind), Formats.Period(turn.Language, obligation.Period));
        if (!told) text += "\n\n" + turn.T("excuse.notTold", Markdown.Escape(owner.Name));
        return await RefreshedListAsync(turn, text, cancellationToken);
    }

    /// <summary>Who excused the obligation and when, read from the stored excuse (the winner of any race).</summary>
    private static async Task<Reply> AlreadyExcusedAsync(Turn turn, Obligation obligation, CancellationToken cancellationToken)
    {
        var excuse = await turn.Db.Excuses.AsNoTracking()
            .Where(e => e.OwnerId == obligation.OwnerId && e.SubjectId == obligation.SubjectId && e.Kind == obligation.Kind && e.Period == obligation.Period)
            .Select(e => new { e.At, By = turn.Db.Members.Where(m => m.Id == e.ExcusedById).Select(m => m.Name).First() })
            .FirstAsync(cancellationToken);
        return new Reply.Refused(turn.T("overdue.alreadyExcused", Markdown.Escape(excuse.By), Formats.Date(turn.Language, turn.Branch.LocalDate(excuse.At))));
    }

    /// <summary>
    /// Queues, for the person who owed it, in their own language, that it was excused, by whom and why; false when
    /// the bot already knows it cannot reach them (the leader is asked to tell them in person).
    /// </summary>
    private static async Task<bool> QueueExcusedNoticeAsync(Turn turn, Obligation obligation, ObligationSchedule schedule, string reason, CancellationToken cancellationToken)
    {
        if (obligation.OwnerId is not { } ownerId) return true;
        var user = await turn.Db.TeamsUsers.AsNoTracking().FirstOrDefaultAsync(u => u.MemberId == ownerId, cancellationToken);
        if (DeliveryQueue.KnownUnreachable(user) is not null) return false;
        var language = UserLanguage.For(user);
        var what = obligation.Kind == ObligationKind.Talk && obligation.SubjectId != ownerId && schedule.Members.TryGetValue(obligation.SubjectId, out var mentee)
            ? Texts.Default.Get(language, "overdue.talkWith", Markdown.Escape(mentee.Name))
            : Formats.Kind(language, obligation.Kind);
        var text = Texts.Default.Get(language, "excuse.told", Markdown.Escape(turn.Member.Name), what,
            Formats.Period(language, obligation.Period), Markdown.Escape(UserText.Clip(reason.ReplaceLineEndings(" "), 200)));
        turn.Db.ReminderDeliveries.Add(DeliveryQueue.Row(new QueuedRow(ownerId, ExcusedStep, QueuedMessage.Of(null, text)), obligation.Kind, obligation.Period, obligation.SubjectId, turn.Now));
        return true;
    }

    /// <summary>The ledger step of the notice that an obligation was excused (one excuse per obligation, so one notice).</summary>
    public const string ExcusedStep = "excused";

    /// <summary>Requests for more time in the speaker's scope that are still waiting, newest first, with the due date they would move.</summary>
    private static async Task<List<ExtensionRequestView>> PendingExtensionsAsync(Turn turn, IReadOnlyCollection<int> scope, CancellationToken cancellationToken)
    {
        var rows = await turn.Db.Extensions.AsNoTracking()
            .Where(e => e.Status == ExtensionStatus.Requested && scope.Contains(e.MemberId))
            .Join(turn.Db.Members, e => e.MemberId, m => m.Id, (e, m) => new { Extension = e, Member = m })
            .OrderByDescending(x => x.Extension.Id)
            .Take(MaxPendingListed)
            .ToListAsync(cancellationToken);
        return rows
            .Where(x => ExtensionRules.MayDecide(turn.Member, x.Member))
            .Select(x => new ExtensionRequestView(x.Extension.Id, x.Member.Name, x.Extension.Kind, x.Extension.Period,
                x.Extension.Period.End, x.Extension.RequestedUntil, x.Extension.Reason))
            .ToList();
    }

    public const int MaxPendingListed = 10;

    /// <summary>
    /// The view a card asks for (<c>scope</c> and <c>page</c>, both optional: a typed command has neither), checked
    /// against the speaker: the group view needs a group leader, the branch view the committee.
    /// </summary>
    private static Reply? ReadView(Turn turn, CardData? data, out OverdueScope scope, out int page)
    {
        var me = turn.Member;
        scope = me.IsGroupLeader ? OverdueScope.Group : OverdueScope.Branch;
        page = 1;
        if (data is not null)
        {
            var askedScope = data.Choice<OverdueScope>(OverdueListCard.ScopeField, required: false);
            var askedPage = data.Int(OverdueListCard.PageField, 1, OverdueListCard.MaxPages, required: false);
            if (data.Error is { } error) return Errors.Refuse(turn, error);
            scope = askedScope ?? scope;
            page = askedPage ?? 1;
        }
        var allowed = scope == OverdueScope.Branch ? ChaseRules.ChasesWholeBranch(me) : me.IsGroupLeader;
        return allowed ? null : new Reply.Refused(turn.T("error.notPermitted"));
    }

    /// <summary>Who is in the list the speaker is looking at: their group, or the whole branch.</summary>
    private static async Task<HashSet<int>> ViewAsync(Turn turn, OverdueScope scope, CancellationToken cancellationToken) =>
        (await OthersAsync(turn, scope, cancellationToken)).Select(m => m.Id).ToHashSet();

    /// <summary>Whom the speaker may chase (<see cref="ChaseRules.MayChase(Member, int, int)"/>).</summary>
    private static async Task<HashSet<int>> ScopeAsync(Turn turn, CancellationToken cancellationToken)
    {
        var me = turn.Member;
        // Narrowed in the query so that a leader's check reads one group, not the branch; the rule itself decides.
        var candidates = await OthersAsync(turn, ChaseRules.ChasesWholeBranch(me) ? OverdueScope.Branch : OverdueScope.Group, cancellationToken);
        return candidates.Where(m => ChaseRules.MayChase(me, m.Id, m.GroupId)).Select(m => m.Id).ToHashSet();
    }

    private static async Task<List<(int Id, int GroupId)>> OthersAsync(Turn turn, OverdueScope scope, CancellationToken cancellationToken)
    {
        var me = turn.Member;
        var query = turn.Db.Members.AsNoTracking().Where(m => m.Id != me.Id);
        if (scope == OverdueScope.Group) query = query.Where(m => m.GroupId == me.GroupId);
        return (await query.Select(m => new { m.Id, m.GroupId }).ToListAsync(cancellationToken)).Select(m => (m.Id, m.GroupId)).ToList();
    }

    private static async Task<List<OverduePerson>> OpenByPersonAsync(Turn turn, IReadOnlyCollection<int> scope, CancellationToken cancellationToken)
    {
        var loaded = await ScheduleLoading.StillOpenAsync(turn, scope, cancellationToken);
        var schedule = loaded.Schedule;
        var owners = scope.Where(schedule.Members.ContainsKey).Select(id => schedule.Members[id]).ToList();
        return schedule.OpenAt(owners, turn.Now, loaded.Since)
            .Select(o => (Obligation: o, Status: o.StatusOn(turn.Now)))
            .Where(x => x.Obligation.OwnerId is not null && x.Status is ObligationStatus.Overdue or ObligationStatus.DueSoon)
            .GroupBy(x => x.Obligation.OwnerId!.Value)
            .Select(g => new OverduePerson(g.Key, schedule.Members[g.Key].Name, g
                .OrderBy(x => x.Obligation.DueDate)
                .Select(x => x.Obligation.SubjectId != g.Key && schedule.Members.TryGetValue(x.Obligation.SubjectId, out var subject)
                    ? new OverdueItem(x.Obligation.Kind, x.Obligation.Period, x.Obligation.DueDate, x.Status, x.Obligation.SubjectId, subject.Name) { SubjectStudentNumber = subject.StudentNumber }
                    : new OverdueItem(x.Obligation.Kind, x.Obligation.Period, x.Obligation.DueDate, x.Status, x.Obligation.SubjectId, null))
                .ToList()) { StudentNumber = schedule.Members[g.Key].StudentNumber })
            .OrderByDescending(p => p.Items.Count(i => i.Status == ObligationStatus.Overdue))
            .ThenBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.MemberId)
            .ToList();
    }

    private static async Task<List<SubmittedReport>> SubmittedAsync(Turn turn, IReadOnlyCollection<int> scope, CancellationToken cancellationToken)
    {
        var month = Period.Containing(Cadence.Monthly, turn.Today);
        var quarter = Period.Containing(Cadence.Quarterly, turn.Today);
        var rows = await turn.Db.Submissions.AsNoTracking()
            .Where(s => scope.Contains(s.MemberId) && (s.Period == month || s.Period == quarter))
            .Join(turn.Db.Members, s => s.MemberId, m => m.Id, (s, m) => new { m.Id, m.Name, m.StudentNumber, s.Kind, s.Period, s.SubmittedAt, s.Text, s.Version })
            .ToListAsync(cancellationToken);
        return rows
            .GroupBy(r => (r.Id, r.Kind, r.Period))
            .Select(g => g.OrderByDescending(r => r.Version).First())
            .OrderBy(r => r.SubmittedAt)
            .Select(r => new SubmittedReport(r.Name, r.Kind, r.Period, turn.Branch.LocalDate(r.SubmittedAt), ReportLength.Count(r.Text), r.Text)
                { Author = new NamedPerson(r.Id, r.Name, r.StudentNumber) })
            .ToList();
    }

    /// <summary>Talks this month with mentees in the speaker's scope: the leader sees what mentors logged.</summary>
    private static async Task<List<LoggedTalk>> TalksAsync(Turn turn, IReadOnlyCollection<int> scope, CancellationToken cancellationToken)
    {
        var month = Period.Containing(Cadence.Monthly, turn.Today);
        var rows = await turn.Db.Talks.AsNoTracking()
            .Where(t => scope.Contains(t.MenteeId) && t.Date >= month.Start && t.Date <= month.End)
            .Join(turn.Db.Members, t => t.MentorId, m => m.Id, (t, mentor) => new { t, MentorName = mentor.Name, MentorNumber = mentor.StudentNumber })
            .Join(turn.Db.Members, x => x.t.MenteeId, m => m.Id, (x, mentee) => new
            {
                x.t.Date, x.t.Topic, x.t.MentorId, x.MentorName, x.MentorNumber, x.t.MenteeId, MenteeName = mentee.Name, MenteeNumber = mentee.StudentNumber,
            })
            .ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.Date).Select(r => new LoggedTalk(r.MentorName, r.MenteeName, r.Date, r.Topic)
        {
            Mentor = new NamedPerson(r.MentorId, r.MentorName, r.MentorNumber),
            Mentee = new NamedPerson(r.MenteeId, r.MenteeName, r.MenteeNumber),
        }).ToList();
    }

    private enum NudgeOutcome { Queued, Duplicate, Unreachable }

    /// <summary>
    /// Queues a reminder of the person's most pressing item for the delivery worker; Duplicate when this card already
    /// nudged them (the ledger's unique key), Unreachable when the bot knows it cannot reach them (recorded, not queued).
    /// </summary>
    private static async Task<NudgeOutcome> NudgeOneAsync(Turn turn, OverduePerson person, string cardId, CancellationToken cancellationToken)
    {
        var item = person.Items[0];
        var step = "nudge:" + cardId;
        var user = await turn.Db.TeamsUsers.AsNoTracking().FirstOrDefaultAsync(u => u.MemberId == person.MemberId, cancellationToken);
        ReminderDelivery delivery;
        if (DeliveryQueue.KnownUnreachable(user) is { } reason)
        {
            delivery = new ReminderDelivery
            {
                MemberId = person.MemberId, Kind = item.Kind, Period = item.Period, SubjectId = item.SubjectId, Step = step,
                Status = ReminderDeliveryStatus.Unreachable, LastError = reason, CreatedAt = turn.Now,
            };
        }
        else
        {
            var language = UserLanguage.For(user);
            var t = Texts.Default;
            var what = item.Kind == ObligationKind.Talk && item.SubjectName is not null
                ? t.Get(language, "overdue.talkWith", Markdown.Escape(item.SubjectName))
                : Formats.Kind(language, item.Kind);
            var text = t.Get(language, "nudge.message", Markdown.Escape(turn.Member.Name), what,
                Formats.Period(language, item.Period), Formats.Date(language, item.DueDate));
            AdaptiveCard? card = null;
            var form = DutyCards.FormFor(item.Kind);
            if (form == DutyForm.Talk)
            {
                // The talk form for the mentor, with this mentee already chosen.
                var mentorId = person.MemberId;
                var mentees = await turn.Db.Members.AsNoTracking()
                    .Where(m => m.Mentors.Any(a => a.MentorId == mentorId))
                    .OrderBy(m => m.Name)
                    .Select(m => new MenteeOption(m.Id, m.Name))
                    .ToListAsync(cancellationToken);
                if (mentees.Any(m => m.MemberId == item.SubjectId))
                    card = TalkFormCard.Build(language, mentees, turn.Today, ReportFlow.NewCardId(), item.SubjectId);
            }
            else if (form == DutyForm.Report)
            {
                var owner = await turn.Db.Members.AsNoTracking().FirstAsync(m => m.Id == person.MemberId, cancellationToken);
                var rule = turn.Policy.Find(item.Kind, owner.Stage, Owner.Self);
                card = ReportFlow.Form(language, item.Kind, item.Period, item.DueDate, rule?.MinLength ?? 0);
            }
            delivery = DeliveryQueue.Row(new QueuedRow(person.MemberId, step, QueuedMessage.Of(card, text)), item.Kind, item.Period, item.SubjectId, turn.Now);
        }
        turn.Db.ReminderDeliveries.Add(delivery);
        try
        {
            await turn.Db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            turn.Db.ChangeTracker.Clear();
            return NudgeOutcome.Duplicate;
        }
        return delivery.Status == ReminderDeliveryStatus.Pending ? NudgeOutcome.Queued : NudgeOutcome.Unreachable;
    }
}
