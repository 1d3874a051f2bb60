using BranchBot.Domain;

namespace BranchBot.Bot.Features.Reviews;

/// <summary>A reviewer's decision on one version, as the cards show it.</summary>
public sealed record ReviewView(string ReviewerName, ReviewVerdict Verdict, string Comment, DateOnly On);

/// <summary>One version of a report; <see cref="Text"/> is empty where a card lists versions without their texts.</summary>
public sealed record VersionView(long SubmissionId, int Version, DateOnly SubmittedOn, string Text, ReviewView? Review);

/// <summary>All versions of one member's report of a kind for a period, oldest first.</summary>
public sealed record ReportThread(int AuthorId, string AuthorName, ObligationKind Kind, Period Period, IReadOnlyList<VersionView> Versions)
{
    public VersionView Latest => Versions[^1];
}
