using BranchBot.Bot.Cards;
using BranchBot.Bot.Conversation;
using BranchBot.Bot.Localization;
using BranchBot.Domain;
using BranchBot.Infrastructure.Persistence;
using BranchBot.Infrastructure.Queries;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Bot.Features.Info;

/// <summary>Read-only answers: help by role, my status, the language choice.</summary>
public sealed class InfoFlows
{
    public async Task<Reply> HelpAsync(Turn turn, bool notUnderstood, CancellationToken cancellationToken)
    {
        var me = turn.Member;
        var sections = HelpSections.None;
        if (me.Stage != Stage.Full) sections |= HelpSections.Student;
        if (await turn.Db.MentorAssignments.AnyAsync(a => a.MentorId == me.Id, cancellationToken)) sections |= HelpSections.Mentor;
        if (me.IsGroupLeader) sections |= HelpSections.GroupLeader;
        if (me.IsCommittee) sections |= HelpSections.Committee;
        if (sections == HelpSections.None) sections = HelpSections.Student;
        return new Reply.Message(HelpCard.Build(turn.Language, sections), notUnderstood ? turn.T("unknownCommand") : null);
    }

    public async Task<Reply> StatusAsync(Turn turn, CancellationToken cancellationToken)
    {
        var me = turn.Member;
        var loaded = await ScheduleLoading.ForPersonAsync(turn, me.Id, cancellationToken);
        var schedule = loaded.Schedule;
        var items = schedule.OwedBy(me, ScheduleLoading.Since(turn), turn.Today.AddMonths(1))
            .Select(o => (Obligation: o, Status: o.StatusOn(turn.Now)))
            .Where(x => x.Status != ObligationStatus.NotYetDue)
            .ToList();
        StatusLine Line((Obligation Obligation, ObligationStatus Status) x)
        {
            var subject = x.Obligation.SubjectId != me.Id && schedule.Members.TryGetValue(x.Obligation.SubjectId, out var s) ? s : null;
            return new(x.Obligation.Kind, x.Obligation.Period, x.Obligation.DueDate, x.Status, subject?.Name)
                { Subject = subject is null ? null : new NamedPerson(subject.Id, subject.Name, subject.StudentNumber) };
        }
        var open = items.Where(x => x.Status.IsOpen()).OrderBy(x => x.Obligation.DueDate).Select(Line).ToList();
        var done = items.Where(x => x.Status.IsSettled()).OrderByDescending(x => x.Obligation.DueDate).Take(8).Select(Line).ToList();
        var missed = items.Where(x => x.Status.IsMissed()).OrderByDescending(x => x.Obligation.DueDate).Take(8).Select(Line).ToList();
        var canWrite = open.Any(l => DutyKinds.Of(l.Kind).IsWritten);
        var pending = new List<PendingRequestLine>();
        await foreach (var e in PendingExtensions.For(turn.Db)(turn.Db, me.Id).WithCancellation(cancellationToken))
            pending.Add(new PendingRequestLine(e.Kind, e.Period, e.RequestedUntil, turn.Branch.LocalDate(e.RequestedAt)));
        // The schedule already holds the speaker with their stage history and their mentees (its loader reads both).
        var history = schedule.Members[me.Id];
        var mentees = await MenteesAsync(turn, schedule, cancellationToken);
        var hasReports = loaded.HasReports ?? await turn.Db.Submissions.AnyAsync(s => s.MemberId == me.Id, cancellationToken);
        var card = StatusCard.Build(turn.Language, me.Name, me.Stage, me.StageSince, open, done, canWrite, missed, pending,
            Countdown.Of(history, turn.Today), mentees, hasReports);
        // Meetings (三会一课): one's attendance this semester.
        var meetings = await Meetings.MeetingsSection.ForMemberAsync(turn, schedule.Facts.Calendar, cancellationToken);
        // Evaluations: the half-yearly evaluation and the Party school.
        var evaluations = await Evaluations.EvaluationsSection.ForMemberAsync(turn, cancellationToken);
        // Selection of activists: a candidate's public notice (公示).
        var notice = await Pipeline.SelectionSection.ForMemberAsync(turn, cancellationToken);
        return Reply.Show(card with { Body = [.. card.Body, .. notice, .. meetings, .. evaluations] });
    }

    private sealed record PendingExtension(ObligationKind Kind, Period Period, DateOnly RequestedUntil, DateTimeOffset RequestedAt);

    private static readonly PerModel<Func<BranchDbContext, int, IAsyncEnumerable<PendingExtension>>> PendingExtensions = new(() => EF.CompileAsyncQuery(
        (BranchDbContext db, int me) => db.Extensions.Where(e => e.MemberId == me && e.Status == ExtensionStatus.Requested)
            .OrderBy(e => e.Id).Select(e => new PendingExtension(e.Kind, e.Period, e.RequestedUntil, e.RequestedAt))));

    /// <summary>The speaker's mentees and development targets with their countdowns and the last talk with each (and its answer).</summary>
    private static async Task<List<MenteeLine>> MenteesAsync(Turn turn, ObligationSchedule schedule, CancellationToken cancellationToken)
    {
        var me = turn.Member.Id;
        var people = schedule.Members.Values
            .Select(p => (Person: p, Assignment: p.Mentors.FirstOrDefault(a => a.MentorId == me)))
            .Where(x => x.Assignment is not null)
            .OrderBy(x => x.Person.Name, StringComparer.Ordinal).ThenBy(x => x.Person.Id)
            .ToList();
        if (people.Count == 0) return [];
        var ids = people.Select(x => x.Person.Id).ToList();
        var talks = await turn.Db.Talks.AsNoTracking().Where(t => t.MentorId == me && ids.Contains(t.MenteeId))
            .Select(t => new { t.MenteeId, t.Date, t.Id, Answer = turn.Db.TalkConfirmations.Where(c => c.TalkId == t.Id).Select(c => (TalkAnswer?)c.Answer).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        return [.. people.Select(x =>
        {
            var last = talks.Where(t => t.MenteeId == x.Person.Id).OrderByDescending(t => t.Date).ThenByDescending(t => t.Id).FirstOrDefault();
            return new MenteeLine(x.Person.Name, x.Assignment!.Kind, Countdown.Of(x.Person, turn.Today), last?.Date, last?.Answer);
        })];
    }

    public static Reply LanguageChoice(Turn turn) =>
        new Reply.Message(LanguageCard.Build(turn.Language), turn.T("language.current", turn.T(turn.Language switch
        {
            Language.EnUs => "language.enUs",
            Language.ZhTw => "language.zhTw",
            _ => "language.zhCn",
        })));

    public static async Task<Reply> SetLanguageAsync(Turn turn, CardData data, CancellationToken cancellationToken)
    {
        var tag = data.String(LanguageCard.LanguageField, 8);
        if (data.Error is { } error) return Errors.Refuse(turn, error);
        if (UserLanguage.Parse(tag) is not { } language || turn.Speaker.Record is null) return new Reply.Refused(turn.T("error.badChoice"));
        var user = await turn.Db.TeamsUsers.FirstAsync(u => u.Id == turn.Speaker.Record.Id, cancellationToken);
        user.PreferredLanguage = language.Tag();
        await turn.Db.SaveChangesAsync(cancellationToken);
        return new Reply.ReplaceCard(new AdaptiveCard([TextBlock.Trusted(Texts.Default.Get(language, "language.set"))]));
    }
}
