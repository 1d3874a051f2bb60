using System.Globalization;
using BranchBot.Bot.Conversation;
using BranchBot.Bot.Features.Roster;
using BranchBot.Bot.Localization;
using BranchBot.Infrastructure;
using BranchBot.Infrastructure.Persistence;
using BranchBot.Infrastructure.Spreadsheets;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace BranchBot.Bot.Tab;

/// <summary>
/// The roster upload (committee only): a CSV or .xlsx file is checked by <see cref="RosterImport.PreviewAsync"/> and its
/// report shown (errors with their rows, warnings, who is added, changed, not in the file) before anything is written;
/// Apply writes exactly that or, when the roster changed since, nothing. Export links give the roster as it is.
/// The preview is kept in the page, not on the server: the apply form carries the file back (base64) with the
/// preview's token, which names the file, the day and the roster it was computed on. That needs no table, no expiry and
/// no sticky instance, and an apply re-runs every check, so a tampered field can do no more than a fresh upload could.
/// </summary>
internal static class RosterPage
{
    public const string PreviewPath = "/tab/roster/preview";
    public const string FileField = "file";
    public const string TokenField = "token";
    // The file plus the multipart envelope and the antiforgery field.
    public const long MaxRequestBytes = RosterImport.MaxFileBytes + 64 * 1024;
    private static readonly int MaxBase64Chars = (RosterImport.MaxFileBytes + 2) / 3 * 4;

    /// <summary>
    /// Bounds the upload before anything reads it (the antiforgery check reads the form): a declared length over the
    /// bound gets the too-large page without the body being read; a body without a declared length is refused (411);
    /// and the form reader itself stops at the bound.
    /// </summary>
    public static async Task BoundUploadAsync(HttpContext context, RequestDelegate next)
    {
        if (HttpMethods.IsPost(context.Request.Method) && context.Request.Path.Equals(PreviewPath, StringComparison.OrdinalIgnoreCase))
        {
            if (context.Request.ContentLength is not { } length)
            {
                context.Response.StatusCode = StatusCodes.Status411LengthRequired;
                return;
            }
            if (length > MaxRequestBytes)
            {
                var db = context.RequestServices.GetRequiredService<BranchDbContext>();
                var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
                var (viewer, page) = await TabPages.OpenAsync(context, antiforgery, db, context.RequestAborted);
                var result = viewer is null ? TabPages.NotOnRoster(page)
                    : viewer.Scope != TabScopeKind.Branch ? TabPages.Forbidden(page, viewer)
                    : Upload(page, viewer, Html.Of($"<p class=\"notice bad\" role=\"alert\" data-notice=\"tooLarge\">{page.T("tab.roster.tooLarge", RosterImport.MaxFileBytes / (1024 * 1024))}</p>"), StatusCodes.Status413PayloadTooLarge);
                context.Response.Headers.Connection = "close";
                await result.ExecuteAsync(context);
                return;
            }
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = MaxRequestBytes;
            context.Features.Set<IFormFeature>(new FormFeature(context.Request, new FormOptions { MultipartBodyLengthLimit = MaxRequestBytes }));
        }
        await next(context);
    }

    public static async Task<IResult> GetAsync(HttpContext context, IAntiforgery antiforgery, BranchDbContext db, CancellationToken ct)
    {
        var (viewer, page) = await TabPages.OpenAsync(context, antiforgery, db, ct);
        if (viewer is null) return TabPages.NotOnRoster(page);
        if (viewer.Scope != TabScopeKind.Branch) return TabPages.Forbidden(page, viewer);
        return Upload(page, viewer, Markup.Empty, StatusCodes.Status200OK);
    }

