using System.Globalization;
using BranchBot.Bot.Cards;
using BranchBot.Bot.Localization;
using BranchBot.Domain;
using BranchBot.Domain.Meetings;

namespace BranchBot.Bot.Features.Meetings;

/// <summary>The convener's form: kind, day, time, place or online, topic. Schema 1.2 elements only.</summary>
public static class MeetingFormCard
{
    public const string KindInput = "meetingsKind";
    public const string DateInput = "meetingsDate";
    public const string TimeInput = "meetingsTime";
    public const string PlaceInput = "meetingsPlace";
    public const string OnlineInput = "meetingsOnline";
    public const string TopicInput = "meetingsTopic";

    /// <summary>Start times offered, every half hour from 07:00 to 21:30.</summary>
    public static IEnumerable<string> Times() => Enumerable.Range(14, 30).Select(h => new TimeOnly(h / 2, h % 2 * 30).ToString("HH:mm", CultureInfo.InvariantCulture));

    public static AdaptiveCard Build(Language language, IReadOnlyList<MeetingKind> kinds, DateOnly today, string cardId)
    {
        var t = Texts.Default;
        string L(string key) => t.Get(language, key);
        return new AdaptiveCard(
            [
                TextBlock.Trusted(L("meetings.form.title")) with { Weight = TextWeight.Bolder, Size = TextSize.Medium },
                new InputChoiceSet(KindInput, kinds.Select(k => new Choice(MeetingTexts.Kind(language, k), k.ToString())).ToList())
                    { Label = L("meetings.form.kind"), Style = ChoiceStyle.Compact, Value = kinds[0].ToString(), IsRequired = true, ErrorMessage = t.Get(language, "error.missingField", L("meetings.form.kind")) },
                new InputDate(DateInput) { Label = L("meetings.form.date"), Value = today, Min = today, IsRequired = true, ErrorMessage = t.Get(language, "error.missingField", L("meetings.form.date")) },
                new InputChoiceSet(TimeInput, Times().Select(x => new Choice(x, x)).ToList())
                    { Label = L("meetings.form.time"), Style = ChoiceStyle.Compact, Value = "14:00", IsRequired = true, ErrorMessage = t.Get(language, "error.missingField", L("meetings.form.time")) },
                new InputText(PlaceInput) { Label = L("meetings.form.place"), MaxLength = Meeting.PlaceMaxLength, IsRequired = true, ErrorMessage = t.Get(language, "error.missingField", L("meetings.form.place")) },
                new InputToggle(OnlineInput, L("meetings.form.online")),
                new InputText(TopicInput) { Label = L("meetings.form.topic"), MaxLength = Meeting.TopicMaxLength, IsRequired = true, ErrorMessage = t.Get(language, "error.missingField", L("meetings.form.topic")) },
            ],
            [new ActionSubmit(L("meetings.form.submit"), CardActionData.For(Verbs.MeetingsSchedule, cardId)) { Style = ActionStyle.Positive }]);
    }
}

/// <summary>To each attendee: the meeting, a check-in button, an absence with its reason; the recorder also gets the minutes button.</summary>
public static class MeetingCard
{
    public const string MeetingField = "meeting";
    public const string VersionField = "version";
    public const string ReasonInput = "meetingsReason";

    public static AdaptiveCard Build(Language language, Meeting meeting, string convenerName, string start, bool isRecorder)
    {
        var t = Texts.Default;
        string L(string key) => t.Get(language, key);
        CardActionData Data(string verb) => CardActionData.For(verb, FormattableString.Invariant($"meeting-{meeting.Id}-{meeting.Version}"))
            .With(MeetingField, meeting.Id.ToString(CultureInfo.InvariantCulture))
            .With(VersionField, meeting.Version.ToString(CultureInfo.InvariantCulture));
        var actions = new List<CardAction>
        {
            new ActionSubmit(L("meetings.card.checkIn"), Data(Verbs.MeetingsCheckIn)) { Style = ActionStyle.Positive },
            new ActionSubmit(L("meetings.card.absent"), Data(Verbs.MeetingsAbsent)),
        };
        if (isRecorder) actions.Add(new ActionSubmit(L("meetings.card.minutes"), Data(Verbs.MeetingsMinutesForm)));
        return new AdaptiveCard(
            [
                TextBlock.Trusted(t.Get(language, "meetings.card.title", MeetingTexts.Kind(language, meeting.Kind))) with { Weight = TextWeight.Bolder, Size = TextSize.Medium },
                new FactSet(
                [
                    Fact.Trusted(L("meetings.form.time"), start),
                    Fact.User(meeting.Online ? L("meetings.card.online") : L("meetings.form.place"), UserText.Clip(meeting.Place, Meeting.PlaceMaxLength)),
                    Fact.User(L("meetings.form.topic"), UserText.Clip(meeting.Topic, Meeting.TopicMaxLength)),
                    Fact.User(L("meetings.card.convener"), UserText.Clip(convenerName)),
                ]),
                new InputText(ReasonInput) { Label = L("meetings.card.reason"), MaxLength = CardLimits.ReasonMaxLength, IsMultiline = true },
            ],
            actions);
    }

    public static AdaptiveCard Done(string text) => new([TextBlock.Trusted(UserText.Clip(text, 600)) with { Weight = TextWeight.Bolder }]);
}

/// <summary>The recorder writes the minutes after the meeting.</summary>
public static class MeetingMinutesCard
{
    public const string MinutesInput = "meetingsMinutes";

    public static AdaptiveCard Build(Language language, Meeting meeting, string start)
    {
        var t = Texts.Default;
        string L(string key) => t.Get(language, key);
        return new AdaptiveCard(
            [
                TextBlock.Trusted(t.Get(language, "meetings.minutes.title", MeetingTexts.Kind(language, meeting.Kind), start)) with { Weight = TextWeight.Bolder, Size = TextSize.Medium },
                TextBlock.User(UserText.Clip(meeting.Topic, Meeting.TopicMaxLength)),
                new InputText(MinutesInput) { Label = L("meetings.minutes.label"), MaxLength = Meeting.MinutesMaxLength, IsMultiline = true, IsRequired = true, Value = meeting.Minutes,
                    ErrorMessage = t.Get(language, "error.missingField", L("meetings.minutes.label")) },
            ],
            [new ActionSubmit(L("meetings.minutes.save"), CardActionData.For(Verbs.MeetingsMinutesSave, FormattableString.Invariant($"minutes-{meeting.Id}-{meeting.Version}"))
                .With(MeetingCard.MeetingField, meeting.Id.ToString(CultureInfo.InvariantCulture))
                .With(MeetingCard.VersionField, meeting.Version.ToString(CultureInfo.InvariantCulture))) { Style = ActionStyle.Positive }]);
    }
}

public static class MeetingTexts
{
    public static string Kind(Language language, MeetingKind kind) => Texts.Default.Get(language, "meetings.kind." + kind);

    public static string Start(Language language, Branch branch, DateTimeOffset startsAt) => Formats.DateTime(language, branch.LocalTime(startsAt));
}
