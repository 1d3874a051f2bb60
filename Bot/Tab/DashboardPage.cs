using BranchBot.Bot.Conversation;
using BranchBot.Bot.Features.Dues;
using BranchBot.Bot.Features.Meetings;
using BranchBot.Bot.Localization;
using BranchBot.Domain;
using BranchBot.Domain.Meetings;
using BranchBot.Infrastructure.Persistence;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Bot.Tab;

/// <summary>
/// The dashboard (committee: the branch; a leader: their group): completion per group and per duty over the trend's
/// months, what is overdue or due soon now, the pipeline, meetings against quota, Party dues this month and last. Every
/// bar and row links to the people behind it (<see cref="PeoplePage"/>). The charts draw the same numbers the tables show.
/// </summary>
internal static class DashboardPage
{
    public const int MaxRows = 50;
    public const int MilestoneDays = 60;

    public static async Task<IResult> RenderAsync(HttpContext context, IAntiforgery antiforgery, BranchDbContext db, BranchState state, TimeProvider time, CancellationToken ct)
    {
        var (viewer, page) = await TabPages.OpenAsync(context, antiforgery, db, ct);
        if (viewer is null) return TabPages.NotOnRoster(page);
        if (!viewer.SeesFigures) return Results.Redirect(viewer.Scope == TabScopeKind.Mentees ? "/tab/people" : $"/tab/people/{viewer.Member.Id}");
        var data = await TabData.LoadAsync(viewer, db, state, time, ct);
        var language = page.Language;
        var months = data.Months;
        var monthLabels = months.Select(m => Formats.Period(language, m)).ToList();

        // Completion per group (settled share of what ends in each month) and per duty.
        var groupRows = data.Groups.Select(g => (Group: g, Cells: months.Select(m => data.CompletionIn(data.MembersOf(g.Id), m)).ToList())).ToList();
        var kindRows = data.MemberKinds.Select(k => (Kind: k, Cells: months.Select(m => data.CompletionIn(data.Owners, m, k)).ToList())).ToList();
        var chart = new
        {
            labels = monthLabels,
            groups = groupRows.Select(r => new { label = r.Group.Name, data = r.Cells.Select(Rate), links = months.Select(m => PeoplePage.Link(group: r.Group.Id, month: m)) }),
            kinds = kindRows.Select(r => new { label = Formats.Kind(language, r.Kind), data = r.Cells.Select(Rate), links = months.Select(m => PeoplePage.Link(kind: r.Kind, month: m)) }),
        };

        var groupTable = Table(page, months, monthLabels, page.T("fact.group"),
            groupRows.Select(r => (Html.Of($"<a href=\"{PeoplePage.Link(group: r.Group.Id)}\">{r.Group.Name}</a>"), "group-" + r.Group.Id, r.Cells,
                (Func<Period, string>)(m => PeoplePage.Link(group: r.Group.Id, month: m)))));
        var kindTable = Table(page, months, monthLabels, page.T("fact.kind"),
            kindRows.Select(r => (Html.Of($"{Formats.Kind(language, r.Kind)}"), "kind-" + r.Kind, r.Cells,
                (Func<Period, string>)(m => PeoplePage.Link(kind: r.Kind, month: m)))));

        var pressing = data.Pressing();
        var overdue = pressing.Count(p => p.Status == ObligationStatus.Overdue);
        var dueSoon = pressing.Count(p => p.Status == ObligationStatus.DueSoon);
        var kpis = Html.Of($"""
            <div class="kpis">
            <a class="kpi" href="{PeoplePage.Link(status: ObligationStatus.Overdue)}" data-kpi="overdue"><b>{overdue}</b>{Formats.Status(language, ObligationStatus.Overdue)}</a>
            <a class="kpi" href="{PeoplePage.Link(status: ObligationStatus.DueSoon)}" data-kpi="dueSoon"><b>{dueSoon}</b>{Formats.Status(language, ObligationStatus.DueSoon)}</a>
            <div class="kpi" data-kpi="people"><b>{data.Owners.Count}</b>{page.T("tab.dashboard.people")}</div>
            <div class="kpi" data-kpi="settled"><b>{TabFormats.Percent(data.CompletionIn(data.Owners, months[^1]).SettledRate)}</b>{page.T("tab.dashboard.settledThisMonth")}</div>
            </div>
            """);

        var meetings = await MeetingsAsync(page, viewer, data, db, ct);
        var dues = await DuesAsync(page, viewer, data, db, ct);
        var body = Html.Of($"""
            <p class="muted">{page.T(viewer.Scope == TabScopeKind.Branch ? "tab.dashboard.scopeBranch" : "tab.dashboard.scopeGroup", data.Branch.Name, data.Groups.FirstOrDefault()?.Name)} · {Formats.Date(language, data.Today)}</p>
            {kpis}
            <script type="application/json" id="chart-data">{Html.Json(chart)}</script>
            <div class="grid">
            <section class="card"><h2>{page.T("tab.dashboard.byGroup")}</h2><div class="chart"><canvas id="chart-groups" role="img" aria-label="{page.T("tab.dashboard.byGroup")}"></canvas></div>{groupTable}</section>
            <section class="card"><h2>{page.T("tab.dashboard.byKind")}</h2><div class="chart"><canvas id="chart-kinds" role="img" aria-label="{page.T("tab.dashboard.byKind")}"></canvas></div>{kindTable}</section>
            </div>
            <section class="card"><h2>{page.T("tab.dashboard.pressing")}</h2>{PeoplePage.ObligationTable(page, pressing.Take(MaxRows).ToList(), data.Schedule.Members, data.Groups)}{More(page, pressing.Count, PeoplePage.Link(status: ObligationStatus.Overdue))}</section>
            <div class="grid">
            <section class="card"><h2>{page.T("tab.dashboard.pipeline")}</h2>{Pipeline(page, data)}</section>
            <section class="card"><h2>{page.T("tab.dashboard.meetings")}</h2>{meetings}</section>
            </div>
            <section class="card" id="dues"><h2>{page.T("tab.dashboard.dues")}</h2>{dues}</section>
            """);
        return page.Render(page.T("tab.nav.dashboard"), viewer, TabNav.Dashboard, body, scripts: ["lib/chart.js/chart.umd.min.js", "tab/dashboard.js"]);
    }

