using BranchBot.Bot.Localization;
using BranchBot.Domain;

namespace BranchBot.Bot.Tab;

internal static class TabFormats
{
    /// <summary>The person's place in the branch in a word: committee, group leader, or member.</summary>
    public static string Roles(Language language, Member member) => Texts.Default.Get(language,
        member.IsCommittee ? "tab.role.committee" : member.IsGroupLeader ? "tab.role.leader" : "tab.role.member");

    public static string Percent(double rate) => (rate * 100).ToString("0", System.Globalization.CultureInfo.InvariantCulture) + "%";
}
