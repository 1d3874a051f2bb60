using BranchBot.Bot.Localization;

namespace BranchBot.Bot.Cards;

/// <summary>Someone a card names: lists are keyed by <see cref="MemberId"/>, never by name.</summary>
public sealed record NamedPerson(int MemberId, string Name, string? StudentNumber);

public static class PersonNames
{
    /// <summary>
    /// The name each person is shown by on one card: clipped, and with the student number beside it where two
    /// different people share the name. Plain text: escape it before it goes into markdown.
    /// </summary>
    public static IReadOnlyDictionary<int, string> Distinct(Language language, IEnumerable<NamedPerson> people)
    {
        var unique = people.DistinctBy(p => p.MemberId).ToList();
        var shared = unique.GroupBy(p => p.Name.Trim(), StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        return unique.ToDictionary(p => p.MemberId, p => shared.Contains(p.Name.Trim()) && !string.IsNullOrWhiteSpace(p.StudentNumber)
            ? Texts.Default.Get(language, "person.withNumber", UserText.Clip(p.Name), UserText.Clip(p.StudentNumber, 20))
            : UserText.Clip(p.Name));
    }
}