    // Share settled, 0–100 with one decimal, or null when nothing was owed (no bar rather than a misleading 100%).
    private static double? Rate(GroupCompletion c) => c.Owed == 0 ? null : Math.Round(c.SettledRate * 100, 1);

    private static Markup Table(TabPage page, IReadOnlyList<Period> months, IReadOnlyList<string> labels, string rowHeader,
        IEnumerable<(Markup Name, string Id, List<GroupCompletion> Cells, Func<Period, string> Link)> rows)
    {
        var head = Html.Join(labels.Select(l => Html.Of($"<th class=\"num\">{l}</th>")));
        var body = Html.Join(rows.Select(r => Html.Of($"""
            <tr data-row="{r.Id}"><th scope="row">{r.Name}</th>{Html.Join(r.Cells.Select((c, i) => Html.Of($"<td class=\"num\" data-month=\"{months[i].Key}\" data-done=\"{c.Done + c.DoneLate + c.Excused}\" data-owed=\"{c.Owed}\"><a href=\"{r.Link(months[i])}\">{c.Done + c.DoneLate + c.Excused}/{c.Owed}</a></td>")))}</tr>
            """)));
        return Html.Of($"""<div class="table-wrap"><table><caption class="muted">{page.T("tab.dashboard.cellHelp")}</caption><thead><tr><th>{rowHeader}</th>{head}</tr></thead><tbody>{body}</tbody></table></div>""");
    }

    private static Markup More(TabPage page, int total, string link) =>
        total > MaxRows ? Html.Of($"<p><a href=\"{link}\">{page.T("tab.more", total - MaxRows)}</a></p>") : Markup.Empty;

