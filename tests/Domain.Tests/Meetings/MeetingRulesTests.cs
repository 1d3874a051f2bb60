using BranchBot.Domain.Meetings;

namespace BranchBot.Domain.Tests.Meetings;

public sealed class MeetingRulesTests
{
    private static readonly DateTimeOffset Start = At.Cst("2026-11-19 14:00:00");

    [Theory]
    [InlineData(MeetingKind.Group, Roles.GroupLeader, true)]
    [InlineData(MeetingKind.Group, Roles.Secretary, false)]
    [InlineData(MeetingKind.Committee, Roles.GroupLeader, false)]
    [InlineData(MeetingKind.Committee, Roles.OrganizationMember, true)]
    [InlineData(MeetingKind.General, Roles.Secretary, true)]
    [InlineData(MeetingKind.Lecture, Roles.None, false)]
    public void MayConvene_ByRole_FollowsTheKind(MeetingKind kind, Roles roles, bool expected) =>
        Assert.Equal(expected, MeetingRules.MayConvene(MemberBuilder.Full(1).WithRoles(roles).Build(), kind));

    [Fact]
    public void IsExpected_EachKind_NamesItsAttendees()
    {
        var activist = MemberBuilder.Activist(1).InGroup(7).Build();
        var probationary = MemberBuilder.Probationary(2).InGroup(8).Build();
        var secretary = MemberBuilder.Full(3).InGroup(8).WithRoles(Roles.Secretary).Build();

        Assert.False(MeetingRules.IsExpected(activist, MeetingKind.Committee, null));
        Assert.True(MeetingRules.IsExpected(secretary, MeetingKind.Committee, null));
        Assert.True(MeetingRules.IsExpected(activist, MeetingKind.Group, 7));
        Assert.False(MeetingRules.IsExpected(probationary, MeetingKind.Group, 7));
        Assert.False(MeetingRules.IsExpected(activist, MeetingKind.General, null));
        Assert.True(MeetingRules.IsExpected(probationary, MeetingKind.General, null));
        Assert.True(MeetingRules.IsExpected(activist, MeetingKind.Lecture, null));
    }

    [Theory]
    [InlineData("2026-11-19 13:29:59", CheckInVerdict.TooEarly)]
    [InlineData("2026-11-19 13:30:00", CheckInVerdict.Open)]
    [InlineData("2026-11-19 14:30:00", CheckInVerdict.Open)]
    [InlineData("2026-11-19 14:30:01", CheckInVerdict.TooLate)]
    public void CheckIn_AroundTheStart_IsOpenThirtyMinutesEitherSide(string now, CheckInVerdict expected) =>
        Assert.Equal(expected, MeetingRules.CheckIn(Start, At.Cst(now), MeetingQuotas.Default));

    [Fact]
    public void MaySendAbsence_BeforeOrDuringButNotAfterTheWindow()
    {
        Assert.True(MeetingRules.MaySendAbsence(Start, At.Cst("2026-11-18 09:00:00"), MeetingQuotas.Default));
        Assert.True(MeetingRules.MaySendAbsence(Start, At.Cst("2026-11-19 14:30:00"), MeetingQuotas.Default));
        Assert.False(MeetingRules.MaySendAbsence(Start, At.Cst("2026-11-19 14:31:00"), MeetingQuotas.Default));
    }

    [Fact]
    public void Cancel_MakesTheMeetingNotHeldAndOlderCardsStale()
    {
        var meeting = new Meeting(MeetingKind.General, null, 1, 1, Start, "A101", false, "学习", [1, 2, 2], Start.AddDays(-3), "1:card");
        Assert.True(MeetingRules.MayCancel(meeting, 1, Start.AddHours(-1)));
        Assert.False(MeetingRules.MayCancel(meeting, 2, Start.AddHours(-1)));

        meeting.Cancel(Start.AddHours(-1));

        Assert.Equal(2, meeting.Version);
        Assert.False(meeting.IsHeldBy(Start.AddHours(1)));
        Assert.Equal(2, meeting.Attendees.Count);
    }

    [Fact]
    public void MayWriteMinutes_OnlyTheRecorderOrConvenerAfterTheStart()
    {
        var meeting = new Meeting(MeetingKind.Committee, null, 1, 2, Start, "A101", false, "学习", [1, 2, 3], Start.AddDays(-3), "1:card");
        Assert.False(MeetingRules.MayWriteMinutes(meeting, 2, Start.AddMinutes(-1)));
        Assert.True(MeetingRules.MayWriteMinutes(meeting, 2, Start));
        Assert.True(MeetingRules.MayWriteMinutes(meeting, 1, Start));
        Assert.False(MeetingRules.MayWriteMinutes(meeting, 3, Start));
    }
}

