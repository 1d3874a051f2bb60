using System.Globalization;
using BranchBot.Bot.Conversation;
using BranchBot.Bot.Features.Rules;
using BranchBot.Bot.Localization;
using BranchBot.Domain;
using BranchBot.Infrastructure;
using BranchBot.Infrastructure.Persistence;
using Microsoft.AspNetCore.Antiforgery;

namespace BranchBot.Bot.Tab;

/// <summary>
/// The rules editor (committee only): the policy as a form grouped as the chat card groups it, checked by
/// <see cref="PolicyEdit"/> and stored by <see cref="PolicyStore"/>, so the two editors cannot disagree. A refused value
/// is shown next to its field with what was typed kept; a save redirects to a confirmation; the change history lists
/// who changed what and when.
/// </summary>
internal static class RulesPage
{
    public const int HistoryRows = 20;
    public const string VersionField = "version";

    private abstract record Notice
    {
        public sealed record Saved(int Version) : Notice;
        public sealed record Errors(int Count) : Notice;
        public sealed record Stale(PolicyVersion Latest) : Notice;
        public sealed record Unchanged : Notice;
    }

    public static async Task<IResult> GetAsync(HttpContext context, IAntiforgery antiforgery, BranchDbContext db, BranchState state, CancellationToken ct)
    {
        var (viewer, page) = await TabPages.OpenAsync(context, antiforgery, db, ct);
        if (viewer is null) return TabPages.NotOnRoster(page);
        if (viewer.Scope != TabScopeKind.Branch) return TabPages.Forbidden(page, viewer);
        var policy = (await db.ReadBranchSettingAsync(ct)).Policy;
        Notice? notice = int.TryParse(context.Request.Query["saved"], NumberStyles.None, CultureInfo.InvariantCulture, out var saved) ? new Notice.Saved(saved) : null;
        return await RenderAsync(page, viewer, db, state, policy, PolicyEdit.Values(policy), [], notice, StatusCodes.Status200OK, ct);
    }

    public static async Task<IResult> PostAsync(HttpContext context, IAntiforgery antiforgery, BranchDbContext db, BranchState state, TimeProvider time, CancellationToken ct)
    {
        var (viewer, page) = await TabPages.OpenAsync(context, antiforgery, db, ct);
        if (viewer is null) return TabPages.NotOnRoster(page);
        if (viewer.Scope != TabScopeKind.Branch) return TabPages.Forbidden(page, viewer);
        if (!context.Request.HasFormContentType) return Results.BadRequest();
        var form = await context.Request.ReadFormAsync(ct);

        var policy = (await db.ReadBranchSettingAsync(ct)).Policy;
        var latest = await PolicyStore.LatestAsync(db, ct);
        if (!int.TryParse(form[VersionField], NumberStyles.None, CultureInfo.InvariantCulture, out var version)) return Results.BadRequest();
        if (version != (latest?.Version ?? 0))
            return latest is null
                ? Results.BadRequest()
                : await RenderAsync(page, viewer, db, state, policy, PolicyEdit.Values(policy), [], new Notice.Stale(latest), StatusCodes.Status409Conflict, ct);

        var typed = PolicyEdit.Fields(policy).ToDictionary(f => f.Id, f => form[f.Id].ToString(), StringComparer.Ordinal);
        var edit = PolicyEdit.Read(policy, id => form.TryGetValue(id, out var v) ? v.ToString() : null);
        if (!edit.IsValid)
            return await RenderAsync(page, viewer, db, state, policy, typed, edit.Errors, new Notice.Errors(edit.Errors.Count), StatusCodes.Status422UnprocessableEntity, ct);

        return await PolicyStore.SaveAsync(db, state, viewer.Member.Id, version, edit.Policy!, time.GetUtcNow(), ct) switch
        {
            // Post, redirect, get: a reload does not post again.
            PolicySaveOutcome.Saved s => Results.Redirect($"/tab/rules?saved={s.Version.ToString(CultureInfo.InvariantCulture)}", permanent: false, preserveMethod: false),
            PolicySaveOutcome.Stale { Latest: { } other } => await RenderAsync(page, viewer, db, state, (await db.ReadBranchSettingAsync(ct)).Policy, null, [], new Notice.Stale(other), StatusCodes.Status409Conflict, ct),
            PolicySaveOutcome.Unchanged => await RenderAsync(page, viewer, db, state, policy, typed, [], new Notice.Unchanged(), StatusCodes.Status200OK, ct),
            _ => Results.BadRequest(),
        };
    }

