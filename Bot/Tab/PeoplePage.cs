using System.Globalization;
using BranchBot.Bot.Conversation;
using BranchBot.Bot.Localization;
using BranchBot.Domain;
using BranchBot.Infrastructure.Persistence;
using BranchBot.Infrastructure.Queries;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Bot.Tab;

/// <summary>
/// The people behind a figure (<c>/tab/people?group=&amp;kind=&amp;month=&amp;status=&amp;stage=</c>) and one person's page
/// (<c>/tab/people/{id}</c>: their duties, reports with full text, talks, evaluations). Every filter is re-checked
/// against the viewer's reach; a person outside it answers 404, the same as one who does not exist.
/// </summary>
internal static class PeoplePage
{
    public const int MaxReports = 24;
    public const int MaxTalks = 50;

    public static string Link(int? group = null, ObligationKind? kind = null, Period? month = null, ObligationStatus? status = null, Stage? stage = null)
    {
        var query = new List<string>();
        if (group is { } g) query.Add("group=" + g.ToString(CultureInfo.InvariantCulture));
        if (kind is { } k) query.Add("kind=" + k);
        if (month is not null) query.Add("month=" + month.Key);
        if (status is { } s) query.Add("status=" + s);
        if (stage is { } st) query.Add("stage=" + st);
        return query.Count == 0 ? "/tab/people" : "/tab/people?" + string.Join("&", query);
    }

    public static async Task<IResult> ListAsync(HttpContext context, IAntiforgery antiforgery, BranchDbContext db, BranchState state, TimeProvider time, CancellationToken ct)
    {
        var (viewer, page) = await TabPages.OpenAsync(context, antiforgery, db, ct);
        if (viewer is null) return TabPages.NotOnRoster(page);
        if (viewer.Scope == TabScopeKind.Self) return Results.Redirect($"/tab/people/{viewer.Member.Id}");
        var q = context.Request.Query;
        int? group = int.TryParse(q["group"], NumberStyles.None, CultureInfo.InvariantCulture, out var g) ? g : null;
        ObligationKind? kind = Enum.TryParse<ObligationKind>(q["kind"], out var k) && Enum.IsDefined(k) ? k : null;
        Period? month = Period.TryParse(q["month"], out var p) && p!.Cadence == Cadence.Monthly ? p : null;
        ObligationStatus? status = Enum.TryParse<ObligationStatus>(q["status"], out var s) && Enum.IsDefined(s) ? s : null;
        Stage? stage = Enum.TryParse<Stage>(q["stage"], out var st) && Enum.IsDefined(st) ? st : null;
        // A filter that does not parse, or a group outside the viewer's reach, is not a page that exists for them.
        if ((q.ContainsKey("group") && (group is null || !viewer.MaySeeGroup(group.Value))) || (q.ContainsKey("kind") && kind is null)
            || (q.ContainsKey("month") && month is null) || (q.ContainsKey("status") && status is null) || (q.ContainsKey("stage") && stage is null))
            return NotFound(page, viewer);
        var groups = await db.Groups.AsNoTracking().ToListAsync(ct);

        if (!viewer.SeesFigures || (group is null && kind is null && month is null && status is null))
        {
            // A plain list of the people in reach (a mentor: their mentees), or those of one stage.
            var people = await viewer.Visible(db).AsNoTracking().Where(m => stage == null || m.Stage == stage)
                .OrderBy(m => m.GroupId).ThenBy(m => m.StudentNumber).ToListAsync(ct);
            var rows = Html.Join(people.Select(m => Html.Of($"<tr data-member=\"{m.Id}\"><td><a href=\"/tab/people/{m.Id}\">{m.Name}</a></td><td>{m.StudentNumber}</td><td>{groups.FirstOrDefault(x => x.Id == m.GroupId)?.Name}</td><td>{Formats.Stage(page.Language, m.Stage)}</td></tr>")));
            var title = stage is { } chosen ? Formats.Stage(page.Language, chosen) : page.T("tab.nav.people");
            return page.Render(title, viewer, TabNav.People, Html.Of($"""
                <p class="muted">{page.T("tab.people.count", people.Count)}</p>
                <div class="table-wrap"><table><thead><tr><th>{page.T("fact.member")}</th><th>{page.T("tab.people.number")}</th><th>{page.T("fact.group")}</th><th>{page.T("fact.stage")}</th></tr></thead><tbody>{rows}</tbody></table></div>
                """));
        }

        var data = await TabData.LoadAsync(viewer, db, state, time, ct);
        var owners = group is { } onlyGroup ? data.MembersOf(onlyGroup).ToList() : data.Owners;
        IEnumerable<(Obligation Obligation, ObligationStatus Status)> items = month is not null
            ? data.EndingIn(owners, month).Select(o => (o, o.StatusOn(data.Now)))
            : data.Schedule.OpenAt(owners, data.Now, data.ChaseFrom).Select(o => (o, o.StatusOn(data.Now)));
        var list = items.Where(x => (kind is null || x.Obligation.Kind == kind) && (status is null || x.Status == status))
            .OrderBy(x => Order(x.Status)).ThenBy(x => x.Obligation.DueDate).ThenBy(x => x.Obligation.OwnerId).ToList();
        var parts = new List<string>();
        if (group is { } gid) parts.Add(groups.FirstOrDefault(x => x.Id == gid)?.Name ?? "");
        if (kind is { } kk) parts.Add(Formats.Kind(page.Language, kk));
        if (month is not null) parts.Add(Formats.Period(page.Language, month));
        if (status is { } ss) parts.Add(Formats.Status(page.Language, ss));
        var settled = list.Count(x => x.Status is ObligationStatus.Done or ObligationStatus.DoneLate or ObligationStatus.Excused);
        return page.Render(string.Join(" · ", parts), viewer, TabNav.People, Html.Of($"""
            <p class="muted" data-settled="{settled}" data-owed="{list.Count}">{page.T("tab.people.settled", settled, list.Count)}</p>
            {ObligationTable(page, list, data.Schedule.Members, data.Groups)}
            """));
    }