public sealed class SemesterTests
{
    [Theory]
    [InlineData("2026-09-01", "2026-09-01", "2027-01-31")]
    [InlineData("2027-01-31", "2026-09-01", "2027-01-31")]
    [InlineData("2027-02-01", "2027-02-01", "2027-07-31")]
    [InlineData("2028-02-29", "2028-02-01", "2028-07-31")]
    public void Containing_ADate_GivesItsSemester(string date, string start, string end)
    {
        var semester = Semester.Containing(At.Date(date));
        Assert.Equal(new Semester(At.Date(start), At.Date(end)), semester);
    }

    [Fact]
    public void Containing_August_IsTheSummerBreak() => Assert.Null(Semester.Containing(At.Date("2026-08-15")));
}

public sealed class MeetingForecastTests
{
    private static readonly Semester Autumn = Semester.Containing(At.Date("2026-12-20"))!;

    [Fact]
    public void For_TwoOfThreeGeneralMeetings_SaysScheduleOneBeforeTheEnd()
    {
        var progress = MeetingForecast.For(MeetingKind.General, MeetingQuotas.Default, Autumn, [At.Date("2026-09-20"), At.Date("2026-11-01")], At.Date("2026-12-20"));

        Assert.Equal(2, progress.Held);
        Assert.Equal(3, progress.Required);
        Assert.Equal(6, progress.WeeksLeft);
        Assert.Equal(At.Date("2027-01-31"), progress.ScheduleBefore);
        Assert.True(progress.IsBehind);
    }

    [Fact]
    public void For_QuotaMet_HasNoScheduleBefore()
    {
        var progress = MeetingForecast.For(MeetingKind.Lecture, MeetingQuotas.Default, Autumn, [At.Date("2026-09-20"), At.Date("2026-11-01")], At.Date("2026-12-20"));
        Assert.Null(progress.ScheduleBefore);
        Assert.False(progress.IsBehind);
    }

    [Fact]
    public void For_GroupMeetings_CountEachMonthBegunSoFar()
    {
        // 1 Sep – 20 Dec: four months begun, two a month owed → 8 due; December has one, so one more before 31 Dec.
        var held = new[] { "2026-09-10", "2026-09-24", "2026-10-08", "2026-10-22", "2026-11-05", "2026-11-19", "2026-12-03" }.Select(At.Date);
        var progress = MeetingForecast.For(MeetingKind.Group, MeetingQuotas.Default, Autumn, held, At.Date("2026-12-20"));

        Assert.Equal(7, progress.Held);
        Assert.Equal(8, progress.Due);
        Assert.Equal(10, progress.Required);
        Assert.Equal(At.Date("2026-12-31"), progress.ScheduleBefore);
    }

    [Fact]
    public void For_CommitteeMeetings_CountEachWeekFromMonday()
    {
        // Tue 1 Sep is the first (partial) week; Mon 7 Sep begins the second.
        var progress = MeetingForecast.For(MeetingKind.Committee, MeetingQuotas.Default, Autumn, [At.Date("2026-09-02"), At.Date("2026-09-07")], At.Date("2026-09-08"));

        Assert.Equal(2, progress.Held);
        Assert.Equal(2, progress.Due);
        Assert.Null(progress.ScheduleBefore);
        Assert.False(progress.IsBehind);
    }
}

public sealed class AttendanceRulesTests
{
    private static AttendanceRecord R(string day, MeetingAnswer answer) => new(At.Cst(day + " 14:00:00"), answer);

    [Fact]
    public void IsRepeatedlyAbsent_TwoOfTheLastThreeWithoutReason_IsFlagged()
    {
        Assert.True(AttendanceRules.IsRepeatedlyAbsent([R("2026-09-01", MeetingAnswer.CheckedIn), R("2026-10-01", MeetingAnswer.None), R("2026-11-01", MeetingAnswer.None)]));
        Assert.False(AttendanceRules.IsRepeatedlyAbsent([R("2026-09-01", MeetingAnswer.None), R("2026-10-01", MeetingAnswer.None), R("2026-11-01", MeetingAnswer.CheckedIn),
            R("2026-11-08", MeetingAnswer.Absent), R("2026-11-15", MeetingAnswer.CheckedIn)]));
        Assert.False(AttendanceRules.IsRepeatedlyAbsent([R("2026-10-01", MeetingAnswer.Absent), R("2026-11-01", MeetingAnswer.None)]));
    }

