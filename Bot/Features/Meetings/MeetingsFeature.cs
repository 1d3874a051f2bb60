using BranchBot.Bot.Cards;
using BranchBot.Bot.Conversation;

namespace BranchBot.Bot.Features.Meetings;

/// <summary>三会一课: scheduling a meeting, checking in or sending an absence, and the minutes.</summary>
public sealed class MeetingsFeature : Feature
{
    public override string Name => "meetings";

    public MeetingsFeature()
    {
        Verb<MeetingFlow>(Verbs.MeetingsSchedule, (flow, turn, data, ct) => flow.ScheduleAsync(turn, data, ct));
        Verb<MeetingFlow>(Verbs.MeetingsCheckIn, (flow, turn, data, ct) => flow.CheckInAsync(turn, data, ct));
        Verb<MeetingFlow>(Verbs.MeetingsAbsent, (flow, turn, data, ct) => flow.AbsentAsync(turn, data, ct));
        Verb<MeetingFlow>(Verbs.MeetingsMinutesForm, (flow, turn, data, ct) => flow.MinutesFormAsync(turn, data, ct));
        Verb<MeetingFlow>(Verbs.MeetingsMinutesSave, (flow, turn, data, ct) => flow.MinutesSaveAsync(turn, data, ct));

        Typed<MeetingFlow>(Command.MeetingsSchedule, ["schedule meeting", "meeting"], ["召开会议", "开会"], ["召開會議", "開會"],
            (flow, turn, ct) => flow.FormAsync(turn, ct));

        Label(MeetingFormCard.KindInput, "meetings.form.kind");
        Label(MeetingFormCard.DateInput, "meetings.form.date");
        Label(MeetingFormCard.TimeInput, "meetings.form.time");
        Label(MeetingFormCard.PlaceInput, "meetings.form.place");
        Label(MeetingFormCard.OnlineInput, "meetings.form.online");
        Label(MeetingFormCard.TopicInput, "meetings.form.topic");
        Label(MeetingCard.ReasonInput, "meetings.card.reason");
        Label(MeetingMinutesCard.MinutesInput, "meetings.minutes.label");
    }
}
