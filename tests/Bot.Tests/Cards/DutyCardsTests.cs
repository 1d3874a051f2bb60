using BranchBot.Bot.Cards;
using BranchBot.Bot.Localization;
using BranchBot.Domain;

namespace BranchBot.Bot.Tests.Cards;

// The Bot's half of the duty-kind catalogue. Every test enumerates Enum.GetValues<ObligationKind>(), so a kind added
// to the enum is checked by construction; without an entry in DutyCards or Formats.KindKey it does not compile.
public class DutyCardsTests
{
    public static TheoryData<ObligationKind> Kinds() => [.. Enum.GetValues<ObligationKind>()];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void FormFor_EveryKind_AgreesWithTheDomainsDescription(ObligationKind kind)
    {
        var duty = DutyKinds.Of(kind);

        var expected = duty switch
        {
            { Owner: Owner.Committee } => DutyForm.None,
            { IsWritten: true, Owner: Owner.Self, FulfilledBy: Fulfilment.ReportForPeriod } => DutyForm.Report,
            { Owner: Owner.Mentor, FulfilledBy: Fulfilment.TalkDatedInPeriod } => DutyForm.Talk,
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "No form fits this description yet: add one to DutyCards and here."),
        };
        Assert.Equal(expected, DutyCards.FormFor(kind));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void KindKey_EveryKind_HasItsOwnTextInEveryLanguage(ObligationKind kind)
    {
        var key = Formats.KindKey(kind);

        foreach (var language in Enum.GetValues<Language>())
        {
            Assert.True(Texts.Default.All(language).TryGetValue(key, out var text), $"{language.Tag()} has no {key}");
            Assert.False(string.IsNullOrWhiteSpace(text), $"{language.Tag()} {key} is blank");
        }
        Assert.Single(Enum.GetValues<ObligationKind>(), k => Formats.KindKey(k) == key);
    }

    [Fact]
    public void FormFor_UnnamedValue_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DutyCards.FormFor((ObligationKind)99));
        Assert.Throws<ArgumentOutOfRangeException>(() => Formats.KindKey((ObligationKind)99));
    }
}