    private static Markup Pipeline(TabPage page, TabData data)
    {
        var language = page.Language;
        var perStage = Enum.GetValues<Stage>().Select(s => (Stage: s, Count: data.Owners.Count(m => m.Stage == s)));
        var stages = Html.Join(perStage.Select(s => Html.Of($"<tr data-stage=\"{s.Stage}\"><th scope=\"row\"><a href=\"{PeoplePage.Link(stage: s.Stage)}\">{Formats.Stage(language, s.Stage)}</a></th><td class=\"num\">{s.Count}</td></tr>")));
        var upcoming = data.Owners
            .Select(m => (Member: m, Countdown: Countdown.Of(m, data.Today)))
            .Where(x => x.Countdown is { Next: not null, DaysLeft: <= MilestoneDays })
            .OrderBy(x => x.Countdown.NextFrom).ThenBy(x => x.Member.StudentNumber, StringComparer.Ordinal)
            .Take(MaxRows)
            .Select(x => Html.Of($"<tr><td><a href=\"/tab/people/{x.Member.Id}\">{x.Member.Name}</a></td><td>{Formats.Stage(language, x.Countdown.Next!.Value)}</td><td>{Formats.Date(language, x.Countdown.NextFrom!.Value)}</td><td class=\"num\">{x.Countdown.DaysLeft}</td></tr>"))
            .ToList();
        var milestones = upcoming.Count == 0
            ? Html.Of($"<p class=\"muted\">{page.T("tab.dashboard.noMilestones", MilestoneDays)}</p>")
            : Html.Of($"<div class=\"table-wrap\"><table><thead><tr><th>{page.T("fact.member")}</th><th>{page.T("tab.dashboard.nextStage")}</th><th>{page.T("tab.dashboard.earliest")}</th><th class=\"num\">{page.T("tab.dashboard.daysLeft")}</th></tr></thead><tbody>{upcoming}</tbody></table></div>");
        return Html.Of($"<div class=\"table-wrap\"><table><tbody>{stages}</tbody></table></div><h3>{page.T("tab.dashboard.milestones", MilestoneDays)}</h3>{milestones}");
    }

    private static async Task<Markup> MeetingsAsync(TabPage page, TabViewer viewer, TabData data, BranchDbContext db, CancellationToken ct)
    {
        if (Semester.Containing(data.Today) is not { } semester) return Html.Of($"<p class=\"muted\">{page.T("tab.dashboard.noSemester")}</p>");
        var from = data.Branch.ToInstant(semester.Start.ToDateTime(TimeOnly.MinValue));
        var now = data.Now;
        var held = await db.Meetings.AsNoTracking().Where(m => m.CancelledAt == null && m.StartsAt >= from && m.StartsAt <= now)
            .Select(m => new { m.Kind, m.GroupId, m.StartsAt }).ToListAsync(ct);
        var rows = new List<(string Label, QuotaProgress Progress)>();
        if (viewer.Scope == TabScopeKind.Branch)
            foreach (var kind in new[] { MeetingKind.Committee, MeetingKind.General, MeetingKind.Lecture })
                rows.Add((MeetingTexts.Kind(page.Language, kind), Forecast(kind, held.Where(m => m.Kind == kind).Select(m => m.StartsAt))));
        foreach (var group in data.Groups)
            rows.Add((MeetingTexts.Kind(page.Language, MeetingKind.Group) + " · " + group.Name,
                Forecast(MeetingKind.Group, held.Where(m => m.Kind == MeetingKind.Group && m.GroupId == group.Id).Select(m => m.StartsAt))));
        var body = Html.Join(rows.Select(r => Html.Of($"<tr class=\"{(r.Progress.IsBehind ? "status-overdue" : "")}\"><th scope=\"row\">{r.Label}</th><td class=\"num\">{r.Progress.Held}</td><td class=\"num\">{r.Progress.Due}</td><td class=\"num\">{r.Progress.Required}</td><td class=\"num\">{r.Progress.WeeksLeft}</td></tr>")));
        return Html.Of($"""
            <p class="muted">{Formats.Date(page.Language, semester.Start)} – {Formats.Date(page.Language, semester.End)}</p>
            <div class="table-wrap"><table><thead><tr><th></th><th class="num">{page.T("tab.meetings.held")}</th><th class="num">{page.T("tab.meetings.dueSoFar")}</th><th class="num">{page.T("tab.meetings.required")}</th><th class="num">{page.T("tab.meetings.weeksLeft")}</th></tr></thead><tbody>{body}</tbody></table></div>
            """);

        QuotaProgress Forecast(MeetingKind kind, IEnumerable<DateTimeOffset> startsAt) =>
            MeetingForecast.For(kind, data.Policy.Meetings, semester, startsAt.Select(s => data.Branch.LocalDate(s)), data.Today);
    }

