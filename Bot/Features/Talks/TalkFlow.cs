using System.Globalization;
using BranchBot.Bot.Cards;
using BranchBot.Bot.Conversation;
using BranchBot.Bot.Features.Reports;
using BranchBot.Bot.Features.Reviews;
using BranchBot.Bot.Localization;
using BranchBot.Domain;
using BranchBot.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Bot.Features.Talks;

/// <summary>A mentor (or introducer) logs a talk with one of their own mentees.</summary>
public sealed class TalkFlow(ReviewNotices notices, ILogger<TalkFlow> logger)
{
    public async Task<Reply> ShowFormAsync(Turn turn, CardData? data, CancellationToken cancellationToken)
    {
        var mentees = await MenteesAsync(turn, cancellationToken);
        if (mentees.Count == 0) return Reply.Say(turn.T("talk.noMentees"));
        int? preselected = null;
        if (data?.Reference(TalkFormCard.MenteeInput, required: false) is { } reference)
        {
            // Reminders point at a mentee by student number; only one of the speaker's own mentees is preselected.
            preselected = mentees.FirstOrDefault(m => m.StudentNumber == reference || m.Id.ToString(CultureInfo.InvariantCulture) == reference)?.Id;
        }
        var options = mentees.Select(m => new MenteeOption(m.Id, m.Name) { StudentNumber = m.StudentNumber }).ToList();
        return Reply.Show(TalkFormCard.Build(turn.Language, options, turn.Today, ReportFlow.NewCardId(), preselected));
    }

    public async Task<Reply> SubmitAsync(Turn turn, CardData data, CancellationToken cancellationToken)
    {
        var menteeRef = data.Reference(TalkFormCard.MenteeInput);
        var date = data.Date(TalkFormCard.DateInput);
        var mode = data.Choice<TalkMode>(TalkFormCard.ModeInput, required: false) ?? TalkMode.InPerson;
        var topic = data.String(TalkFormCard.TopicInput, CardLimits.TopicMaxLength);
        var summary = data.String(TalkFormCard.SummaryInput, CardLimits.SummaryMaxLength);
        var followUp = data.String(TalkFormCard.FollowUpInput, CardLimits.FollowUpMaxLength, required: false);
        if (data.Error is { } error) return Errors.Refuse(turn, error);
        if (data.CardId is not { Length: > 0 and <= 64 } cardId) return new Reply.Refused(turn.T("error.badCard"));

        var mentees = await MenteesAsync(turn, cancellationToken);
        var mentee = int.TryParse(menteeRef, NumberStyles.None, CultureInfo.InvariantCulture, out var menteeId)
            ? mentees.FirstOrDefault(m => m.Id == menteeId)
            : null;
        if (mentee is null) return new Reply.Refused(turn.T("error.notYourMentee"));

        var day = date!.Value;
        switch (TalkRules.Check(day, turn.Today, mentee.StageSince))
        {
            case TalkDateVerdict.InFuture:
                return new Reply.Refused(turn.T("error.dateInFuture", Formats.Date(turn.Language, day)));
            case TalkDateVerdict.BeforeStage:
                return new Reply.Refused(turn.T("error.dateBeforeStage", Formats.Date(turn.Language, day), Formats.Date(turn.Language, mentee.StageSince)));
        }
        var period = TalkRules.CountsIn(turn.Policy, mentee.Stage, day);
        if (HandInWindow.IsClosed(period, turn.Today, regularDueDate: await ReportFlow.RegularDueDateAsync(turn, period, cancellationToken))) return new Reply.Refused(turn.T("error.periodClosed", Formats.Period(turn.Language, period)));

        var key = $"{turn.Member.Id}:{cardId}";
        if (await AlreadyLoggedAsync(turn, key, cancellationToken) is { } logged) return logged;

        var talk = new Talk(turn.Member.Id, mentee.Id, day, mode, topic!, summary!, followUp, turn.Now, key);
        turn.Db.Talks.Add(talk);
        try
        {
            await turn.Db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            logger.LogInformation(e, "A concurrent save of talk card {CardId} was refused.", cardId);
            turn.Db.ChangeTracker.Clear();
            return await AlreadyLoggedAsync(turn, key, cancellationToken) ?? new Reply.Refused(turn.T("error.duplicate"));
        }
        await notices.TalkLoggedAsync(turn.Db, talk, turn.Member.Name, cancellationToken);
        return new Reply.ReplaceCard(TalkFormCard.Saved(turn.Language, mentee.Name, day, mode));
    }

