using System.Globalization;
using BranchBot.Bot.Cards;
using BranchBot.Bot.Conversation;
using BranchBot.Bot.Delivery;
using BranchBot.Bot.Features.Reports;
using BranchBot.Bot.Localization;
using BranchBot.Domain;
using BranchBot.Domain.Meetings;
using BranchBot.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Bot.Features.Meetings;

/// <summary>
/// 三会一课: the convener schedules a meeting (the kinds their roles allow, <see cref="MeetingRules.MayConvene"/>); each
/// expected attendee gets a card through the delivery ledger, saved with the meeting; they check in within the window
/// or send an absence with a reason; the recorder writes the minutes afterwards. The meeting named by a card is
/// re-read: a cancelled meeting's or an older version's card is refused as stale.
/// </summary>
public sealed class MeetingFlow(DeliverySignal delivery, ILogger<MeetingFlow> logger)
{
    public Task<Reply> FormAsync(Turn turn, CancellationToken cancellationToken)
    {
        var kinds = Enum.GetValues<MeetingKind>().Where(k => MeetingRules.MayConvene(turn.Member, k)).ToList();
        if (kinds.Count == 0) return Task.FromResult<Reply>(new Reply.Refused(turn.T("meetings.error.mayNotConvene")));
        return Task.FromResult(Reply.Show(MeetingFormCard.Build(turn.Language, kinds, turn.Today, ReportFlow.NewCardId())));
    }

    public async Task<Reply> ScheduleAsync(Turn turn, CardData data, CancellationToken cancellationToken)
    {
        var kind = data.Choice<MeetingKind>(MeetingFormCard.KindInput);
        var date = data.Date(MeetingFormCard.DateInput);
        var time = data.Reference(MeetingFormCard.TimeInput);
        var place = data.String(MeetingFormCard.PlaceInput, Meeting.PlaceMaxLength);
        var online = data.Toggle(MeetingFormCard.OnlineInput);
        var topic = data.String(MeetingFormCard.TopicInput, Meeting.TopicMaxLength);
        if (data.Error is { } error) return Errors.Refuse(turn, error);
        if (data.CardId is not { Length: > 0 and <= 64 } cardId) return new Reply.Refused(turn.T("error.badCard"));
        if (!MeetingRules.MayConvene(turn.Member, kind!.Value)) return new Reply.Refused(turn.T("meetings.error.mayNotConvene"));
        if (!TimeOnly.TryParseExact(time, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)) return new Reply.Refused(turn.T("error.badChoice"));
        var startsAt = turn.Branch.ToInstant(date!.Value.ToDateTime(at));
        if (startsAt <= turn.Now) return new Reply.Refused(turn.T("meetings.error.inPast", MeetingTexts.Start(turn.Language, turn.Branch, startsAt)));

        var key = $"{turn.Member.Id}:{cardId}";
        if (await turn.Db.Meetings.AsNoTracking().AnyAsync(m => m.IdempotencyKey == key, cancellationToken))
            return new Reply.Refused(turn.T("meetings.error.alreadyScheduled"));
        int? groupId = kind == MeetingKind.Group ? turn.Member.GroupId : null;
        var members = await turn.Db.Members.AsNoTracking().ToListAsync(cancellationToken);
        var attendees = members.Where(m => m.IsActiveOn(date.Value) && MeetingRules.IsExpected(m, kind.Value, groupId)).Select(m => m.Id).Append(turn.Member.Id).Distinct().ToList();
        var meeting = new Meeting(kind.Value, groupId, turn.Member.Id, turn.Member.Id, startsAt, place!, online, topic!, attendees, turn.Now, key);
        turn.Db.Meetings.Add(meeting);
        try
        {
            await turn.Db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            logger.LogInformation(e, "A concurrent schedule of card {CardId} was refused.", cardId);
            turn.Db.ChangeTracker.Clear();
            return new Reply.Refused(turn.T("meetings.error.alreadyScheduled"));
        }

        // The invitations are ledger rows under a step unique to the meeting; the delivery worker sends them.
        var users = await turn.Db.TeamsUsers.AsNoTracking().Where(u => u.MemberId != null && attendees.Contains(u.MemberId!.Value)).ToListAsync(cancellationToken);
        foreach (var id in attendees)
        {
            var language = UserLanguage.For(users.FirstOrDefault(u => u.MemberId == id));
            var card = MeetingCard.Build(language, meeting, turn.Member.Name, MeetingTexts.Start(language, turn.Branch, startsAt), id == meeting.RecorderId);
            turn.Db.ReminderDeliveries.Add(DeliveryQueue.Row(new QueuedRow(id, FormattableString.Invariant($"meetings:{meeting.Id}:invite"), QueuedMessage.Of(card, null)),
                ObligationKind.ThoughtReport, Period.Containing(Cadence.Monthly, turn.Branch.LocalDate(startsAt)), turn.Member.Id, turn.Now));
        }
        await turn.Db.SaveChangesAsync(cancellationToken);
        delivery.Wake();
        return new Reply.ReplaceCard(MeetingCard.Done(turn.T("meetings.scheduled", MeetingTexts.Kind(turn.Language, meeting.Kind),
            MeetingTexts.Start(turn.Language, turn.Branch, startsAt), attendees.Count)));
    }

