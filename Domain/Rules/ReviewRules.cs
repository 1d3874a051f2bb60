namespace BranchBot.Domain;

/// <summary>One version of a report as the review rules see it: its number, when it came in, and its verdict if reviewed.</summary>
/// <param name="Version">1, 2, 3...</param>
/// <param name="SubmittedAt">When it was received.</param>
/// <param name="Verdict">The reviewer's decision; null while not reviewed.</param>
public readonly record struct ReviewedVersion(int Version, DateTimeOffset SubmittedAt, ReviewVerdict? Verdict);

/// <summary>Who reviews a report, and when a reviewed report counts as done.</summary>
public static class ReviewRules
{
    /// <summary>Whether <paramref name="reviewer"/> may accept or return <paramref name="author"/>'s report: a leader of their group or any committee member, never themselves.</summary>
    public static bool MayReview(Member reviewer, Member author)
    {
        ArgumentNullException.ThrowIfNull(reviewer);
        ArgumentNullException.ThrowIfNull(author);
        return reviewer.Id != author.Id && (reviewer.IsCommittee || (reviewer.IsGroupLeader && reviewer.GroupId == author.GroupId));
    }

    /// <summary>
    /// When a report (all versions of one member's report of a kind for a period) counts as done: when its first
    /// version came in, unless that version was returned; a returned report counts from the first later version that
    /// is accepted, and not at all until one is. Reviewing is optional: a report nobody returned counts as handed in.
    /// With <see cref="Policy.ReturnedCountsAsDone"/> the first version counts whatever its review.
    /// </summary>
    public static DateTimeOffset? CountsAsDoneAt(IEnumerable<ReviewedVersion> versions, bool returnedCountsAsDone)
    {
        ArgumentNullException.ThrowIfNull(versions);
        var ordered = versions.OrderBy(v => v.Version).ToList();
        if (ordered.Count == 0) return null;
        var first = ordered[0];
        if (returnedCountsAsDone || first.Verdict != ReviewVerdict.Returned) return first.SubmittedAt;
        return ordered.Where(v => v.Verdict == ReviewVerdict.Accepted).Select(v => (DateTimeOffset?)v.SubmittedAt).FirstOrDefault();
    }

    /// <summary>Only the mentee of a talk answers it.</summary>
    public static bool MayAnswerTalk(Member speaker, Talk talk)
    {
        ArgumentNullException.ThrowIfNull(speaker);
        ArgumentNullException.ThrowIfNull(talk);
        return speaker.Id == talk.MenteeId;
    }
}
