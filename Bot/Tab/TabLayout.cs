using BranchBot.Bot.Localization;
using Microsoft.AspNetCore.Antiforgery;

namespace BranchBot.Bot.Tab;

/// <summary>The navigation entries; each page says which one it is.</summary>
public enum TabNav
{
    None,
    Dashboard,
    People,
    Exports,
    Delivery,
    Roster,
    Rules,
}

/// <summary>
/// The one page frame: head, the project's CSS, the navigation for the viewer's role, the antiforgery token (in a meta
/// tag for scripts and through <see cref="TabPage.AntiforgeryField"/> for forms) and the body.
/// </summary>
public sealed class TabPage(HttpContext context, IAntiforgery antiforgery, Language language)
{
    private AntiforgeryTokenSet? _tokens;

    public Language Language { get; } = language;

    public string T(string key, params object?[] args) => Texts.Default.Get(Language, key, args);

    private AntiforgeryTokenSet Tokens => _tokens ??= antiforgery.GetAndStoreTokens(context);

    /// <summary>The hidden input every state-changing form carries.</summary>
    public Markup AntiforgeryField => Html.Of($"<input type=\"hidden\" name=\"{Tokens.FormFieldName}\" value=\"{Tokens.RequestToken}\">");

    public IResult Render(string title, TabViewer? viewer, TabNav active, Markup body, int statusCode = StatusCodes.Status200OK, IEnumerable<string>? scripts = null)
    {
        var nav = viewer is null ? Markup.Empty : Navigation(viewer, active);
        var scriptTags = Html.Join((scripts ?? []).Select(s => Html.Of($"<script src=\"{TabAssets.Url(s)}\" defer></script>")));
        var who = viewer is null
            ? Markup.Empty
            : Html.Of($"<span class=\"who\">{viewer.Member.Name}</span><form method=\"post\" action=\"/tab/signout\" class=\"inline\">{AntiforgeryField}<button type=\"submit\" class=\"link\">{T("tab.signOut")}</button></form>");
        var page = Html.Of($"""
            <!DOCTYPE html>
            <html lang="{Language.Tag()}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="csrf-token" content="{Tokens.RequestToken}">
            <meta name="csrf-header" content="{TabHost.AntiforgeryHeader}">
            <title>{title} · {T("app.name")}</title>
            <link rel="stylesheet" href="{TabAssets.Url("tab/tab.css")}">
            {scriptTags}
            </head>
            <body>
            <header class="top"><span class="brand">{T("app.name")}</span>{who}</header>
            {nav}
            <main>
            <h1>{title}</h1>
            {body}
            </main>
            </body>
            </html>
            """);
        context.Response.Headers.CacheControl = "no-store";
        return Results.Content(page.Value, "text/html; charset=utf-8", statusCode: statusCode);
    }

    private Markup Navigation(TabViewer viewer, TabNav active)
    {
        var items = new List<(TabNav Nav, string Href, string Key)>();
        if (viewer.SeesFigures) items.Add((TabNav.Dashboard, "/tab", "tab.nav.dashboard"));
        items.Add((TabNav.People, viewer.SeesFigures || viewer.Scope == TabScopeKind.Mentees ? "/tab/people" : $"/tab/people/{viewer.Member.Id}", viewer.SeesFigures || viewer.Scope == TabScopeKind.Mentees ? "tab.nav.people" : "tab.nav.me"));
        if (viewer.SeesFigures)
        {
            items.Add((TabNav.Exports, "/tab/exports", "tab.nav.exports"));
            items.Add((TabNav.Delivery, "/tab/delivery", "tab.nav.delivery"));
        }
        if (viewer.Scope == TabScopeKind.Branch)
        {
            items.Add((TabNav.Roster, "/tab/roster", "tab.nav.roster"));
            items.Add((TabNav.Rules, "/tab/rules", "tab.nav.rules"));
        }
        var links = items.Select(i => i.Nav == active
            ? Html.Of($"<a href=\"{i.Href}\" class=\"active\" aria-current=\"page\">{T(i.Key)}</a>")
            : Html.Of($"<a href=\"{i.Href}\">{T(i.Key)}</a>"));
        return Html.Of($"<nav class=\"tabs\">{links}</nav>");
    }
}
