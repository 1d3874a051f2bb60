using BranchBot.Bot.Cards;
using BranchBot.Bot.Conversation;

namespace BranchBot.Bot.Features.Rules;

/// <summary>The branch's policy, shown to everyone and edited by the committee.</summary>
public sealed class RulesFeature : Feature
{
    public override string Name => "rules";

    public RulesFeature()
    {
        Verb<PolicyFlow>(Verbs.PolicySave, (flow, turn, data, ct) => flow.SaveAsync(turn, data, ct));

        Typed<PolicyFlow>(Command.Rules, ["branch rules", "rules"], ["支部规则", "规则"], ["支部規則", "規則"], (flow, turn, ct) => flow.ShowAsync(turn, ct));

        foreach (var field in PolicyEdit.FixedFields) Label(field.Id, field.LabelKey);
        LabelPrefix(PolicyCard.OffsetsInputPrefix, "policy.offsetsLabel");
        LabelPrefix(PolicyCard.TimeInputPrefix, "policy.timeLabel");
        LabelPrefix(PolicyCard.GraceInputPrefix, "policy.graceLabel");
        LabelPrefix(PolicyCard.MinLengthInputPrefix, "policy.minLengthLabel");
    }
}