    public static async Task<IResult> PreviewAsync(HttpContext context, IAntiforgery antiforgery, BranchDbContext db, IOptions<BranchOptions> branch,
        TimeProvider time, CancellationToken ct)
    {
        var (viewer, page) = await TabPages.OpenAsync(context, antiforgery, db, ct);
        if (viewer is null) return TabPages.NotOnRoster(page);
        if (viewer.Scope != TabScopeKind.Branch) return TabPages.Forbidden(page, viewer);
        if (!context.Request.HasFormContentType) return Results.BadRequest();
        var form = await context.Request.ReadFormAsync(ct);
        if (form.Files.GetFile(FileField) is not { Length: > 0 } file)
            return Upload(page, viewer, Html.Of($"<p class=\"notice bad\" role=\"alert\" data-notice=\"noFile\">{page.T("tab.roster.noFile")}</p>"), StatusCodes.Status422UnprocessableEntity);
        if (file.Length > RosterImport.MaxFileBytes)
            return Upload(page, viewer, Html.Of($"<p class=\"notice bad\" role=\"alert\" data-notice=\"tooLarge\">{page.T("tab.roster.tooLarge", RosterImport.MaxFileBytes / (1024 * 1024))}</p>"), StatusCodes.Status413PayloadTooLarge);

        var bytes = new byte[file.Length];
        await using (var stream = file.OpenReadStream()) await stream.ReadExactlyAsync(bytes, ct);
        var preview = await new RosterImport(db).PreviewAsync(bytes, branch.Value.Today(time), ct);
        var report = Report(page, preview.Result, branch.Value.TrackingStartsOn, preview: true);
        if (preview.Token is null) return Upload(page, viewer, report, StatusCodes.Status422UnprocessableEntity);
        var apply = Html.Of($"""
            <form method="post" action="/tab/roster/apply" class="apply">
            {page.AntiforgeryField}
            <input type="hidden" name="{TokenField}" value="{preview.Token}">
            <input type="hidden" name="{FileField}" value="{Convert.ToBase64String(bytes)}">
            <p><button type="submit" class="button" data-action="apply">{page.T("tab.roster.apply")}</button> <a href="/tab/roster">{page.T("tab.roster.check")}…</a></p>
            </form>
            """);
        return page.Render(page.T("tab.nav.roster"), viewer, TabNav.Roster, Html.Of($"{report}{apply}"));
    }

    public static async Task<IResult> ApplyAsync(HttpContext context, IAntiforgery antiforgery, BranchDbContext db, BranchState state, IOptions<BranchOptions> branch,
        TimeProvider time, CancellationToken ct)
    {
        var (viewer, page) = await TabPages.OpenAsync(context, antiforgery, db, ct);
        if (viewer is null) return TabPages.NotOnRoster(page);
        if (viewer.Scope != TabScopeKind.Branch) return TabPages.Forbidden(page, viewer);
        if (!context.Request.HasFormContentType) return Results.BadRequest();
        var form = await context.Request.ReadFormAsync(ct);
        var token = form[TokenField].ToString();
        var base64 = form[FileField].ToString();
        byte[] bytes;
        try
        {
            if (token.Length is 0 or > 128 || base64.Length is 0 || base64.Length > MaxBase64Chars) return Results.BadRequest();
            bytes = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            return Results.BadRequest();
        }

        var result = await new RosterImport(db).ApplyAsync(bytes, branch.Value.Today(time), token, ct);
        if (!result.Accepted) return Upload(page, viewer, Report(page, result, branch.Value.TrackingStartsOn, preview: false), StatusCodes.Status409Conflict);
        state.Invalidate();
        var done = Html.Of($"<p class=\"notice ok\" role=\"status\" data-notice=\"applied\">{page.T("tab.roster.applied", result.Count(RosterChangeKind.Added), result.Count(RosterChangeKind.Updated), result.Count(RosterChangeKind.Unchanged))}</p>");
        return Upload(page, viewer, Html.Of($"{done}{Report(page, result, branch.Value.TrackingStartsOn, preview: false, summary: false)}"), StatusCodes.Status200OK);
    }

    public static async Task<IResult> ExportAsync(HttpContext context, BranchDbContext db, CancellationToken ct)
    {
        var viewer = await TabViewer.LoadAsync(context.User, db, ct);
        if (viewer is null || viewer.Scope != TabScopeKind.Branch) return Results.StatusCode(StatusCodes.Status403Forbidden);
        var export = new RosterExport(db);
        return context.Request.Query["format"].ToString() switch
        {
            "xlsx" => Results.File(await export.ExportXlsxAsync(ct), Xlsx.ContentType, "roster.xlsx"),
            "csv" => Results.File(await export.ExportAsync(ct), "text/csv; charset=utf-8", "roster.csv"),
            _ => Results.NotFound(),
        };
    }

    // The upload form and the export links, after whatever the last step reported.
    private static IResult Upload(TabPage page, TabViewer viewer, Markup before, int status) =>
        page.Render(page.T("tab.nav.roster"), viewer, TabNav.Roster, Html.Of($"""
            {before}
            <section class="card">
            <p class="muted">{page.T("tab.roster.intro")}</p>
            <form method="post" action="{PreviewPath}" enctype="multipart/form-data" class="upload">
            {page.AntiforgeryField}
            <div class="field"><label for="roster-file">{page.T("tab.roster.file", RosterImport.MaxFileBytes / (1024 * 1024))}</label>
            <input type="file" id="roster-file" name="{FileField}" accept=".xlsx,.csv,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required></div>
            <p><button type="submit" class="button" data-action="check">{page.T("tab.roster.check")}</button></p>
            </form>
            </section>
            <section class="card"><h2>{page.T("tab.roster.export")}</h2><p><a href="/tab/roster/export?format=xlsx" download>.xlsx</a> · <a href="/tab/roster/export?format=csv" download>CSV</a></p></section>
            """), status);