    public async Task<Reply> CheckInAsync(Turn turn, CardData data, CancellationToken cancellationToken)
    {
        var (meeting, mine, refused) = await AttendeeAsync(turn, data, cancellationToken);
        if (refused is not null) return refused;
        var quotas = turn.Policy.Meetings;
        switch (MeetingRules.CheckIn(meeting.StartsAt, turn.Now, quotas))
        {
            case CheckInVerdict.TooEarly:
                return new Reply.Refused(turn.T("meetings.error.tooEarly", MeetingTexts.Start(turn.Language, turn.Branch, MeetingRules.OpensAt(meeting.StartsAt, quotas))));
            case CheckInVerdict.TooLate:
                return new Reply.Refused(turn.T("meetings.error.tooLate", MeetingTexts.Start(turn.Language, turn.Branch, MeetingRules.ClosesAt(meeting.StartsAt, quotas))));
        }
        mine.CheckIn(turn.Now);
        if (await SaveAsync(turn, cancellationToken) is { } conflict) return conflict;
        return new Reply.ReplaceCard(MeetingCard.Done(turn.T("meetings.checkedIn", MeetingTexts.Kind(turn.Language, meeting.Kind), MeetingTexts.Start(turn.Language, turn.Branch, meeting.StartsAt))));
    }

    public async Task<Reply> AbsentAsync(Turn turn, CardData data, CancellationToken cancellationToken)
    {
        var reason = data.String(MeetingCard.ReasonInput, CardLimits.ReasonMaxLength, required: false);
        var (meeting, mine, refused) = await AttendeeAsync(turn, data, cancellationToken);
        if (refused is not null) return refused;
        if (string.IsNullOrWhiteSpace(reason)) return new Reply.Refused(turn.T("meetings.error.reasonNeeded"));
        if (!MeetingRules.MaySendAbsence(meeting.StartsAt, turn.Now, turn.Policy.Meetings))
            return new Reply.Refused(turn.T("meetings.error.tooLate", MeetingTexts.Start(turn.Language, turn.Branch, MeetingRules.ClosesAt(meeting.StartsAt, turn.Policy.Meetings))));
        mine.SendAbsence(reason, turn.Now);
        if (await SaveAsync(turn, cancellationToken) is { } conflict) return conflict;
        return new Reply.ReplaceCard(MeetingCard.Done(turn.T("meetings.absent", MeetingTexts.Kind(turn.Language, meeting.Kind), MeetingTexts.Start(turn.Language, turn.Branch, meeting.StartsAt))));
    }

