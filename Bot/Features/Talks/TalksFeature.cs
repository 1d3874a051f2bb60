using BranchBot.Bot.Cards;
using BranchBot.Bot.Conversation;

namespace BranchBot.Bot.Features.Talks;

/// <summary>A mentor's talks with their mentees: the form, its submission, and the mentee confirming or disputing it.</summary>
public sealed class TalksFeature : Feature
{
    public override string Name => "talks";

    public TalksFeature()
    {
        Verb<TalkFlow>(Verbs.TalkForm, (flow, turn, data, ct) => flow.ShowFormAsync(turn, data, ct));
        Verb<TalkFlow>(Verbs.TalkSubmit, (flow, turn, data, ct) => flow.SubmitAsync(turn, data, ct));
        Verb<TalkFlow>(Verbs.TalkAnswer, (flow, turn, data, ct) => flow.AnswerAsync(turn, data, ct));

        Typed<TalkFlow>(Command.LogTalk, ["log talk", "talk"], ["记录谈话", "谈话"], ["記錄談話", "談話"],
            (flow, turn, ct) => flow.ShowFormAsync(turn, null, ct));

        Label(TalkFormCard.MenteeInput, "talk.form.mentee");
        Label(TalkFormCard.DateInput, "talk.form.date");
        Label(TalkFormCard.ModeInput, "talk.form.mode");
        Label(TalkFormCard.TopicInput, "talk.form.topic");
        Label(TalkFormCard.SummaryInput, "talk.form.summary");
        Label(TalkFormCard.FollowUpInput, "talk.form.followUp");
        Label(TalkAnswerCard.NoteInput, "talk.answer.noteLabel");
    }
}
