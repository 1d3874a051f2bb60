using BranchBot.Bot.Localization;
using BranchBot.Infrastructure.Persistence;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Bot.Tab;

/// <summary>
/// The delivery ledger (<c>ReminderDeliveries</c>, docs/reminders.md) for the people in reach: who was reminded of what
/// and when, and who could not be reached and why, newest first. <c>?problems=1</c> keeps only those not reached.
/// </summary>
internal static class DeliveryPage
{
    public const int Days = 30;
    public const int MaxRows = 300;

    private static readonly ReminderDeliveryStatus[] Problems =
        [ReminderDeliveryStatus.Failed, ReminderDeliveryStatus.Unreachable, ReminderDeliveryStatus.NoConversation];

    public static async Task<IResult> RenderAsync(HttpContext context, IAntiforgery antiforgery, BranchDbContext db, Conversation.BranchState state, TimeProvider time, CancellationToken ct)
    {
        var (viewer, page) = await TabPages.OpenAsync(context, antiforgery, db, ct);
        if (viewer is null) return TabPages.NotOnRoster(page);
        if (!viewer.SeesFigures) return TabPages.Forbidden(page, viewer);
        var (branch, _) = await state.LoadAsync(db, ct);
        var language = page.Language;
        var problemsOnly = context.Request.Query["problems"] == "1";
        var from = time.GetUtcNow().AddDays(-Days);
        var visible = viewer.Visible(db).Select(m => m.Id);
        var rows = await db.ReminderDeliveries.AsNoTracking()
            .Where(d => visible.Contains(d.MemberId) && d.CreatedAt >= from && (!problemsOnly || Problems.Contains(d.Status)))
            .OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id)
            .Take(MaxRows)
            .ToListAsync(ct);
        var ids = rows.SelectMany(r => new[] { r.MemberId, r.SubjectId }).Distinct().ToList();
        var names = await db.Members.AsNoTracking().Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => m.Name, ct);
        var unreached = rows.Count(r => Problems.Contains(r.Status));
        var body = Html.Join(rows.Select(r => Html.Of($"""
            <tr data-delivery="{r.Id}" data-status="{r.Status}" class="{(Problems.Contains(r.Status) ? "status-overdue" : "")}"><td><a href="/tab/people/{r.MemberId}">{names.GetValueOrDefault(r.MemberId, "?")}</a>{(r.SubjectId != r.MemberId ? Html.Of($"<br><small>{page.T("tab.people.about", names.GetValueOrDefault(r.SubjectId, "?"))}</small>") : Markup.Empty)}</td><td>{Formats.Kind(language, r.Kind)} · {Formats.Period(language, r.Period)}<br><small>{r.Step}</small></td><td>{page.T("tab.delivery.status." + r.Status)}</td><td>{Formats.DateTime(language, branch.LocalTime(r.SentAt ?? r.CreatedAt))}</td><td>{Why(page, r)}</td></tr>
            """)));
        var filter = problemsOnly
            ? Html.Of($"<a href=\"/tab/delivery\">{page.T("tab.delivery.all")}</a>")
            : Html.Of($"<a href=\"/tab/delivery?problems=1\">{page.T("tab.delivery.problemsOnly")}</a>");
        return page.Render(page.T("tab.nav.delivery"), viewer, TabNav.Delivery, Html.Of($"""
            <p class="muted">{page.T("tab.delivery.intro", Days, rows.Count, unreached)} · {filter}</p>
            <div class="table-wrap"><table><thead><tr><th>{page.T("tab.delivery.recipient")}</th><th>{page.T("fact.kind")}</th><th>{page.T("fact.status")}</th><th>{page.T("tab.delivery.when")}</th><th>{page.T("tab.delivery.why")}</th></tr></thead><tbody>{body}</tbody></table></div>
            """));
    }

    // Why a row ended as it did: the ledger's note, else the last error, else what the status means.
    private static string Why(TabPage page, ReminderDelivery r) => r.Status switch
    {
        ReminderDeliveryStatus.NoConversation => page.T("tab.delivery.why.noConversation"),
        _ when !string.IsNullOrWhiteSpace(r.Note) => r.Note!,
        _ when !string.IsNullOrWhiteSpace(r.LastError) => r.LastError!,
        _ => "",
    };
}
