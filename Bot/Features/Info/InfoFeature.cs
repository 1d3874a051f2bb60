using BranchBot.Bot.Cards;
using BranchBot.Bot.Conversation;

namespace BranchBot.Bot.Features.Info;

/// <summary>Help, my status and the language choice.</summary>
public sealed class InfoFeature : Feature
{
    public override string Name => "info";

    public InfoFeature()
    {
        Verb<InfoFlows>(Verbs.StatusShow, (flow, turn, _, ct) => flow.StatusAsync(turn, ct));
        Verb<InfoFlows>(Verbs.LanguageSet, (_, turn, data, ct) => InfoFlows.SetLanguageAsync(turn, data, ct));

        Typed<InfoFlows>(Command.Help, ["help", "?"], ["帮助"], ["幫助"], (flow, turn, ct) => flow.HelpAsync(turn, notUnderstood: false, ct));
        Typed<InfoFlows>(Command.MyStatus, ["my status", "status"], ["我的状态", "状态"], ["我的狀態", "狀態"], (flow, turn, ct) => flow.StatusAsync(turn, ct));
        Typed<InfoFlows>(Command.Language, ["language"], ["语言"], ["語言"], (_, turn, _) => Task.FromResult(InfoFlows.LanguageChoice(turn)));
    }
}
