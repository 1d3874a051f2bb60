using System.Globalization;
using BranchBot.Domain.Evaluations;

namespace BranchBot.Domain.Tests.Evaluations;

public class HalfYearlyScoringTests
{
    private static decimal D(string s) => decimal.Parse(s, CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("100", "100", "100", "100")]
    [InlineData("0", "0", "0", "0")]
    [InlineData("80", "70", "90", "82")]
    [InlineData("90", "60", "50", "61")]
    [InlineData("60.05", "60", "60", "60.01")]   // 12.01 + 18 + 30 = 60.01
    [InlineData("0.01", "0", "0.01", "0.01")]    // 0.002 + 0.005 = 0.007 → 0.01
    [InlineData("0", "0.05", "0", "0.02")]       // 0.015 → 0.02: half away from zero
    public void Weighted_Parts_IsTwentyThirtyFiftyRoundedHalfAwayFromZero(string self, string peers, string branch, string expected)
    {
        Assert.Equal(D(expected), HalfYearlyScoring.Weighted(D(self), D(peers), D(branch)));
    }

    [Theory]
    [InlineData("-0.01", "50", "50")]
    [InlineData("50", "100.01", "50")]
    [InlineData("50", "50", "101")]
    public void Weighted_ScoreOutOfRange_Throws(string self, string peers, string branch)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => HalfYearlyScoring.Weighted(D(self), D(peers), D(branch)));
    }

    [Theory]
    [InlineData("0", true)]
    [InlineData("100", true)]
    [InlineData("85.25", true)]
    [InlineData("85.255", false)]
    [InlineData("-1", false)]
    [InlineData("100.5", false)]
    public void IsValidScore_ZeroToHundredTwoDecimals(string score, bool valid)
    {
        Assert.Equal(valid, HalfYearlyScoring.IsValidScore(D(score)));
    }

    [Theory]
    [InlineData(10, 3)]
    [InlineData(3, 3)]
    [InlineData(2, 2)]
    [InlineData(0, 0)]
    public void PeersNeeded_SmallGroup_NeedsEveryOtherMember(int others, int expected)
    {
        Assert.Equal(expected, HalfYearlyScoring.PeersNeeded(others, EvaluationPolicy.Default));
    }

    [Fact]
    public void Outcome_AllPartsIn_ScoresWithTheExactPeerMeanAndPassesAtSixty()
    {
        // Peer mean 200/3 = 66.666…: 0.2·50 + 0.3·66.666… + 0.5·60 = 10 + 20 + 30 = 60 exactly.
        var outcome = HalfYearlyScoring.Outcome(50m, [60m, 70m, 70m], 60m, 3, EvaluationPolicy.Default);
        Assert.True(outcome.IsComplete);
        Assert.Equal(60m, outcome.Score);
        Assert.True(outcome.Passed);
        Assert.Equal(3, outcome.PeerCount);
        Assert.Equal(66.67m, outcome.PeerMean);
        Assert.Empty(outcome.Missing);
    }

    [Fact]
    public void Outcome_BelowPassMark_IsCompleteButNotPassed()
    {
        var outcome = HalfYearlyScoring.Outcome(59.99m, [59.99m], 59.99m, 1, EvaluationPolicy.Default);
        Assert.Equal(59.99m, outcome.Score);
        Assert.False(outcome.Passed);
    }

    [Fact]
    public void Outcome_PolicyPassMark_Decides()
    {
        var outcome = HalfYearlyScoring.Outcome(70m, [70m], 70m, 1, new EvaluationPolicy(PassMark: 75m));
        Assert.Equal(70m, outcome.Score);
        Assert.False(outcome.Passed);
    }

    [Fact]
    public void Outcome_MissingParts_BlockTheResultAndAreNamed()
    {
        var outcome = HalfYearlyScoring.Outcome(null, [80m, 90m], null, 3, EvaluationPolicy.Default);
        Assert.False(outcome.IsComplete);
        Assert.Null(outcome.Score);
        Assert.False(outcome.Passed);
        Assert.Equal(85m, outcome.PeerMean);
        Assert.Equal([EvaluationPart.Self, EvaluationPart.Peer, EvaluationPart.Branch], outcome.Missing);
    }

    [Fact]
    public void Outcome_NoPeerNeededBecauseTheGroupHasNone_StillBlocks()
    {
        var outcome = HalfYearlyScoring.Outcome(80m, [], 80m, 0, EvaluationPolicy.Default);
        Assert.False(outcome.IsComplete);
        Assert.Equal([EvaluationPart.Peer], outcome.Missing);
    }
}

