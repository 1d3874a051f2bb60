using BranchBot.Bot.Conversation;

namespace BranchBot.Bot.Features.Summary;

/// <summary>The committee's branch summary: completion per group this month and last, and the roster's gaps.</summary>
public sealed class SummaryFeature : Feature
{
    public override string Name => "summary";

    public SummaryFeature()
    {
        Typed<SummaryFlow>(Command.BranchSummary, ["branch summary", "summary"], ["支部统计", "统计"], ["支部統計", "統計"],
            (flow, turn, ct) => flow.SummaryAsync(turn, ct));
    }
}
