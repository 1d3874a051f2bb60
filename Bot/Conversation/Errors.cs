using BranchBot.Bot.Cards;
using BranchBot.Bot.Features.Overdue;
using BranchBot.Bot.Features.Pipeline;
using BranchBot.Bot.Features.Reports;
using BranchBot.Bot.Features.Reviews;
using BranchBot.Bot.Features.Rules;
using BranchBot.Bot.Features.Talks;

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
        [PolicyCard.DueSoonInput] = "policy.dueSoonLabel",
        [PolicyCard.ExtensionInput] = "policy.extensionLabel",
        [ReviewCard.CommentInput] = "review.commentLabel",
        [TalkAnswerCard.NoteInput] = "talk.answer.noteLabel",
        [DevelopmentCard.OpinionsInput] = "pipeline.develop.opinions",
        [DevelopmentCard.DecidedOnInput] = "pipeline.develop.decidedOn",
        [DevelopmentCard.FiledOnInput] = "pipeline.develop.filedOn",
        [DevelopmentCard.Introducer1Input] = "pipeline.develop.introducer1",
        [DevelopmentCard.Introducer2Input] = "pipeline.develop.introducer2",
        [DefenceCard.DefenceInput] = "pipeline.defence.defenceMark",
        [DefenceCard.DailyWorkInput] = "pipeline.defence.dailyWorkMark",
        [AdmissionCard.MeetingOnInput] = "pipeline.admit.meetingOn",
        [AdmissionCard.ApprovedOnInput] = "pipeline.admit.approvedOn",
        [ProbationCard.OutcomeInput] = "pipeline.probation.outcome",
        [ProbationCard.MeetingOnInput] = "pipeline.probation.meetingOn",
        [ProbationCard.NewEndInput] = "pipeline.probation.newEnd",
        [ProbationCard.NoteInput] = "pipeline.probation.note",
    };

    public static Reply Refuse(Turn turn, CardDataError error) => new Reply.Refused(Describe(turn, error));

    public static string Describe(Turn turn, CardDataError error) => error.Code switch
    {
        // Only inputs are filled in by people; a missing field of our own (verb, period, member...) means the card
        // itself is broken or forged, and its internal name would mean nothing to them.
        CardDataErrorCode.MissingField => LabelKey(error.Field) is { } label ? turn.T("error.missingField", turn.T(label)) : turn.T("error.badCard"),
        CardDataErrorCode.TooLong => LabelKey(error.Field) is { } label
            ? turn.T("error.tooLongField", turn.T(label), error.Actual, error.Limit)
            : turn.T("error.tooLong", error.Actual, error.Limit),
        _ => turn.T(error.TextKey),
    };

    /// <summary>The text key of the label people see on this input (per-row inputs by their prefix); null for non-inputs.</summary>
    public static string? LabelKey(string? field) =>
        field is null ? null
        : FieldLabels.TryGetValue(field, out var key) ? key
        : field.StartsWith(OverdueListCard.ReasonInputPrefix, StringComparison.Ordinal) ? "overdue.excuseReasonLabel"
        : field.StartsWith(OverdueListCard.ItemInputPrefix, StringComparison.Ordinal) ? "overdue.excuseItemLabel"
        : field.StartsWith(PolicyCard.OffsetsInputPrefix, StringComparison.Ordinal) ? "policy.offsetsLabel"
        : field.StartsWith(PolicyCard.TimeInputPrefix, StringComparison.Ordinal) ? "policy.timeLabel"
        : field.StartsWith(PolicyCard.GraceInputPrefix, StringComparison.Ordinal) ? "policy.graceLabel"
        : field.StartsWith(PolicyCard.MinLengthInputPrefix, StringComparison.Ordinal) ? "policy.minLengthLabel"
        : null;
}
