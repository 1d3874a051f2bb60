using BranchBot.Bot.Cards;
using BranchBot.Bot.Localization;
using BranchBot.Domain.Calendar;

namespace BranchBot.Bot.Features.Calendar;

/// <summary>One person on the leave form's list.</summary>
public sealed record LeaveCandidate(int Id, string Name, string StudentNumber);

/// <summary>The committee's leave form: who, kind, first and last day, a note. Schema 1.2 elements only.</summary>
public static class LeaveCard
{
    public const string PersonInput = "calendarPerson";
    public const string KindInput = "calendarKind";
    public const string StartInput = "calendarStart";
    public const string EndInput = "calendarEnd";
    public const string NoteInput = "calendarNote";

    public static AdaptiveCard Build(Language language, IReadOnlyList<LeaveCandidate> people, DateOnly today, string cardId)
    {
        var t = Texts.Default;
        string L(string key) => t.Get(language, key);
        var kinds = Enum.GetValues<LeaveKind>();
        return new AdaptiveCard(
            [
                TextBlock.Trusted(L("calendar.leave.title")) with { Weight = TextWeight.Bolder, Size = TextSize.Medium },
                TextBlock.Trusted(L("calendar.leave.hint")) with { IsSubtle = true },
                new InputChoiceSet(PersonInput, people.Select(p => new Choice(UserText.Clip(p.Name) + " · " + UserText.Clip(p.StudentNumber), p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToList())
                    { Label = L("calendar.leave.person"), Style = ChoiceStyle.Compact, IsRequired = true, ErrorMessage = t.Get(language, "error.missingField", L("calendar.leave.person")) },
                new InputChoiceSet(KindInput, kinds.Select(k => new Choice(L("calendar.leaveKind." + k), k.ToString())).ToList())
                    { Label = L("calendar.leave.kind"), Style = ChoiceStyle.Compact, Value = LeaveKind.Sick.ToString(), IsRequired = true, ErrorMessage = t.Get(language, "error.missingField", L("calendar.leave.kind")) },
                new InputDate(StartInput) { Label = L("calendar.leave.start"), Value = today, IsRequired = true, ErrorMessage = t.Get(language, "error.missingField", L("calendar.leave.start")) },
                new InputDate(EndInput) { Label = L("calendar.leave.end"), Value = today, IsRequired = true, ErrorMessage = t.Get(language, "error.missingField", L("calendar.leave.end")) },
                new InputText(NoteInput) { Label = L("calendar.leave.note"), MaxLength = Leave.ReasonMaxLength },
            ],
            [new ActionSubmit(L("calendar.leave.save"), CardActionData.For(Verbs.CalendarLeaveSave, cardId)) { Style = ActionStyle.Positive }]);
    }
}