    [Fact]
    public void Count_SplitsCheckedInExcusedAndUnexcused() =>
        Assert.Equal(new AttendanceCount(4, 2, 1, 1), AttendanceRules.Count([R("2026-09-01", MeetingAnswer.CheckedIn), R("2026-10-01", MeetingAnswer.CheckedIn),
            R("2026-10-08", MeetingAnswer.Absent), R("2026-11-01", MeetingAnswer.None)]));
}

public sealed class MeetingFiguresTests
{
    [Fact]
    public void For_AYear_CountsHeldMeetingsAgainstQuotaAndAttendance()
    {
        var branch = BranchBuilder.Default;
        var general = new Meeting(MeetingKind.General, null, 1, 1, At.Cst("2026-10-10 14:00:00"), "A101", false, "学习", [1, 2], At.Cst("2026-10-01 09:00:00"), "1:a");
        general.Attendees[0].CheckIn(At.Cst("2026-10-10 14:00:00"));
        general.RecordMinutes("记录", At.Cst("2026-10-10 16:00:00"));
        var cancelled = new Meeting(MeetingKind.General, null, 1, 1, At.Cst("2026-11-10 14:00:00"), "A101", false, "学习", [1, 2], At.Cst("2026-10-01 09:00:00"), "1:b");
        cancelled.Cancel(At.Cst("2026-11-01 09:00:00"));
        var group = new Meeting(MeetingKind.Group, 5, 2, 2, At.Cst("2026-03-10 14:00:00"), "A102", true, "学习", [2], At.Cst("2026-03-01 09:00:00"), "2:a");

        var year = MeetingFigures.For([general, cancelled, group], MeetingQuotas.Default, branch, At.Date("2026-01-01"), At.Date("2026-12-31"), At.Cst("2026-12-31 12:00:00"));

        var generals = year.Kinds.Single(k => k.Kind == MeetingKind.General);
        Assert.Equal(1, generals.Held);
        Assert.Equal(6, generals.Quota); // spring and autumn 2026 start in the year: 3 + 3
        Assert.Equal(1, generals.Minuted);
        Assert.Equal(new AttendanceCount(2, 1, 0, 1), generals.Attendance);
        Assert.Equal(1, year.GroupMeetingsByGroup[5]);
        Assert.Equal(new AttendanceCount(2, 0, 0, 2), year.AttendanceByMember[2]);
    }

    [Fact]
    public void For_OnlySomePeople_CountsTheirAttendanceButEveryMeetingHeld()
    {
        var branch = BranchBuilder.Default;
        var general = new Meeting(MeetingKind.General, null, 1, 1, At.Cst("2026-10-10 14:00:00"), "A101", false, "学习", [1, 2, 3], At.Cst("2026-10-01 09:00:00"), "1:a");
        general.Attendees[0].CheckIn(At.Cst("2026-10-10 14:00:00"));
        general.Attendees[1].SendAbsence("病假", At.Cst("2026-10-10 09:00:00"));

        var year = MeetingFigures.For([general], MeetingQuotas.Default, branch, At.Date("2026-01-01"), At.Date("2026-12-31"), At.Cst("2026-12-31 12:00:00"), new HashSet<int> { 2, 3 });

        var generals = year.Kinds.Single(k => k.Kind == MeetingKind.General);
        Assert.Equal(1, generals.Held);
        Assert.Equal(new AttendanceCount(2, 0, 1, 1), generals.Attendance);
        Assert.False(year.AttendanceByMember.ContainsKey(1));
        Assert.Equal(new AttendanceCount(1, 0, 1, 0), year.AttendanceByMember[2]);
    }
}

public sealed class MeetingQuotasTests
{
    [Fact]
    public void PolicyJson_WithQuotas_RoundTripsAndOldJsonGetsTheSeedsQuotas()
    {
        var policy = new Policy(Policy.Default.Rules, meetings: new MeetingQuotas(committeePerWeek: 2, lecturePerSemester: 4, checkInMinutesAfter: 45));

        var back = Policy.FromJson(policy.ToJson());

        Assert.Equal(policy, back);
        Assert.Equal(4, back.Meetings.LecturePerSemester);
        Assert.Equal(MeetingQuotas.Default, Policy.FromJson("""{"rules":[]}""").Meetings);
    }

    [Theory]
    [InlineData(-1, 30)]
    [InlineData(21, 30)]
    [InlineData(1, 241)]
    public void Constructor_OutOfRange_Throws(int perWeek, int after) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new MeetingQuotas(committeePerWeek: perWeek, checkInMinutesAfter: after));
}
