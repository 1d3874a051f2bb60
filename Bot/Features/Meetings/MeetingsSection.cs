using BranchBot.Bot.Cards;
using BranchBot.Bot.Conversation;
using BranchBot.Bot.Localization;
using BranchBot.Domain;
using BranchBot.Domain.Calendar;
using BranchBot.Domain.Meetings;
using BranchBot.Infrastructure.Persistence;
using BranchBot.Infrastructure.Queries;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Bot.Features.Meetings;

/// <summary>
/// The committee's summary section for 三会一课: each kind's quota this semester with the forecast (group meetings
/// per group), and the people flagged for repeated unexcused absence (<see cref="AttendanceRules.IsRepeatedlyAbsent"/>).
/// Empty between semesters (the academic calendar's, else the placeholder's summer break; <see cref="Semester.Containing(DateOnly, Domain.Calendar.AcademicCalendar?)"/>).
/// </summary>
public static class MeetingsSection
{
    public const int MaxNames = 10;

    public static async Task<IReadOnlyList<CardElement>> ForCommitteeAsync(Turn turn, CancellationToken cancellationToken)
    {
        if (Semester.Containing(turn.Today, await new FactReader(turn.Db).SpansAsync(cancellationToken)) is not { } semester) return [];
        var from = turn.Branch.ToInstant(semester.Start.ToDateTime(TimeOnly.MinValue));
        var meetings = await turn.Db.Meetings.AsNoTracking().Include(m => m.Attendees)
            .Where(m => m.CancelledAt == null && m.StartsAt >= from && m.StartsAt <= turn.Now).ToListAsync(cancellationToken);
        var groups = await turn.Db.Groups.AsNoTracking().OrderBy(g => g.Name).ToListAsync(cancellationToken);
        var t = Texts.Default;
        var language = turn.Language;
        var body = new List<CardElement>
        {
            TextBlock.Trusted(t.Get(language, "meetings.section.title", Formats.Date(language, semester.Start), Formats.Date(language, semester.End))) with { Weight = TextWeight.Bolder, Spacing = Spacing.Medium, Separator = true },
        };
        var facts = new List<Fact>();
        foreach (var kind in new[] { MeetingKind.Committee, MeetingKind.General, MeetingKind.Lecture })
            facts.Add(Fact.Trusted(MeetingTexts.Kind(language, kind), Line(turn, semester, kind, meetings.Where(m => m.Kind == kind))));
        foreach (var group in groups)
            facts.Add(Fact.Trusted(MeetingTexts.Kind(language, MeetingKind.Group) + " · " + Markdown.Escape(UserText.Clip(group.Name)),
                Line(turn, semester, MeetingKind.Group, meetings.Where(m => m.Kind == MeetingKind.Group && m.GroupId == group.Id))));
        body.Add(new FactSet(facts));

        // Repeated unexcused absence, over the held meetings each person was expected at (this semester).
        var flagged = meetings.SelectMany(m => m.Attendees.Select(a => (a.MemberId, Record: new AttendanceRecord(m.StartsAt, a.Answer))))
            .GroupBy(x => x.MemberId)
            .Where(g => AttendanceRules.IsRepeatedlyAbsent(g.Select(x => x.Record)))
            .Select(g => (Id: g.Key, Count: AttendanceRules.Count(g.Select(x => x.Record))))
            .ToList();
        if (flagged.Count > 0)
        {
            var ids = flagged.Select(f => f.Id).ToList();
            var names = await turn.Db.Members.AsNoTracking().Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Name, cancellationToken);
            body.Add(TextBlock.Trusted(t.Get(language, "meetings.section.absent", flagged.Count, AttendanceRules.UnexcusedToFlag, AttendanceRules.Window)) with { Weight = TextWeight.Bolder });
            body.Add(new FactSet(flagged.OrderBy(f => names.GetValueOrDefault(f.Id, ""), StringComparer.Ordinal).Take(MaxNames)
                .Select(f => Fact.Trusted(Markdown.Escape(UserText.Clip(names.GetValueOrDefault(f.Id, "?"))), Attendance(language, f.Count))).ToList()));
        }
        return body;
    }

    /// <summary>"我的状态": the speaker's attendance at the held meetings they were expected at this semester; empty when none.</summary>
    /// <param name="calendar">The academic calendar the caller has already read (my status: its schedule's).</param>
    public static async Task<IReadOnlyList<CardElement>> ForMemberAsync(Turn turn, AcademicCalendar calendar, CancellationToken cancellationToken)
    {
        if (Semester.Containing(turn.Today, calendar) is not { } semester) return [];
        var from = turn.Branch.ToInstant(semester.Start.ToDateTime(TimeOnly.MinValue));
        var records = new List<AttendanceRecord>();
        await foreach (var r in MemberAttendance.For(turn.Db)(turn.Db, turn.Member.Id, from, turn.Now).WithCancellation(cancellationToken)) records.Add(r);
        if (records.Count == 0) return [];
        return [TextBlock.Trusted(Texts.Default.Get(turn.Language, "meetings.status", Attendance(turn.Language, AttendanceRules.Count(records)))) with { Spacing = Spacing.Medium, Separator = true }];
    }

    // The member's own answer at each held meeting in [from, now]: one row per meeting, not the meeting's whole attendee list.
    private static readonly PerModel<Func<BranchDbContext, int, DateTimeOffset, DateTimeOffset, IAsyncEnumerable<AttendanceRecord>>> MemberAttendance = new(() => EF.CompileAsyncQuery(
        (BranchDbContext db, int me, DateTimeOffset from, DateTimeOffset now) => db.Meetings
            .Where(m => m.CancelledAt == null && m.StartsAt >= from && m.StartsAt <= now)
            .SelectMany(m => m.Attendees, (m, a) => new { m.StartsAt, a.MemberId, a.Answer })
            .Where(x => x.MemberId == me)
            .Select(x => new AttendanceRecord(x.StartsAt, x.Answer))));

    /// <summary>"2 of 3 held, 6 weeks left: schedule one before …", or on track.</summary>
    public static string Line(Turn turn, Semester semester, MeetingKind kind, IEnumerable<Meeting> held)
    {
        var progress = MeetingForecast.For(kind, turn.Policy.Meetings, semester, held.Select(m => turn.Branch.LocalDate(m.StartsAt)), turn.Today);
        var t = Texts.Default;
        var line = progress.Span == QuotaSpan.Semester
            ? t.Get(turn.Language, "meetings.section.held", progress.Held, progress.Required, progress.WeeksLeft)
            : t.Get(turn.Language, "meetings.section.heldSoFar", progress.Held, progress.Due, progress.Required, progress.WeeksLeft);
        return progress.ScheduleBefore is { } before
            ? line + t.Get(turn.Language, "meetings.section.scheduleBefore", Formats.Date(turn.Language, before))
            : line + t.Get(turn.Language, "meetings.section.onTrack");
    }

    public static string Attendance(Language language, AttendanceCount count) =>
        Texts.Default.Get(language, "meetings.attendance", count.CheckedIn, count.Expected, count.Excused, count.Unexcused);
}
