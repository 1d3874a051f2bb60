using System.Globalization;
using BranchBot.Domain;

namespace BranchBot.Bot.Conversation;

/// <summary>
/// An obligation a card points at ("Kind:Period:SubjectId", as the overdue list writes it). Card data is untrusted:
/// the key is re-found among what the owner owes in their schedule now, so it only ever names a period of that
/// person that has started (now or in the past), never one in the future, and only by its exact key.
/// </summary>
public static class ObligationReference
{
    public static string Key(Obligation obligation) =>
        string.Create(CultureInfo.InvariantCulture, $"{obligation.Kind}:{obligation.Period.Key}:{obligation.SubjectId}");

    public static Obligation? Find(ObligationSchedule schedule, Member owner, string? key, DateOnly since, DateOnly today) =>
        key is null ? null : schedule.OwedBy(owner, since, today).FirstOrDefault(o => Key(o) == key);
}
