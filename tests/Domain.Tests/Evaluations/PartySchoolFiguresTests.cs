using BranchBot.Domain.Evaluations;

namespace BranchBot.Domain.Tests.Evaluations;

public sealed class PartySchoolFiguresTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 10, 0, 0, TimeSpan.FromHours(8));

    private static PartySchoolNomination Nominated(int member, int year, int month, DateOnly? completedOn = null)
    {
        var n = new PartySchoolNomination(member, new PartySchoolSession(year, month), 99, At);
        if (completedOn is { } on) n.Complete(on, 99);
        return n;
    }

    [Fact]
    public void For_AYear_CountsEachSessionsNominatedAndCompletedAndNothingOfOtherYears()
    {
        var nominations = new[]
        {
            Nominated(1, 2026, 4, new DateOnly(2026, 4, 28)), Nominated(2, 2026, 4), Nominated(3, 2026, 10, new DateOnly(2026, 10, 30)),
            Nominated(4, 2025, 10, new DateOnly(2025, 10, 30)),
        };

        var figures = PartySchoolFigures.For(nominations, 2026);

        Assert.Equal(
            [new PartySchoolSessionFigures(new PartySchoolSession(2026, 4), 2, 1), new PartySchoolSessionFigures(new PartySchoolSession(2026, 10), 1, 1)],
            figures);
    }

    [Fact]
    public void For_SomePeople_CountsOnlyTheirNominations()
    {
        var nominations = new[] { Nominated(1, 2026, 4), Nominated(2, 2026, 4, new DateOnly(2026, 4, 28)) };

        var figures = PartySchoolFigures.For(nominations, 2026, new HashSet<int> { 2 });

        Assert.Equal((1, 1), (figures[0].Nominated, figures[0].Completed));
        Assert.Equal((0, 0), (figures[1].Nominated, figures[1].Completed));
    }
}