    // Unsettled first (overdue, due soon, ...), then the settled ones.
    private static int Order(ObligationStatus status) => status switch
    {
        ObligationStatus.Overdue => 0,
        ObligationStatus.Missed => 1,
        ObligationStatus.DueSoon => 2,
        ObligationStatus.Due => 3,
        ObligationStatus.NotYetDue => 4,
        _ => 5,
    };

    /// <summary>A row per duty: who owes it (and about whom), what, for which period, when due, and its status.</summary>
    public static Markup ObligationTable(TabPage page, IReadOnlyList<(Obligation Obligation, ObligationStatus Status)> items, IReadOnlyDictionary<int, Member> members, IReadOnlyList<Group> groups)
    {
        var language = page.Language;
        if (items.Count == 0) return Html.Of($"<p class=\"muted\">{page.T("tab.people.none")}</p>");
        string Name(int? id) => id is { } i && members.TryGetValue(i, out var m) ? m.Name : page.T("tab.role.committee");
        var rows = Html.Join(items.Select(x =>
        {
            var o = x.Obligation;
            var person = o.OwnerId ?? o.SubjectId;
            var about = o.OwnerId is { } owner && owner != o.SubjectId
                ? Html.Of($"<br><small>{page.T("tab.people.about", Name(o.SubjectId))}</small>")
                : Markup.Empty;
            var group = members.TryGetValue(person, out var pm) ? groups.FirstOrDefault(g => g.Id == pm.GroupId)?.Name : null;
            return Html.Of($"""
                <tr data-owner="{o.OwnerId}" data-subject="{o.SubjectId}" data-kind="{o.Kind}" data-status="{x.Status}"><td class="card-title"><a href="/tab/people/{person}">{(o.OwnerId is null ? Name(o.SubjectId) : Name(o.OwnerId))}</a>{about}</td><td data-label="{page.T("fact.group")}">{group}</td><td data-label="{page.T("fact.kind")}">{Formats.Kind(language, o.Kind)}</td><td data-label="{page.T("fact.period")}">{Formats.Period(language, o.Period)}</td><td data-label="{page.T("fact.deadline")}">{Formats.Date(language, o.DueDate)}</td><td data-label="{page.T("fact.status")}" class="status-{JsonName(x.Status)}">{Formats.Status(language, x.Status)}</td></tr>
                """);
        }));
        // At phone width each row reads as a card (tab.css, table.cards-on-phone: the labels come from data-label).
        return Html.Of($"""<div class="table-wrap"><table class="cards-on-phone"><thead><tr><th>{page.T("fact.member")}</th><th>{page.T("fact.group")}</th><th>{page.T("fact.kind")}</th><th>{page.T("fact.period")}</th><th>{page.T("fact.deadline")}</th><th>{page.T("fact.status")}</th></tr></thead><tbody>{rows}</tbody></table></div>""");
    }

