using System.Globalization;
using BranchBot.Bot.Cards;
using BranchBot.Bot.Conversation;
using BranchBot.Bot.Delivery;
using BranchBot.Bot.Localization;
using BranchBot.Domain;
using BranchBot.Domain.Calendar;
using BranchBot.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Bot.Features.Calendar;

/// <summary>
/// 请假登记: the committee records a person's leave (休学, exchange, sick leave). Its duties of a period the leave covers
/// at least half of are then excused (<see cref="AcademicCalendar.LeaveExcusing"/>). One leave per person and first
/// day, and no two of a person's leaves overlap; every refusal says why and stores nothing. The person is told through
/// the ledger, in their language.
/// </summary>
public sealed class LeaveFlow(DeliverySignal delivery)
{
    public async Task<Reply> ShowAsync(Turn turn, CancellationToken cancellationToken)
    {
        if (!turn.Member.IsCommittee) return new Reply.Refused(turn.T("error.notPermitted"));
        var people = await turn.Db.Members.AsNoTracking().OrderBy(m => m.GroupId).ThenBy(m => m.StudentNumber)
            .Select(m => new LeaveCandidate(m.Id, m.Name, m.StudentNumber)).ToListAsync(cancellationToken);
        return Reply.Show(LeaveCard.Build(turn.Language, people, turn.Today, "leave-" + Guid.NewGuid().ToString("N")));
    }

    public async Task<Reply> SaveAsync(Turn turn, CardData data, CancellationToken cancellationToken)
    {
        if (!turn.Member.IsCommittee) return new Reply.Refused(turn.T("error.notPermitted"));
        var person = data.Reference(LeaveCard.PersonInput);
        var kind = data.Choice<LeaveKind>(LeaveCard.KindInput);
        var start = data.Date(LeaveCard.StartInput);
        var end = data.Date(LeaveCard.EndInput);
        var note = data.String(LeaveCard.NoteInput, Leave.ReasonMaxLength, required: false);
        if (data.Error is { } error) return Errors.Refuse(turn, error);
        if (!int.TryParse(person, NumberStyles.None, CultureInfo.InvariantCulture, out var memberId)) return new Reply.Refused(turn.T("error.badChoice"));
        var member = await turn.Db.Members.AsNoTracking().FirstOrDefaultAsync(m => m.Id == memberId, cancellationToken);
        if (member is null) return new Reply.Refused(turn.T("calendar.leave.unknownPerson"));
        var (first, last) = (start!.Value, end!.Value);
        if (last < first) return new Reply.Refused(turn.T("calendar.leave.endBeforeStart", Formats.Date(turn.Language, first), Formats.Date(turn.Language, last)));
        if (await OverlappingAsync(turn, memberId, first, last, cancellationToken) is { } other) return Overlaps(turn, member.Name, other);

        turn.Db.Leaves.Add(new Leave(memberId, kind!.Value, first, last, note, turn.Member.Id, turn.Now));
        if (memberId != turn.Member.Id)
        {
            var language = await UserLanguage.OfMemberAsync(turn.Db, memberId, cancellationToken);
            var text = Texts.Default.Get(language, "calendar.leave.told", Texts.Default.Get(language, "calendar.leaveKind." + kind.Value),
                Formats.Date(language, first), Formats.Date(language, last));
            turn.Db.ReminderDeliveries.Add(DeliveryQueue.Row(new QueuedRow(memberId, FormattableString.Invariant($"leave:{first:yyyyMMdd}"), QueuedMessage.Of(null, text)),
                ObligationKind.ThoughtReport, Period.Containing(Cadence.Monthly, first), memberId, turn.Now));
        }
        try
        {
            await turn.Db.SaveChangesAsync(cancellationToken);
            delivery.Wake();
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // A double click: the same person and first day is stored once.
            turn.Db.ChangeTracker.Clear();
            return await OverlappingAsync(turn, memberId, first, last, cancellationToken) is { } stored
                ? Overlaps(turn, member.Name, stored)
                : new Reply.Refused(turn.T("error.badCard"));
        }
        return Reply.Say(turn.T("calendar.leave.saved", Markdown.Escape(UserText.Clip(member.Name)), turn.T("calendar.leaveKind." + kind.Value),
            Formats.Date(turn.Language, first), Formats.Date(turn.Language, last)));
    }

    private static Task<Leave?> OverlappingAsync(Turn turn, int memberId, DateOnly first, DateOnly last, CancellationToken cancellationToken) =>
        turn.Db.Leaves.AsNoTracking().Where(l => l.MemberId == memberId && l.Start <= last && l.End >= first).OrderBy(l => l.Start).FirstOrDefaultAsync(cancellationToken);

    private static Reply Overlaps(Turn turn, string name, Leave other) =>
        new Reply.Refused(turn.T("calendar.leave.overlaps", Markdown.Escape(UserText.Clip(name)), Formats.Date(turn.Language, other.Start), Formats.Date(turn.Language, other.End)));
}
