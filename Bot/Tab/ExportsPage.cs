using System.Globalization;
using BranchBot.Bot.Conversation;
using BranchBot.Bot.Features.Export;
using BranchBot.Bot.Localization;
using BranchBot.Domain;
using BranchBot.Infrastructure.Persistence;
using BranchBot.Infrastructure.Spreadsheets;
using Microsoft.AspNetCore.Antiforgery;

namespace BranchBot.Bot.Tab;

/// <summary>
/// Downloads: a month's figures (completion per group and per duty, the dashboard's numbers) and the yearly workbook
/// (<see cref="YearlyExport"/>), as .xlsx or CSV. A leader gets their group's; the committee the branch's.
/// </summary>
internal static class ExportsPage
{
    public static async Task<IResult> PageAsync(HttpContext context, IAntiforgery antiforgery, BranchDbContext db, BranchState state, TimeProvider time, CancellationToken ct)
    {
        var (viewer, page) = await TabPages.OpenAsync(context, antiforgery, db, ct);
        if (viewer is null) return TabPages.NotOnRoster(page);
        if (!viewer.SeesFigures) return TabPages.Forbidden(page, viewer);
        var data = await TabData.LoadAsync(viewer, db, state, time, ct);
        var language = page.Language;
        var months = Html.Join(data.Months.Reverse().Select(m => Html.Of($"""
            <tr><th scope="row">{Formats.Period(language, m)}</th><td><a href="/tab/exports/monthly?month={m.Key}&amp;format=xlsx" download>.xlsx</a></td><td><a href="/tab/exports/monthly?month={m.Key}&amp;format=csv" download>CSV</a></td></tr>
            """)));
        var years = Html.Join(Enumerable.Range(0, 3).Select(i => data.Today.Year - i).Where(y => y >= data.Branch.TrackingStartsOn.Year).Select(y => Html.Of($"""
            <tr><th scope="row">{y}</th><td><a href="/tab/exports/yearly?year={y}&amp;format=xlsx" download>.xlsx</a></td><td><a href="/tab/exports/yearly?year={y}&amp;format=csv" download>CSV</a></td></tr>
            """)));
        var scope = viewer.Scope == TabScopeKind.Branch ? page.T("tab.exports.scopeBranch") : page.T("tab.exports.scopeGroup", data.Groups.FirstOrDefault()?.Name);
        return page.Render(page.T("tab.nav.exports"), viewer, TabNav.Exports, Html.Of($"""
            <p class="muted">{scope}</p>
            <section class="card"><h2>{page.T("tab.exports.monthly")}</h2><div class="table-wrap"><table><tbody>{months}</tbody></table></div></section>
            <section class="card"><h2>{page.T("tab.exports.yearly")}</h2><div class="table-wrap"><table><tbody>{years}</tbody></table></div></section>
            """));
    }

    public static async Task<IResult> MonthlyAsync(HttpContext context, BranchDbContext db, BranchState state, TimeProvider time, CancellationToken ct)
    {
        var viewer = await TabViewer.LoadAsync(context.User, db, ct);
        if (viewer is null || !viewer.SeesFigures) return Results.StatusCode(StatusCodes.Status403Forbidden);
        if (!Period.TryParse(context.Request.Query["month"], out var month) || month!.Cadence != Cadence.Monthly || Format(context) is not { } format)
            return Results.NotFound();
        var data = await TabData.LoadAsync(viewer, db, state, time, ct);
        // The months the dashboard shows, whose facts are loaded; the yearly workbook covers the rest.
        if (!data.Months.Contains(month)) return Results.NotFound();
        var l = viewer.Language;
        string T(string key) => Texts.Default.Get(l, key);
        IReadOnlyList<XlsxCell> Header(string first) =>
            [first, T("tab.export.owed"), Formats.Status(l, ObligationStatus.Done), Formats.Status(l, ObligationStatus.DoneLate), Formats.Status(l, ObligationStatus.Excused),
             Formats.Status(l, ObligationStatus.Overdue), Formats.Status(l, ObligationStatus.Missed), T("tab.export.open"), T("tab.export.settledPercent")];
        static IReadOnlyList<XlsxCell> Row(string name, GroupCompletion c) =>
            [name, c.Owed, c.Done, c.DoneLate, c.Excused, c.Overdue, c.Missed, c.Open, Math.Round((decimal)c.SettledRate * 100, 1)];
        var rows = new List<IReadOnlyList<XlsxCell>> { Header(T("fact.group")) };
        rows.AddRange(data.Groups.Select(g => Row(g.Name, data.CompletionIn(data.MembersOf(g.Id), month))));
        if (viewer.Scope == TabScopeKind.Branch) rows.Add(Row(T("summary.total"), data.CompletionIn(data.Owners, month)));
        rows.Add([]);
        rows.Add(Header(T("fact.kind")));
        rows.AddRange(data.MemberKinds.Select(k => Row(Formats.Kind(l, k), data.CompletionIn(data.Owners, month, k))));
        var sheets = new[] { new XlsxSheet(Formats.Period(l, month), rows) };
        var name = $"branchbot-{month.Key}{(viewer.Scope == TabScopeKind.Branch ? "" : "-group" + viewer.Member.GroupId.ToString(CultureInfo.InvariantCulture))}";
        return File(format, sheets, name);
    }

    public static async Task<IResult> YearlyAsync(HttpContext context, BranchDbContext db, BranchState state, TimeProvider time, CancellationToken ct)
    {
        var viewer = await TabViewer.LoadAsync(context.User, db, ct);
        if (viewer is null || !viewer.SeesFigures) return Results.StatusCode(StatusCodes.Status403Forbidden);
        if (!int.TryParse(context.Request.Query["year"], NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 2000 or > 2200 || Format(context) is not { } format)
            return Results.NotFound();
        var (branch, _) = await state.LoadAsync(db, ct);
        int? group = viewer.Scope == TabScopeKind.Branch ? null : viewer.Member.GroupId;
        var bytes = await new YearlyExport(db, branch, time.GetUtcNow()).BuildAsync(year, viewer.Language, group, format, ct);
        var name = $"branchbot-{year.ToString(CultureInfo.InvariantCulture)}{(group is { } g ? "-group" + g.ToString(CultureInfo.InvariantCulture) : "")}";
        return format == ExportFormat.Xlsx
            ? Results.File(bytes, Xlsx.ContentType, name + ".xlsx")
            : Results.File(bytes, "text/csv; charset=utf-8", name + ".csv");
    }

    private static ExportFormat? Format(HttpContext context) => context.Request.Query["format"].ToString() switch
    {
        "xlsx" => ExportFormat.Xlsx,
        "csv" => ExportFormat.Csv,
        _ => null,
    };

    private static IResult File(ExportFormat format, IReadOnlyList<XlsxSheet> sheets, string name) => format == ExportFormat.Xlsx
        ? Results.File(Xlsx.ToBytes(sheets), Xlsx.ContentType, name + ".xlsx")
        : Results.File(YearlyExport.CsvOf(sheets), "text/csv; charset=utf-8", name + ".csv");
}