    /// <summary>The mentee confirms a logged talk with one tap or disputes it with a note; only the talk's own mentee may, once.</summary>
    public async Task<Reply> AnswerAsync(Turn turn, CardData data, CancellationToken cancellationToken)
    {
        var reference = data.Reference(TalkAnswerCard.TalkField);
        var answer = data.String(TalkAnswerCard.AnswerField, 16);
        var note = data.String(TalkAnswerCard.NoteInput, CardLimits.ReasonMaxLength, required: false);
        if (data.Error is { } error) return Errors.Refuse(turn, error);
        if (!long.TryParse(reference, NumberStyles.None, CultureInfo.InvariantCulture, out var talkId) || answer is not (TalkAnswerCard.Confirm or TalkAnswerCard.Dispute))
            return new Reply.Refused(turn.T("error.forgedId"));

        var talk = await turn.Db.Talks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == talkId, cancellationToken);
        if (talk is null) return new Reply.Refused(turn.T("error.forgedId"));
        if (!ReviewRules.MayAnswerTalk(turn.Member, talk)) return new Reply.Refused(turn.T("talk.answer.notYours"));
        var given = answer == TalkAnswerCard.Confirm ? TalkAnswer.Confirmed : TalkAnswer.Disputed;
        if (given == TalkAnswer.Disputed && string.IsNullOrWhiteSpace(note)) return new Reply.Refused(turn.T("talk.answer.noteNeeded"));
        if (await AlreadyAnsweredAsync(turn, talkId, cancellationToken) is { } answered) return answered;

        turn.Db.TalkConfirmations.Add(new TalkConfirmation(talkId, turn.Member.Id, given, note, turn.Now));
        try
        {
            await turn.Db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            logger.LogInformation(e, "A concurrent answer to talk {TalkId} was refused.", talkId);
            turn.Db.ChangeTracker.Clear();
            return await AlreadyAnsweredAsync(turn, talkId, cancellationToken) ?? new Reply.Refused(turn.T("error.duplicate"));
        }

        var mentor = await turn.Db.Members.AsNoTracking().Where(m => m.Id == talk.MentorId).Select(m => m.Name).FirstAsync(cancellationToken);
        if (given == TalkAnswer.Disputed) await notices.TalkDisputedAsync(turn.Db, talk, turn.Member.Name, note!, cancellationToken);
        var key = given == TalkAnswer.Confirmed ? "talk.answer.confirmed" : "talk.answer.disputed";
        return new Reply.ReplaceCard(TalkAnswerCard.Answered(turn.T(key, Markdown.Escape(UserText.Clip(mentor)), Formats.Date(turn.Language, talk.Date))));
    }

    private static async Task<Reply?> AlreadyAnsweredAsync(Turn turn, long talkId, CancellationToken cancellationToken)
    {
        var earlier = await turn.Db.TalkConfirmations.AsNoTracking().FirstOrDefaultAsync(c => c.TalkId == talkId, cancellationToken);
        return earlier is null ? null : new Reply.Refused(turn.T("talk.answer.already",
            Formats.TalkAnswer(turn.Language, earlier.Answer), Formats.Date(turn.Language, turn.Branch.LocalDate(earlier.At))));
    }

    /// <summary>This card's talk, if one was stored: a double click or a racing second click is told it is logged.</summary>
    private static async Task<Reply?> AlreadyLoggedAsync(Turn turn, string key, CancellationToken cancellationToken)
    {
        var logged = await turn.Db.Talks.AsNoTracking()
            .Where(t => t.IdempotencyKey == key)
            .Select(t => new { t.Date, Mentee = turn.Db.Members.Where(m => m.Id == t.MenteeId).Select(m => m.Name).First() })
            .FirstOrDefaultAsync(cancellationToken);
        return logged is null ? null
            : new Reply.Refused(turn.T("talk.alreadyLogged", Markdown.Escape(logged.Mentee), Formats.Date(turn.Language, logged.Date)));
    }

    private static Task<List<Member>> MenteesAsync(Turn turn, CancellationToken cancellationToken)
    {
        var me = turn.Member.Id;
        return turn.Db.Members.AsNoTracking()
            .Where(m => m.Mentors.Any(a => a.MentorId == me))
            .OrderBy(m => m.Name)
            .ToListAsync(cancellationToken);
    }
}