    public async Task<Reply> MinutesFormAsync(Turn turn, CardData data, CancellationToken cancellationToken)
    {
        var (meeting, refused) = await MeetingAsync(turn, data, tracked: false, cancellationToken);
        if (refused is not null) return refused;
        if (!MeetingRules.MayWriteMinutes(meeting, turn.Member.Id, turn.Now)) return new Reply.Refused(NoMinutes(turn, meeting));
        return Reply.Show(MeetingMinutesCard.Build(turn.Language, meeting, MeetingTexts.Start(turn.Language, turn.Branch, meeting.StartsAt)));
    }

    public async Task<Reply> MinutesSaveAsync(Turn turn, CardData data, CancellationToken cancellationToken)
    {
        var minutes = data.String(MeetingMinutesCard.MinutesInput, Meeting.MinutesMaxLength);
        if (data.Error is { } error) return Errors.Refuse(turn, error);
        var (meeting, refused) = await MeetingAsync(turn, data, tracked: true, cancellationToken);
        if (refused is not null) return refused;
        if (!MeetingRules.MayWriteMinutes(meeting, turn.Member.Id, turn.Now)) return new Reply.Refused(NoMinutes(turn, meeting));
        meeting.RecordMinutes(minutes!, turn.Now);
        if (await SaveAsync(turn, cancellationToken) is { } conflict) return conflict;
        return new Reply.ReplaceCard(MeetingCard.Done(turn.T("meetings.minutes.saved", MeetingTexts.Kind(turn.Language, meeting.Kind), MeetingTexts.Start(turn.Language, turn.Branch, meeting.StartsAt))));
    }

    private static string NoMinutes(Turn turn, Meeting meeting) =>
        meeting.StartsAt > turn.Now ? turn.T("meetings.error.minutesTooEarly") : turn.T("meetings.error.notRecorder");

    /// <summary>The meeting the card names, at the version the card was built for and not cancelled; the speaker must be expected at it and not have answered.</summary>
    private static async Task<(Meeting Meeting, MeetingAttendee Mine, Reply? Refused)> AttendeeAsync(Turn turn, CardData data, CancellationToken cancellationToken)
    {
        var (meeting, refused) = await MeetingAsync(turn, data, tracked: true, cancellationToken);
        if (refused is not null) return (null!, null!, refused);
        var mine = meeting.Attendees.FirstOrDefault(a => a.MemberId == turn.Member.Id);
        if (mine is null) return (meeting, null!, new Reply.Refused(turn.T("meetings.error.notInvited")));
        if (mine.Answer != MeetingAnswer.None)
            return (meeting, mine, new Reply.Refused(turn.T(mine.Answer == MeetingAnswer.CheckedIn ? "meetings.error.alreadyCheckedIn" : "meetings.error.alreadyAbsent")));
        return (meeting, mine, null);
    }

    private static async Task<(Meeting Meeting, Reply? Refused)> MeetingAsync(Turn turn, CardData data, bool tracked, CancellationToken cancellationToken)
    {
        var reference = data.Reference(MeetingCard.MeetingField);
        var versionText = data.Reference(MeetingCard.VersionField);
        if (!long.TryParse(reference, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            || !int.TryParse(versionText, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            return (null!, new Reply.Refused(turn.T("error.forgedId")));
        var meetings = tracked ? turn.Db.Meetings : turn.Db.Meetings.AsNoTracking();
        var meeting = await meetings.Include(m => m.Attendees).FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (meeting is null) return (null!, new Reply.Refused(turn.T("error.forgedId")));
        if (meeting.CancelledAt is not null) return (meeting, new Reply.Refused(turn.T("meetings.error.cancelled")));
        if (meeting.Version != version) return (meeting, new Reply.Refused(turn.T("meetings.error.stale")));
        return (meeting, null);
    }

    private async Task<Reply?> SaveAsync(Turn turn, CancellationToken cancellationToken)
    {
        try
        {
            await turn.Db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateException e)
        {
            // A racing second click (or a cancel in between) changed the meeting first.
            logger.LogInformation(e, "A concurrent meeting answer was refused.");
            turn.Db.ChangeTracker.Clear();
            return new Reply.Refused(turn.T("error.duplicate"));
        }
    }
}