    private static string JsonName(ObligationStatus status) => char.ToLowerInvariant(status.ToString()[0]) + status.ToString()[1..];

    public static async Task<IResult> PersonAsync(int id, HttpContext context, IAntiforgery antiforgery, BranchDbContext db, BranchState state, TimeProvider time, CancellationToken ct)
    {
        var (viewer, page) = await TabPages.OpenAsync(context, antiforgery, db, ct);
        if (viewer is null) return TabPages.NotOnRoster(page);
        var member = await db.Members.AsNoTracking().WithStageHistoryOf(id).FirstOrDefaultAsync(ct);
        if (member is null || !viewer.MaySee(member)) return NotFound(page, viewer);

        var language = page.Language;
        var (branch, policy) = await state.LoadAsync(db, ct);
        var now = time.GetUtcNow();
        var today = branch.LocalDate(now);
        var since = HandInWindow.ChaseFrom(branch.TrackingStartsOn, today);
        var loaded = await new ObligationLoader(db).ForMembersAsync([id], branch, policy, today, since, ct);
        var schedule = loaded.Schedule;
        var duties = schedule.OwedBy(member, since, today).Concat(schedule.About(member, since, today).Where(o => o.OwnerId != member.Id))
            .DistinctBy(o => (o.OwnerId, o.SubjectId, o.Kind, o.Period))
            .OrderByDescending(o => o.Period.End).ThenBy(o => o.Kind)
            .Select(o => (o, o.StatusOn(now))).ToList();
        var groups = await db.Groups.AsNoTracking().ToListAsync(ct);
        var names = await NamesAsync(db, id, ct);
        foreach (var (key, value) in schedule.Members) names.TryAdd(key, value.Name);
        var peopleById = schedule.Members;

        var countdown = Countdown.Of(member, today);
        var next = countdown is { Next: { } nextStage, NextFrom: { } from }
            ? Html.Of($" · {page.T("tab.person.next", Formats.Stage(language, nextStage), Formats.Date(language, from))}")
            : Markup.Empty;

        // Reports with their full text: the latest version of each, newest period first.
        var reports = await db.Submissions.AsNoTracking().Where(s => s.MemberId == id)
            .OrderByDescending(s => s.SubmittedAt).ToListAsync(ct);
        var latest = reports.GroupBy(s => (s.Kind, s.Period)).Select(r => r.OrderByDescending(s => s.Version).First())
            .OrderByDescending(s => s.Period.End).ThenByDescending(s => s.SubmittedAt).Take(MaxReports).ToList();
        var reportItems = latest.Count == 0
            ? Html.Of($"<p class=\"muted\">{page.T("tab.person.noReports")}</p>")
            : Html.Join(latest.Select(r => Html.Of($"""
                <article class="report" data-report="{r.Id}"><h3>{Formats.Kind(language, r.Kind)} · {Formats.Period(language, r.Period)}</h3>
                <p class="muted">{page.T("tab.person.submitted", Formats.DateTime(language, branch.LocalTime(r.SubmittedAt)), r.Version)} · {Formats.WordCount(language, ReportLength.Count(r.Text))}</p>
                <div class="report-text">{r.Text}</div></article>
                """)));

        var talks = await db.Talks.AsNoTracking().Where(t => t.MenteeId == id || t.MentorId == id)
            .OrderByDescending(t => t.Date).ThenByDescending(t => t.RecordedAt).Take(MaxTalks).ToListAsync(ct);
        var talkItems = talks.Count == 0
            ? Html.Of($"<p class=\"muted\">{page.T("tab.person.noTalks")}</p>")
            : Html.Join(talks.Select(t => Html.Of($"""
                <article class="talk" data-talk="{t.Id}"><h3>{Formats.Date(language, t.Date)} · {t.Topic}</h3>
                <p class="muted">{page.T("tab.person.talkBetween", names.GetValueOrDefault(t.MentorId, "?"), names.GetValueOrDefault(t.MenteeId, "?"))} · {Formats.TalkMode(language, t.Mode)}</p>
                <div class="report-text">{t.Summary}</div>{(t.FollowUp is { Length: > 0 } follow ? Html.Of($"<p><small>{page.T("tab.person.followUp")}</small></p><div class=\"report-text\">{follow}</div>") : Markup.Empty)}</article>
                """)));

        var evaluations = await db.Evaluations.AsNoTracking().Where(e => e.SubjectId == id).OrderByDescending(e => e.At).ToListAsync(ct);
        var evaluationItems = evaluations.Count == 0
            ? Html.Of($"<p class=\"muted\">{page.T("tab.person.noEvaluations")}</p>")
            : Html.Join(evaluations.Select(e => Html.Of($"""
                <article class="evaluation"><h3>{Formats.Kind(language, e.Kind)} · {Formats.Period(language, e.Period)} · <span class="{(e.Passed ? "status-done" : "status-overdue")}">{page.T(e.Passed ? "tab.person.passed" : "tab.person.notPassed")}</span></h3>
                <p class="muted">{Formats.Date(language, branch.LocalDate(e.At))} · {names.GetValueOrDefault(e.RecordedById, "?")}</p><div class="report-text">{e.Notes}</div></article>
                """)));

        var body = Html.Of($"""
            <p data-person="{member.Id}">{member.StudentNumber} · {groups.FirstOrDefault(g => g.Id == member.GroupId)?.Name} · {Formats.Stage(language, member.Stage)} {page.T("tab.person.since", Formats.Date(language, member.StageSince))}{next}</p>
            <section class="card"><h2>{page.T("tab.person.duties")}</h2>{ObligationTable(page, duties, peopleById, groups)}</section>
            <section class="card"><h2>{page.T("tab.person.reports")}</h2>{reportItems}</section>
            <section class="card"><h2>{page.T("tab.person.talks")}</h2>{talkItems}</section>
            <section class="card"><h2>{page.T("tab.person.evaluations")}</h2>{evaluationItems}</section>
            """);
        return page.Render(member.Name, viewer, viewer.Member.Id == id ? TabNav.People : TabNav.People, body);
    }

    // Names of the people a person's page mentions (their mentors, mentees and whoever recorded an evaluation).
    private static async Task<Dictionary<int, string>> NamesAsync(BranchDbContext db, int id, CancellationToken ct)
    {
        var related = db.Talks.Where(t => t.MenteeId == id).Select(t => t.MentorId)
            .Concat(db.Talks.Where(t => t.MentorId == id).Select(t => t.MenteeId))
            .Concat(db.Evaluations.Where(e => e.SubjectId == id).Select(e => e.RecordedById));
        return await db.Members.AsNoTracking().Where(m => m.Id == id || related.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Name, ct);
    }

    internal static IResult NotFound(TabPage page, TabViewer viewer) =>
        page.Render(page.T("tab.error.title"), viewer, TabNav.None, Html.Of($"<p>{page.T("tab.error.notFound")}</p><p class=\"muted\">{page.T("tab.error.notPermitted")}</p>"), StatusCodes.Status404NotFound);
}
