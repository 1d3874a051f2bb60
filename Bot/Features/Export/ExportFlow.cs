using System.Globalization;
using BranchBot.Bot.Cards;
using BranchBot.Bot.Conversation;
using BranchBot.Bot.Features.Reports;
using BranchBot.Bot.Localization;
using BranchBot.Domain;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Bot.Features.Export;

/// <summary>
/// The yearly export from the chat: the committee (the branch or any group) or a group leader (their group) picks
/// the year, the format and the scope; the answer is a link that works for <see cref="DownloadLinks.Lifetime"/>. The
/// file is built when the link is opened (<see cref="DownloadEndpoint"/>), after the roles are checked again.
/// </summary>
public sealed class ExportFlow(DownloadLinks links, ILogger<ExportFlow> logger)
{
    public async Task<Reply> FormAsync(Turn turn, CancellationToken cancellationToken)
    {
        if (!ExportRules.MayExportAny(turn.Member)) return new Reply.Refused(turn.T("export.error.notPermitted"));
        var years = ExportRules.Years(turn.Today);
        var year = years[0];
        if (turn.Argument is { Length: > 0 } typed
            && !(int.TryParse(typed, NumberStyles.None, CultureInfo.InvariantCulture, out year) && years.Contains(year)))
            return new Reply.Refused(turn.T("export.error.badYear", years[^1], years[0]));
        return Reply.Show(YearlyExportCard.Build(turn.Language, years, year, await ScopesAsync(turn, cancellationToken), ReportFlow.NewCardId()));
    }

    public async Task<Reply> LinkAsync(Turn turn, CardData data, CancellationToken cancellationToken)
    {
        var years = ExportRules.Years(turn.Today);
        var year = data.Int(YearlyExportCard.YearInput, years[^1], years[0]);
        var format = data.Choice<ExportFormat>(YearlyExportCard.FormatInput);
        var scope = data.Reference(YearlyExportCard.ScopeInput);
        if (data.Error is { } error) return Errors.Refuse(turn, error);
        if (!ExportRules.MayExportAny(turn.Member)) return new Reply.Refused(turn.T("export.error.notPermitted"));
        var chosen = (await ScopesAsync(turn, cancellationToken)).FirstOrDefault(s => s.Value == scope);
        // A scope not offered to the speaker (another group, the branch for a leader, a group that is gone) is refused.
        if (chosen is null) return new Reply.Refused(turn.T("export.error.notPermitted"));
        int? groupId = chosen.Value == YearlyExportCard.BranchScope ? null : int.Parse(chosen.Value, CultureInfo.InvariantCulture);

        var expiresAt = turn.Now + links.Lifetime;
        var token = links.Protect(new DownloadTicket(turn.Member.Id, year!.Value, format!.Value, groupId, turn.Language, expiresAt));
        if (links.LinkFor(token) is not { } url) return new Reply.Refused(turn.T("export.error.noPublicAddress"));
        logger.LogInformation("Yearly export link for {Year} ({Format}, group {GroupId}) issued to member {MemberId}", year, format, groupId, turn.Member.Id);
        return new Reply.ReplaceCard(YearlyExportCard.Link(turn.Language, year.Value, format.Value, chosen.Name,
            Formats.DateTime(turn.Language, turn.Branch.LocalTime(expiresAt)), url));
    }

    /// <summary>The scopes the speaker may export now: the branch and every group for the committee, the own group for a leader.</summary>
    private static async Task<IReadOnlyList<ExportScope>> ScopesAsync(Turn turn, CancellationToken cancellationToken)
    {
        var groups = await turn.Db.Groups.AsNoTracking().OrderBy(g => g.Name).ToListAsync(cancellationToken);
        var scopes = new List<ExportScope>();
        if (ExportRules.MayExport(turn.Member, null)) scopes.Add(new ExportScope(YearlyExportCard.BranchScope, turn.T("export.scope.branch", turn.Branch.Name)));
        scopes.AddRange(groups.Where(g => ExportRules.MayExport(turn.Member, g.Id)).Select(g => new ExportScope(YearlyExportCard.GroupScope(g.Id), g.Name)));
        return scopes;
    }
}