    private static async Task<IResult> RenderAsync(TabPage page, TabViewer viewer, BranchDbContext db, BranchState state, Policy policy,
        IReadOnlyDictionary<string, string>? values, IReadOnlyList<PolicyFieldError> errors, Notice? notice, int status, CancellationToken ct)
    {
        values ??= PolicyEdit.Values(policy);
        var language = page.Language;
        var (branch, _) = await state.LoadAsync(db, ct);
        var history = await PolicyStore.HistoryAsync(db, HistoryRows, ct);
        var version = history.Count == 0 ? 0 : history[0].Version;
        var byField = errors.ToDictionary(e => e.Field, StringComparer.Ordinal);

        var groups = new List<Markup>();
        foreach (var group in PolicyEdit.Fields(policy).GroupBy(f => (f.Section, f.RuleIndex)))
        {
            var legend = group.Key.RuleIndex is { } i ? PolicyCard.RuleName(language, policy.Rules[i]) : page.T(PolicyCard.SectionKey(group.Key.Section));
            var inputs = group.Select(f =>
            {
                var error = byField.GetValueOrDefault(f.Id);
                var message = error is null ? Markup.Empty : Html.Of($"<span class=\"field-error\" id=\"{f.Id}-error\" data-error-for=\"{f.Id}\">{PolicyEdit.Hint(language, error)}</span>");
                var invalid = error is null ? Markup.Empty : Html.Of($" aria-invalid=\"true\" aria-describedby=\"{f.Id}-error\"");
                return Html.Of($"""<div class="field{(error is null ? "" : " invalid")}"><label for="{f.Id}">{page.T(f.LabelKey)}</label><input id="{f.Id}" name="{f.Id}" value="{values.GetValueOrDefault(f.Id)}" maxlength="{PolicyEdit.MaxValueLength}" autocomplete="off"{invalid}>{message}</div>""");
            });
            groups.Add(Html.Of($"<fieldset><legend>{legend}</legend><div class=\"fields\">{inputs}</div></fieldset>"));
        }

        var banner = notice switch
        {
            Notice.Saved s => Html.Of($"<p class=\"notice ok\" role=\"status\" data-notice=\"saved\">{page.T("tab.rules.saved", s.Version)}</p>"),
            Notice.Errors e => Html.Of($"<p class=\"notice bad\" role=\"alert\" data-notice=\"errors\">{page.T("tab.rules.errors", e.Count)}</p>"),
            Notice.Stale s => Html.Of($"<p class=\"notice bad\" role=\"alert\" data-notice=\"stale\">{page.T("tab.rules.stale", s.Latest.ChangedBy, Formats.DateTime(language, branch.LocalTime(s.Latest.At)))}</p>"),
            Notice.Unchanged => Html.Of($"<p class=\"notice\" role=\"status\" data-notice=\"unchanged\">{page.T("policy.unchanged")}</p>"),
            _ => Markup.Empty,
        };

        var body = Html.Of($"""
            {banner}
            <p class="muted">{page.T("tab.rules.intro")}</p>
            <form method="post" action="/tab/rules" class="rules" novalidate>
            {page.AntiforgeryField}
            <input type="hidden" name="{VersionField}" value="{version}">
            {groups}
            <p><button type="submit" class="button">{page.T("policy.save")}</button></p>
            </form>
            <section class="card"><h2>{page.T("tab.rules.history")}</h2>{History(page, branch, history)}</section>
            """);
        return page.Render(page.T("tab.nav.rules"), viewer, TabNav.Rules, body, status);
    }

    private static Markup History(TabPage page, Branch branch, IReadOnlyList<PolicyVersion> history)
    {
        if (history.Count == 0) return Html.Of($"<p class=\"muted\">{page.T("tab.rules.noHistory")}</p>");
        var language = page.Language;
        var rows = history.Select(h =>
        {
            Markup what;
            try
            {
                var (before, after) = (Policy.FromJson(h.OldPolicyJson), Policy.FromJson(h.NewPolicyJson));
                var differences = before.Rules.Count == after.Rules.Count ? PolicyEdit.Differences(before, after) : [];
                var items = differences.Select(d => Html.Of($"<li>{PolicyEdit.FieldName(language, after, d.Field)}: {d.Before} → {d.After}</li>")).ToList();
                // A change of what the editor does not show (a rule added in the stored JSON, a switch) is still listed.
                if (items.Count == 0 || before.Rules.Count != after.Rules.Count || before.ReturnedCountsAsDone != after.ReturnedCountsAsDone)
                    items.Add(Html.Of($"<li>{page.T("tab.rules.otherSettings")}</li>"));
                what = Html.Of($"<ul class=\"changes\">{items}</ul>");
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or ArgumentException)
            {
                what = Html.Of($"<span class=\"muted\">{page.T("tab.rules.otherSettings")}</span>");
            }
            return Html.Of($"<tr data-version=\"{h.Version}\"><td class=\"num\" data-label=\"{page.T("tab.rules.version")}\">{h.Version}</td><td data-label=\"{page.T("tab.rules.when")}\">{Formats.DateTime(language, branch.LocalTime(h.At))}</td><td data-label=\"{page.T("tab.rules.who")}\">{h.ChangedBy}</td><td data-label=\"{page.T("tab.rules.what")}\">{what}</td></tr>");
        });
        return Html.Of($"""<div class="table-wrap"><table class="cards-on-phone"><thead><tr><th class="num">{page.T("tab.rules.version")}</th><th>{page.T("tab.rules.when")}</th><th>{page.T("tab.rules.who")}</th><th>{page.T("tab.rules.what")}</th></tr></thead><tbody>{rows}</tbody></table></div>""");
    }
}
