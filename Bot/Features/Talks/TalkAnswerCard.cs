using System.Globalization;
using BranchBot.Bot.Cards;
using BranchBot.Bot.Localization;
using BranchBot.Domain;

namespace BranchBot.Bot.Features.Talks;

/// <summary>To the mentee: the talk as the mentor recorded it; confirm with one tap, or dispute it with a note.</summary>
public static class TalkAnswerCard
{
    public const string TalkField = "talk";
    public const string AnswerField = "answer";
    public const string NoteInput = "disputeNote";
    public const string Confirm = "confirm";
    public const string Dispute = "dispute";

    public static AdaptiveCard Build(Language language, Talk talk, string mentorName, string cardId)
    {
        var t = Texts.Default;
        CardActionData Data(string answer) => CardActionData.For(Verbs.TalkAnswer, cardId)
            .With(TalkField, talk.Id.ToString(CultureInfo.InvariantCulture))
            .With(AnswerField, answer);
        var facts = new List<Fact>
        {
            Fact.Trusted(t.Get(language, "talk.form.date"), Formats.Date(language, talk.Date)),
            Fact.Trusted(t.Get(language, "talk.form.mode"), Formats.TalkMode(language, talk.Mode)),
            Fact.User(t.Get(language, "talk.form.topic"), UserText.Clip(talk.Topic, CardLimits.TopicMaxLength)),
        };
        if (talk.FollowUp is { } followUp) facts.Add(Fact.User(t.Get(language, "talk.form.followUp"), UserText.Clip(followUp, CardLimits.FollowUpMaxLength)));
        return new AdaptiveCard(
            [
                TextBlock.Trusted(t.Get(language, "talk.answer.title", Markdown.Escape(UserText.Clip(mentorName)))) with { Weight = TextWeight.Bolder, Size = TextSize.Medium },
                new FactSet(facts),
                TextBlock.User(talk.Summary),
                new InputText(NoteInput)
                {
                    Label = t.Get(language, "talk.answer.noteLabel"),
                    Placeholder = t.Get(language, "talk.answer.notePlaceholder"),
                    IsMultiline = true,
                    MaxLength = CardLimits.ReasonMaxLength,
                },
            ],
            [
                new ActionSubmit(t.Get(language, "talk.answer.confirm"), Data(Confirm)) { Style = ActionStyle.Positive },
                new ActionSubmit(t.Get(language, "talk.answer.dispute"), Data(Dispute)),
            ]);
    }

    public static AdaptiveCard Answered(string text) =>
        new([TextBlock.Trusted(UserText.Clip(text, 600)) with { Weight = TextWeight.Bolder }]);
}
