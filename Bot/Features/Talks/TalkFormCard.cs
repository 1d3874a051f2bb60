using System.Globalization;
using BranchBot.Bot.Cards;
using BranchBot.Bot.Localization;
using BranchBot.Domain;

namespace BranchBot.Bot.Features.Talks;

public sealed record MenteeOption(int MemberId, string Name)
{
    /// <summary>Shown beside the name when two mentees share it.</summary>
    public string? StudentNumber { get; init; }
}

/// <summary>Log a talk from the phone in under a minute: schema 1.2 elements only.</summary>
public static class TalkFormCard
{
    public const string MenteeInput = "mentee";
    public const string DateInput = "date";
    public const string ModeInput = "mode";
    public const string TopicInput = "topic";
    public const string SummaryInput = "summary";
    public const string FollowUpInput = "followUp";

    public static AdaptiveCard Build(Language language, IReadOnlyList<MenteeOption> mentees, DateOnly today, string cardId, int? preselected = null)
    {
        var t = Texts.Default;
        string Label(string key) => t.Get(language, key);
        var mentee = preselected ?? (mentees.Count == 1 ? mentees[0].MemberId : null);
        var names = PersonNames.Distinct(language, mentees.Select(m => new NamedPerson(m.MemberId, m.Name, m.StudentNumber)));
        return new AdaptiveCard(
            [
                TextBlock.Trusted(Label("talk.form.title")) with { Weight = TextWeight.Bolder, Size = TextSize.Medium },
                new InputChoiceSet(MenteeInput, mentees.Select(m => new Choice(names[m.MemberId], m.MemberId.ToString(CultureInfo.InvariantCulture))).ToList())
                {
                    Label = Label("talk.form.mentee"),
                    Placeholder = Label("talk.form.menteePlaceholder"),
                    Style = ChoiceStyle.Compact,
                    Value = mentee?.ToString(CultureInfo.InvariantCulture),
                    IsRequired = true,
                    ErrorMessage = t.Get(language, "error.missingField", Label("talk.form.mentee")),
                },
                new InputDate(DateInput)
                {
                    Label = Label("talk.form.date"),
                    Value = today,
                    Max = today,
                    IsRequired = true,
                    ErrorMessage = t.Get(language, "error.missingField", Label("talk.form.date")),
                },
                new InputChoiceSet(ModeInput,
                [
                    new Choice(Formats.TalkMode(language, TalkMode.InPerson), nameof(TalkMode.InPerson)),
                    new Choice(Formats.TalkMode(language, TalkMode.Online), nameof(TalkMode.Online)),
                ])
                {
                    Label = Label("talk.form.mode"),
                    Style = ChoiceStyle.Expanded,
                    Value = nameof(TalkMode.InPerson),
                },
                new InputText(TopicInput)
                {
                    Label = Label("talk.form.topic"),
                    Placeholder = Label("talk.form.topicPlaceholder"),
                    MaxLength = CardLimits.TopicMaxLength,
                    IsRequired = true,
                    ErrorMessage = t.Get(language, "error.missingField", Label("talk.form.topic")),
                },
                new InputText(SummaryInput)
                {
                    Label = Label("talk.form.summary"),
                    Placeholder = Label("talk.form.summaryPlaceholder"),
                    IsMultiline = true,
                    MaxLength = CardLimits.SummaryMaxLength,
                    IsRequired = true,
                    ErrorMessage = t.Get(language, "error.missingField", Label("talk.form.summary")),
                },
                new InputText(FollowUpInput)
                {
                    Label = Label("talk.form.followUp"),
                    Placeholder = Label("talk.form.followUpPlaceholder"),
                    IsMultiline = true,
                    MaxLength = CardLimits.FollowUpMaxLength,
                },
                TextBlock.Trusted(Label("talk.dateHint")) with { IsSubtle = true, Size = TextSize.Small },
            ],
            [new ActionSubmit(Label("talk.form.save"), CardActionData.For(Verbs.TalkSubmit, cardId)) { Style = ActionStyle.Positive }]);
    }

    public static AdaptiveCard Saved(Language language, string menteeName, DateOnly date, TalkMode mode) =>
        new([TextBlock.Trusted(Texts.Default.Get(language, "talk.saved", Markdown.Escape(UserText.Clip(menteeName)), Formats.Date(language, date), Formats.TalkMode(language, mode))) with { Weight = TextWeight.Bolder, Color = TextColor.Good }]);
}
