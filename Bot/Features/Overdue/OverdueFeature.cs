using BranchBot.Bot.Cards;
using BranchBot.Bot.Conversation;

namespace BranchBot.Bot.Features.Overdue;

/// <summary>The leader's and committee's overdue list: pages, nudges and excuses.</summary>
public sealed class OverdueFeature : Feature
{
    public override string Name => "overdue";

    public OverdueFeature()
    {
        Verb<OverdueFlow>(Verbs.OverdueShow, (flow, turn, data, ct) => flow.ShowAsync(turn, data, ct));
        Verb<OverdueFlow>(Verbs.OverduePage, (flow, turn, data, ct) => flow.ShowAsync(turn, data, ct));
        Verb<OverdueFlow>(Verbs.OverdueNudge, (flow, turn, data, ct) => flow.NudgeAsync(turn, data, ct));
        Verb<OverdueFlow>(Verbs.OverdueNudgeAll, (flow, turn, data, ct) => flow.NudgeAllAsync(turn, data, ct));
        Verb<OverdueFlow>(Verbs.OverdueExcuse, (flow, turn, data, ct) => flow.ExcuseAsync(turn, data, ct));

        Typed<OverdueFlow>(Command.Overdue, ["overdue"], ["逾期"], ["逾期"], (flow, turn, ct) => flow.ShowAsync(turn, null, ct));

        LabelPrefix(OverdueListCard.ReasonInputPrefix, "overdue.excuseReasonLabel");
        LabelPrefix(OverdueListCard.ItemInputPrefix, "overdue.excuseItemLabel");
    }
}