public class HalfYearlyRoundsTests
{
    [Theory]
    [InlineData("2026-03-15", "2026-09-13", 0)]
    [InlineData("2026-03-15", "2026-09-14", 1)] // the first half year's last day counts as ended
    [InlineData("2026-03-15", "2027-03-13", 1)]
    [InlineData("2026-03-15", "2027-03-14", 2)]
    [InlineData("2024-02-29", "2024-08-27", 0)]
    [InlineData("2024-02-29", "2024-08-28", 1)]
    [InlineData("2025-08-31", "2026-02-27", 1)] // Aug 31 + 6 months = Feb 28; the day before ends the round
    public void DueOn_Date_IsTheLatestHalfYearWhoseLastDayHasCome(string since, string date, int expected)
    {
        Assert.Equal(expected, HalfYearlyRounds.DueOn(DateOnly.Parse(since, CultureInfo.InvariantCulture), DateOnly.Parse(date, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void StartAndEnd_Rounds_TileTheProbation()
    {
        var since = new DateOnly(2026, 3, 15);
        Assert.Equal(since, HalfYearlyRounds.StartOf(since, 1));
        Assert.Equal(new DateOnly(2026, 9, 14), HalfYearlyRounds.EndOf(since, 1));
        Assert.Equal(new DateOnly(2026, 9, 15), HalfYearlyRounds.StartOf(since, 2));
        Assert.Equal(new DateOnly(2027, 3, 14), HalfYearlyRounds.EndOf(since, 2));
    }

    [Fact]
    public void PeriodOf_TwoRounds_AreDifferentCalendarHalfYears()
    {
        var since = new DateOnly(2026, 7, 1);
        Assert.Equal(new Period(Cadence.HalfYearly, 2026, 2), HalfYearlyRounds.PeriodOf(since, 1));
        Assert.Equal(new Period(Cadence.HalfYearly, 2027, 1), HalfYearlyRounds.PeriodOf(since, 2));
    }

    [Fact]
    public void Round_Close_TwiceOrIncomplete_Throws()
    {
        var round = new EvaluationRound(1, new DateOnly(2026, 3, 15), 1, 3, 2, DateTimeOffset.UnixEpoch);
        Assert.Throws<InvalidOperationException>(() => round.Close(HalfYearlyScoring.Outcome(null, [], null, 3, EvaluationPolicy.Default), DateTimeOffset.UnixEpoch));
        round.Close(HalfYearlyScoring.Outcome(80m, [80m], 80m, 1, EvaluationPolicy.Default), DateTimeOffset.UnixEpoch);
        Assert.Equal(80m, round.Score);
        Assert.True(round.Passed);
        Assert.Throws<InvalidOperationException>(() => round.Close(HalfYearlyScoring.Outcome(80m, [80m], 80m, 1, EvaluationPolicy.Default), DateTimeOffset.UnixEpoch));
    }

    [Fact]
    public void Rating_PeerSlotIsTheRater_SelfAndBranchShareSlotZero()
    {
        Assert.Equal(7, new EvaluationRating(1, EvaluationPart.Peer, 7, 80m, null, DateTimeOffset.UnixEpoch).Slot);
        Assert.Equal(0, new EvaluationRating(1, EvaluationPart.Branch, 7, 80m, null, DateTimeOffset.UnixEpoch).Slot);
        Assert.Throws<ArgumentOutOfRangeException>(() => new EvaluationRating(1, EvaluationPart.Self, 7, 80.001m, null, DateTimeOffset.UnixEpoch));
    }
}

public class PartySchoolTests
{
    [Theory]
    [InlineData("2026-01-10", "2026-04")]
    [InlineData("2026-04-30", "2026-04")]
    [InlineData("2026-05-01", "2026-10")]
    [InlineData("2026-10-31", "2026-10")]
    [InlineData("2026-11-01", "2027-04")]
    public void NextOn_Date_IsTheRunningOrNextSession(string date, string expected)
    {
        Assert.Equal(expected, PartySchoolSession.NextOn(DateOnly.Parse(date, CultureInfo.InvariantCulture)).Key);
    }

    [Theory]
    [InlineData("2026-03-31", "2025-10")]
    [InlineData("2026-04-01", "2026-04")]
    [InlineData("2026-09-30", "2026-04")]
    [InlineData("2026-10-01", "2026-10")]
    public void LatestBegunOn_Date_IsTheLastSessionStarted(string date, string expected)
    {
        Assert.Equal(expected, PartySchoolSession.LatestBegunOn(DateOnly.Parse(date, CultureInfo.InvariantCulture)).Key);
    }

    [Theory]
    [InlineData("2026-04", true)]
    [InlineData("2026-10", true)]
    [InlineData("2026-05", false)]
    [InlineData("26-04", false)]
    [InlineData("2026-4x", false)]
    public void TryParse_OnlyAprilAndOctober(string key, bool ok)
    {
        Assert.Equal(ok, PartySchoolSession.TryParse(key, out _));
    }

    [Fact]
    public void Complete_BeforeTheSessionOrTwice_IsRefused()
    {
        var nomination = new PartySchoolNomination(1, new(2026, 10), 2, DateTimeOffset.UnixEpoch);
        Assert.Throws<InvalidOperationException>(() => nomination.Complete(new DateOnly(2026, 9, 30), 2));
        Assert.True(nomination.Complete(new DateOnly(2026, 10, 20), 2));
        Assert.False(nomination.Complete(new DateOnly(2026, 10, 21), 3));
        Assert.Equal(new DateOnly(2026, 10, 20), nomination.CompletedOn);
    }

    [Theory]
    [InlineData(Stage.Activist, true)]
    [InlineData(Stage.DevelopmentTarget, true)]
    [InlineData(Stage.Probationary, false)]
    [InlineData(Stage.Full, false)]
    public void MayBeNominated_ActivistsAndDevelopmentTargets(Stage stage, bool expected)
    {
        Assert.Equal(expected, PartySchoolRules.MayBeNominated(stage));
    }
}