    // Party dues, this month and last, with the figures of the committee's chat summary (DuesLedger.Figures, that is
    // DuesFigures.For). The committee: the branch, in exact yuan, and the remittance. A leader: only their group's
    // members (the ledger narrowed to them before the figures are made), paid or not; no yuan, no remittance.
    private static async Task<Markup> DuesAsync(TabPage page, TabViewer viewer, TabData data, BranchDbContext db, CancellationToken ct)
    {
        var language = page.Language;
        var branch = viewer.Scope == TabScopeKind.Branch;
        var current = Period.Containing(Cadence.Monthly, data.Today);
        var rows = new List<Markup>();
        var unpaid = new List<Markup>();
        foreach (var month in new[] { current, current.Previous() })
        {
            var ledger = await DuesLedger.LoadAsync(db, month, ct);
            if (!branch)
            {
                var group = viewer.Member.GroupId;
                var members = ledger.Members.Where(m => m.GroupId == group).ToList();
                var ids = members.Select(m => m.Id).ToHashSet();
                ledger = ledger with { Members = members, Payments = ledger.Payments.Where(p => ids.Contains(p.Key)).ToDictionary(), Remittance = null };
            }
            var figures = ledger.Figures(month);
            var label = Formats.Period(language, month);
            var money = branch
                ? Html.Of($"<td class=\"num\" data-collected=\"{DuesTexts.Plain(figures.Collected)}\" data-expected=\"{DuesTexts.Plain(figures.Expected)}\">{DuesTexts.Yuan(figures.Collected)} / {DuesTexts.Yuan(figures.Expected)}</td><td data-remitted=\"{(ledger.Remittance is null ? "" : DuesTexts.Plain(ledger.Remittance.Amount))}\">{Remittance(page, ledger)}</td>")
                : Markup.Empty;
            rows.Add(Html.Of($"<tr data-dues-month=\"{month.Key}\" data-paid=\"{figures.Paid}\" data-owing=\"{figures.Owing}\" class=\"{(figures.Unpaid.Count > 0 && month != current ? "status-overdue" : "")}\"><th scope=\"row\">{label}</th><td class=\"num\">{figures.Paid} / {figures.Owing}</td>{money}</tr>"));
            var names = ledger.Members.Where(m => figures.Unpaid.Contains(m.Id)).Take(MaxRows)
                .Select(m => Html.Of($"<li data-unpaid=\"{m.Id}\"><a href=\"/tab/people/{m.Id}\">{m.Name}</a></li>")).ToList();
            var list = figures.Unpaid.Count == 0
                ? Html.Of($"<p class=\"muted\">{page.T(figures.Owing == 0 ? "tab.dues.nobody" : "tab.dues.allPaid")}</p>")
                : Html.Of($"<ul class=\"dues-unpaid\">{names}</ul>{(figures.Unpaid.Count > MaxRows ? Html.Of($"<p class=\"muted\">{page.T("tab.more", figures.Unpaid.Count - MaxRows)}</p>") : Markup.Empty)}");
            unpaid.Add(Html.Of($"<div data-dues-unpaid=\"{month.Key}\" data-count=\"{figures.Unpaid.Count}\"><h3>{page.T("tab.dues.unpaid", label, figures.Unpaid.Count)}</h3>{list}</div>"));
        }
        var moneyHead = branch
            ? Html.Of($"<th class=\"num\">{page.T("tab.dues.collected")}</th><th>{page.T("tab.dues.remitted")}</th>")
            : Markup.Empty;
        return Html.Of($"""
            <p class="muted">{page.T(branch ? "tab.dues.helpBranch" : "tab.dues.helpGroup")}</p>
            <div class="table-wrap"><table><thead><tr><th></th><th class="num">{page.T("tab.dues.paid")}</th>{moneyHead}</tr></thead><tbody>{rows}</tbody></table></div>
            {unpaid}
            """);
    }

    private static string Remittance(TabPage page, DuesLedger ledger) => ledger.Remittance is { } r
        ? page.T("dues.remit.done", DuesTexts.Yuan(r.Amount), r.Receipt, Formats.Date(page.Language, r.RemittedOn))
        : page.T("dues.remit.none");
}
