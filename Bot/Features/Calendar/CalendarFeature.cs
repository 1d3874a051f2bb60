using BranchBot.Bot.Cards;
using BranchBot.Bot.Conversation;

namespace BranchBot.Bot.Features.Calendar;

/// <summary>The academic calendar in chat: the committee records a person's leave, and adds or removes the calendar's spans (校历; also the CLI file, <see cref="CalendarFile"/>).</summary>
public sealed class CalendarFeature : Feature
{
    public override string Name => "calendar";

    public CalendarFeature()
    {
        Verb<LeaveFlow>(Verbs.CalendarLeaveSave, (flow, turn, data, ct) => flow.SaveAsync(turn, data, ct));

        Verb<SpanFlow>(Verbs.CalendarSpanAdd, (flow, turn, data, ct) => flow.AddAsync(turn, data, ct));
        Verb<SpanFlow>(Verbs.CalendarSpanRemove, (flow, turn, data, ct) => flow.RemoveAsync(turn, data, ct));

        Typed<SpanFlow>(Command.AcademicCalendar, ["academic calendar", "calendar"], ["校历"], ["校曆"], (flow, turn, ct) => flow.ShowAsync(turn, ct), listed: false);
        Typed<LeaveFlow>(Command.RecordLeave, ["record leave", "leave"], ["请假登记", "登记请假"], ["請假登記", "登記請假"], (flow, turn, ct) => flow.ShowAsync(turn, ct));

        Label(LeaveCard.PersonInput, "calendar.leave.person");
        Label(LeaveCard.KindInput, "calendar.leave.kind");
        Label(LeaveCard.StartInput, "calendar.leave.start");
        Label(LeaveCard.EndInput, "calendar.leave.end");
        Label(LeaveCard.NoteInput, "calendar.leave.note");
        Label(SpanCard.KindInput, "calendar.span.kind");
        Label(SpanCard.StartInput, "calendar.span.start");
        Label(SpanCard.EndInput, "calendar.span.end");
        Label(SpanCard.RemoveInput, "calendar.span.remove");
    }
}
