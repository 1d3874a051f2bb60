using BranchBot.Bot.Cards;

namespace BranchBot.Bot.Conversation;

/// <summary>Card-data problems in the user's language, naming the field by its label.</summary>
public static class Errors
{
    private static readonly Dictionary<string, string> FieldLabels = new(StringComparer.Ordinal)
    {
        [ReportFormCard.TextInput] = "report.form.label",
        [ReportFormCard.ReasonInput] = "extension.request.reasonLabel",
        [TalkFormCard.MenteeInput] = "talk.form.mentee",
        [TalkFormCard.DateInput] = "talk.form.date",
        [TalkFormCard.ModeInput] = "talk.form.mode",
        [TalkFormCard.TopicInput] = "talk.form.topic",
        [TalkFormCard.SummaryInput] = "talk.form.summary",
        [TalkFormCard.FollowUpInput] = "talk.form.followUp",
    };

    public static Reply Refuse(Turn turn, CardDataError error) => new Reply.Refused(Describe(turn, error));

    public static string Describe(Turn turn, CardDataError error) => error.Code switch
    {
        CardDataErrorCode.MissingField => turn.T("error.missingField", Label(turn, error.Field)),
        CardDataErrorCode.TooLong => turn.T("error.tooLong", error.Actual, error.Limit),
        _ => turn.T(error.TextKey),
    };

    private static string Label(Turn turn, string? field) =>
        field is not null && FieldLabels.TryGetValue(field, out var key) ? turn.T(key)
        : field is not null && field.StartsWith(OverdueListCard.ReasonInputPrefix, StringComparison.Ordinal) ? turn.T("overdue.excuseReasonLabel")
        : field ?? "?";
}
