using BranchBot.Bot.Conversation;
using BranchBot.Bot.Features.Dues;
using BranchBot.Bot.Features.Meetings;
using BranchBot.Bot.Features.Pipeline;
using BranchBot.Bot.Features.Roster;
using BranchBot.Bot.Features.Transfers;
using BranchBot.Domain;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Bot.Features.Summary;

/// <summary>The committee's branch summary: completion per group this month and last, the pipeline's next steps, and the roster's gaps.</summary>
public sealed class SummaryFlow
{
    public async Task<Reply> SummaryAsync(Turn turn, CancellationToken cancellationToken)
    {
        if (!turn.Member.IsCommittee) return new Reply.Refused(turn.T("error.notPermitted"));
        var schedule = await ScheduleLoading.LoadAsync(turn, null, cancellationToken);
        var groups = await turn.Db.Groups.AsNoTracking().OrderBy(g => g.Name).ToListAsync(cancellationToken);
        var byGroup = schedule.Members.Values.ToLookup(m => m.GroupId);
        var current = Period.Containing(Cadence.Monthly, turn.Today);
        var previous = current.Previous();
        List<GroupRow> Rows(Period period) => groups
            .Select(g => new GroupRow(g.Name, schedule.CompletionOf(byGroup[g.Id], period, turn.Now)))
            .ToList();
        var card = SummaryCard.Build(turn.Language, turn.Branch.Name, current, Rows(current), previous, Rows(previous), turn.Member.IsGroupLeader);
        var gaps = await RosterGapQuery.LoadAsync(turn.Db, RosterGapsSection.MaxNames, cancellationToken);
        var pipeline = await PipelineFlow.SectionAsync(turn, cancellationToken);
        // Selection of activists (公示) and the activists' quarterly evaluation.
        var selection = await SelectionFlow.SectionAsync(turn, cancellationToken);
        // Meetings (三会一课): the quotas this semester and repeated unexcused absence.
        var meetings = await MeetingsSection.ForCommitteeAsync(turn, cancellationToken);
        // Party dues (党费): this month's and last month's collection and remittance.
        var dues = await DuesSection.ForCommitteeAsync(turn, cancellationToken);
        // Graduate transfers (组织关系转接): receipts missing until traced.
        var transfers = await TransfersSection.ForCommitteeAsync(turn, cancellationToken);
        return Reply.Show(card with { Body = [.. card.Body, .. pipeline, .. selection, .. meetings, .. dues, .. transfers, .. RosterGapsSection.Build(turn.Language, gaps)] });
    }
}