    // The import report: for a rejected file its errors (with rows) and warnings; for an accepted one what changes.
    // The problem texts are RosterReport's, in the page's language.
    private static Markup Report(TabPage page, RosterImportResult result, DateOnly? configuredTracking, bool preview, bool summary = true)
    {
        var language = page.Language;
        Markup Problems(string key, string kind, IReadOnlyList<RosterProblem> problems) => problems.Count == 0 ? Markup.Empty : Html.Of($"""
            <section class="card" data-report="{kind}" data-count="{problems.Count}"><h2>{page.T(key)}</h2><div class="table-wrap"><table class="cards-on-phone"><thead><tr><th class="num">{page.T("tab.roster.row")}</th><th>{page.T("tab.roster.problem")}</th></tr></thead><tbody>{problems.Select(p => Html.Of($"<tr data-row=\"{p.Row}\"><td class=\"num\" data-label=\"{page.T("tab.roster.row")}\">{(p.Row == 0 ? "" : p.Row.ToString(CultureInfo.InvariantCulture))}</td><td>{RosterReport.Problem(p, language)}</td></tr>"))}</tbody></table></div></section>
            """);

        if (!result.Accepted)
            return Html.Of($"""
                <p class="notice bad" role="alert" data-notice="rejected">{page.T("tab.roster.rejected", result.Problems.Count)}</p>
                {Problems("tab.roster.errors", "errors", result.Problems)}
                {Problems("tab.roster.warnings", "warnings", result.Warnings)}
                """);

        // Who is added or changed, open; who is not in the file (often the rest of the branch), folded.
        Markup People(string key, string kind, IReadOnlyList<(string Number, string Name, string What)> people, bool folded = false)
        {
            if (people.Count == 0) return Markup.Empty;
            var what = people.Any(p => p.What.Length > 0);
            var head = what ? Html.Of($"<th>{page.T("tab.roster.fields")}</th>") : Markup.Empty;
            var rows = people.Select(p => Html.Of($"<tr data-student=\"{p.Number}\"><td class=\"card-title\">{p.Number}</td><td data-label=\"{page.T("fact.member")}\">{p.Name}</td>{(what ? Html.Of($"<td data-label=\"{page.T("tab.roster.fields")}\">{p.What}</td>") : Markup.Empty)}</tr>"));
            var table = Html.Of($"<div class=\"table-wrap\"><table class=\"cards-on-phone\"><thead><tr><th>{page.T("tab.people.number")}</th><th>{page.T("fact.member")}</th>{head}</tr></thead><tbody>{rows}</tbody></table></div>");
            return folded
                ? Html.Of($"<details class=\"card\" data-report=\"{kind}\" data-count=\"{people.Count}\"><summary>{page.T(key, people.Count)}</summary>{table}</details>")
                : Html.Of($"<section class=\"card\" data-report=\"{kind}\" data-count=\"{people.Count}\"><h2>{page.T(key, people.Count)}</h2>{table}</section>");
        }
        var added = result.Changes.Where(c => c.Kind == RosterChangeKind.Added).Select(c => (c.StudentNumber, c.Name, "")).ToList();
        var changed = result.Changes.Where(c => c.Kind == RosterChangeKind.Updated)
            .Select(c => (c.StudentNumber, c.Name, string.Join(language.IsChinese() ? "、" : ", ", c.Fields.Select(f => RosterReport.ColumnName(f, language))))).ToList();
        var leaving = result.NotInFile.Select(p => (p.StudentNumber, p.Name, "")).ToList();
        var note = preview ? Html.Of($"<p class=\"notice\" role=\"status\" data-notice=\"preview\">{page.T("tab.roster.previewNote")}</p>") : Markup.Empty;
        var full = RosterReport.Render(result, language, configuredTracking, preview);
        return Html.Of($"""
            {note}
            {(summary ? Html.Of($"{People("tab.roster.added", "added", added)}{People("tab.roster.changed", "changed", changed)}{People("tab.roster.leaving", "leaving", leaving, folded: true)}<p class=\"muted\" data-report=\"unchanged\" data-count=\"{result.Count(RosterChangeKind.Unchanged)}\">{page.T("tab.roster.unchanged", result.Count(RosterChangeKind.Unchanged))}</p>") : Markup.Empty)}
            {Problems("tab.roster.warnings", "warnings", result.Warnings)}
            <details class="card"><summary>{page.T("tab.roster.fullReport")}</summary><pre class="report">{full}</pre></details>
            """);
    }
}
