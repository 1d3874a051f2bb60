using System.Security.Claims;
using BranchBot.Bot.Localization;
using BranchBot.Infrastructure.Persistence;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BranchBot.Bot.Tab;

/// <summary>
/// Sign-in. In Teams: the page asks teams-js for the SSO token and posts it; the JWT bearer handler validates it (issuer,
/// audience, signature, lifetime, the configured tenant) and the person is found on the roster by their Entra object id
/// (<c>oid</c>), which the roster learns when they first talk to the bot; until then by their UPN
/// (<c>preferred_username</c>), which the roster holds as the e-mail column. Then an HTTP-only cookie carries the member id.
/// Locally (not in Production, Tab:LocalSignIn): a page listing the roster to pick someone.
/// </summary>
internal static class TabSignIn
{
    public static void Map(RouteGroupBuilder tab)
    {
        tab.MapGet("/signin", SignInPageAsync);
        tab.MapPost("/signin/sso", SsoAsync);
        tab.MapGet("/signin/local", LocalPageAsync);
        tab.MapPost("/signin/local", LocalAsync);
        tab.MapPost("/signout", async (HttpContext context) =>
        {
            await context.SignOutAsync(TabHost.CookieScheme);
            return Results.Redirect("/tab/signin");
        });
    }

    private static bool LocalAllowed(TabOptions options, IHostEnvironment environment) => options.LocalSignIn && !environment.IsProduction();

    private static bool SsoConfigured(TabOptions options, IConfiguration configuration) =>
        options.EffectiveAppId(configuration) is not null && options.EffectiveTenantId(configuration) is not null;

    private static IResult SignInPageAsync(HttpContext context, IAntiforgery antiforgery, IOptions<TabOptions> options, IConfiguration configuration, IHostEnvironment environment)
    {
        var page = new TabPage(context, antiforgery, Language.ZhCn);
        var local = LocalAllowed(options.Value, environment)
            ? Html.Of($"<p><a class=\"button\" href=\"/tab/signin/local\">{page.T("tab.signIn.local")}</a></p>")
            : Markup.Empty;
        if (!SsoConfigured(options.Value, configuration))
            return page.Render(page.T("tab.signIn.title"), null, TabNav.None, Html.Of($"<p>{page.T("tab.signIn.noSso")}</p>{local}"));
        var body = Html.Of($"""
            <p id="sso-status" data-failed="{page.T("tab.signIn.failed")}" data-outside="{page.T("tab.signIn.outsideTeams")}">{page.T("tab.signIn.working")}</p>
            {local}
            """);
        return page.Render(page.T("tab.signIn.title"), null, TabNav.None, body, scripts: ["lib/teams-js/MicrosoftTeams.min.js", "tab/signin.js"]);
    }

    private static async Task<IResult> SsoAsync(HttpContext context, BranchDbContext db, IOptions<TabOptions> options, IConfiguration configuration, CancellationToken ct)
    {
        if (!SsoConfigured(options.Value, configuration)) return Results.NotFound();
        var result = await context.AuthenticateAsync(TabHost.SsoScheme);
        // The issuer already names the tenant; the tid claim must agree (a token for a guest names their home tenant).
        var tenant = options.Value.EffectiveTenantId(configuration);
        if (!result.Succeeded || !string.Equals(result.Principal.FindFirstValue("tid"), tenant, StringComparison.OrdinalIgnoreCase))
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "The Teams sign-in token was not accepted.");

        var oid = result.Principal.FindFirstValue("oid");
        var upn = (result.Principal.FindFirstValue("preferred_username") ?? result.Principal.FindFirstValue("upn"))?.Trim().ToLowerInvariant();
        var member = oid is null ? null : await db.Members.FirstOrDefaultAsync(m => m.AadObjectId == oid, ct);
        if (member is null && upn is not null)
        {
            member = await db.Members.FirstOrDefaultAsync(m => m.Email == upn && m.AadObjectId == null, ct);
            // Learned as the bot learns it on a first message, so the next sign-in goes by the object id.
            if (member is not null && oid is not null)
            {
                member.LinkTeamsIdentity(oid);
                await db.SaveChangesAsync(ct);
            }
        }
        if (member is null) return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "You are not on the branch's roster.");
        await SignInAsync(context, member.Id, "sso");
        return Results.Ok(new { redirect = "/tab" });
    }

    private static async Task<IResult> LocalPageAsync(HttpContext context, IAntiforgery antiforgery, BranchDbContext db, IOptions<TabOptions> options, IHostEnvironment environment, CancellationToken ct)
    {
        if (!LocalAllowed(options.Value, environment)) return Results.NotFound();
        var page = new TabPage(context, antiforgery, Language.ZhCn);
        var groups = await db.Groups.AsNoTracking().ToDictionaryAsync(g => g.Id, g => g.Name, ct);
        var people = await db.Members.AsNoTracking().OrderBy(m => m.GroupId).ThenBy(m => m.StudentNumber).Take(500).ToListAsync(ct);
        var rows = people.Select(m => Html.Of($"""
            <li><button type="submit" name="memberId" value="{m.Id}" class="person">{m.Name}<small>{m.StudentNumber} · {groups.GetValueOrDefault(m.GroupId)} · {TabFormats.Roles(page.Language, m)}</small></button></li>
            """));
        var body = Html.Of($"""
            <p class="warning">{page.T("tab.signIn.localWarning")}</p>
            <form method="post" action="/tab/signin/local">{page.AntiforgeryField}<ul class="people">{rows}</ul></form>
            """);
        return page.Render(page.T("tab.signIn.local"), null, TabNav.None, body);
    }

    private static async Task<IResult> LocalAsync(HttpContext context, BranchDbContext db, IOptions<TabOptions> options, IHostEnvironment environment, CancellationToken ct)
    {
        if (!LocalAllowed(options.Value, environment)) return Results.NotFound();
        var form = await context.Request.ReadFormAsync(ct);
        if (!int.TryParse(form["memberId"], out var memberId) || !await db.Members.AnyAsync(m => m.Id == memberId, ct)) return Results.NotFound();
        await SignInAsync(context, memberId, "local");
        return Results.Redirect("/tab");
    }

    private static Task SignInAsync(HttpContext context, int memberId, string method)
    {
        var identity = new ClaimsIdentity([new Claim(TabViewer.MemberClaim, memberId.ToString(System.Globalization.CultureInfo.InvariantCulture)), new Claim("amr", method)], TabHost.CookieScheme);
        return context.SignInAsync(TabHost.CookieScheme, new ClaimsPrincipal(identity));
    }
}
