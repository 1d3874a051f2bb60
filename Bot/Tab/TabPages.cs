using Microsoft.AspNetCore.Antiforgery;
using BranchBot.Infrastructure.Persistence;

namespace BranchBot.Bot.Tab;

/// <summary>The signed-in pages. Each loads the viewer from the roster and asks it what may be shown.</summary>
internal static partial class TabPages
{
    public static void Map(RouteGroupBuilder tab)
    {
        tab.MapGet("", DashboardPage.RenderAsync);
        tab.MapGet("/people", PeoplePage.ListAsync);
        tab.MapGet("/people/{id:int}", PeoplePage.PersonAsync);
        tab.MapGet("/exports", ExportsPage.PageAsync);
        tab.MapGet("/exports/monthly", ExportsPage.MonthlyAsync);
        tab.MapGet("/exports/yearly", ExportsPage.YearlyAsync);
        tab.MapGet("/delivery", DeliveryPage.RenderAsync);
        tab.MapGet("/roster", RosterPage.GetAsync);
        tab.MapPost("/roster/preview", RosterPage.PreviewAsync);
        tab.MapPost("/roster/apply", RosterPage.ApplyAsync);
        tab.MapGet("/roster/export", RosterPage.ExportAsync);
        tab.MapGet("/rules", RulesPage.GetAsync);
        tab.MapPost("/rules", RulesPage.PostAsync);
    }

    /// <summary>The signed-in viewer and a page in their language; null viewer: the session names nobody on the roster any more.</summary>
    internal static async Task<(TabViewer? Viewer, TabPage Page)> OpenAsync(HttpContext context, IAntiforgery antiforgery, BranchDbContext db, CancellationToken ct)
    {
        var viewer = await TabViewer.LoadAsync(context.User, db, ct);
        return (viewer, new TabPage(context, antiforgery, viewer?.Language ?? Localization.Language.ZhCn));
    }

    internal static IResult NotOnRoster(TabPage page) =>
        page.Render(page.T("tab.error.title"), null, TabNav.None, Html.Of($"<p>{page.T("tab.error.notOnRoster")}</p><p><a href=\"/tab/signin\">{page.T("tab.signIn.title")}</a></p>"), StatusCodes.Status403Forbidden);

    internal static IResult Forbidden(TabPage page, TabViewer viewer) =>
        page.Render(page.T("tab.error.title"), viewer, TabNav.None, Html.Of($"<p>{page.T("tab.error.notPermitted")}</p>"), StatusCodes.Status403Forbidden);
}
