namespace BranchBot.Domain;

/// <summary>
/// Who may take the yearly export, and of what: the committee the whole branch or any one group, a group leader
/// their own group only, anyone else nothing. Asked when the export is requested and again when it is downloaded,
/// against the roster as it is then.
/// </summary>
public static class ExportRules
{
    /// <summary>Whether the member may export anything at all.</summary>
    public static bool MayExportAny(Member member) => member.IsCommittee || member.IsGroupLeader;

    /// <summary>Whether <paramref name="member"/> may export the branch (<paramref name="groupId"/> null) or that group.</summary>
    public static bool MayExport(Member member, int? groupId) =>
        member.IsCommittee || (groupId is { } g && member.IsGroupLeader && member.GroupId == g);

    /// <summary>How many years the export offers: this year and the four before it.</summary>
    public const int YearsOffered = 5;

    /// <summary>The years that may be exported, newest first.</summary>
    public static IReadOnlyList<int> Years(DateOnly today) => [.. Enumerable.Range(0, YearsOffered).Select(i => today.Year - i)];
}
