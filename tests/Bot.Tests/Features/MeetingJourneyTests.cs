using BranchBot.Bot.Cards;
using BranchBot.Bot.Features.Meetings;
using BranchBot.Bot.Tests.Conversation;
using BranchBot.Domain.Meetings;
using Microsoft.EntityFrameworkCore;
using static BranchBot.Bot.Tests.Conversation.ConversationTestBed;

namespace BranchBot.Bot.Tests.Features;

public sealed class MeetingJourneyTests : IAsyncLifetime
{
    // The bed's clock: Thursday 19 November 2026, 10:00 in Shanghai; the meeting is the next day at 14:00.
    private static readonly DateTimeOffset MeetingStart = new(2026, 11, 20, 14, 0, 0, TimeSpan.FromHours(8));
    private ConversationTestBed _bed = null!;

    public async Task InitializeAsync()
    {
        _bed = await StartAsync();
        await _bed.InstallAsync(Secretary, Leader, Probationary, Mentor, Student);
    }

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    private async Task<System.Text.Json.Nodes.JsonObject> FormAsync(Person convener, string kind, string place = "艺设楼 A101")
    {
        var card = (await _bed.SayAsync(convener, "召开会议")).Single(convener).Card();
        return card.SubmitData(Verbs.MeetingsSchedule)
            .With(MeetingFormCard.KindInput, kind)
            .With(MeetingFormCard.DateInput, "2026-11-20")
            .With(MeetingFormCard.TimeInput, "14:00")
            .With(MeetingFormCard.PlaceInput, place)
            .With(MeetingFormCard.TopicInput, "学习**二十大**精神");
    }

    /// <summary>The secretary schedules a general meeting; returns the card each attendee received.</summary>
    private async Task<Turned> ScheduleGeneralAsync() => await _bed.SubmitAsync(Secretary, "form", await FormAsync(Secretary, nameof(MeetingKind.General)));

    private async Task<string> SnapshotAsync()
    {
        await using var db = _bed.Database();
        var meetings = await db.Meetings.AsNoTracking().Include(m => m.Attendees).OrderBy(m => m.Id).ToListAsync();
        return string.Join(";", meetings.Select(m => $"{m.Id}/{m.Version}/{m.Minutes}/{m.CancelledAt}:" +
            string.Join(",", m.Attendees.OrderBy(a => a.MemberId).Select(a => $"{a.MemberId}={a.Answer}/{a.Reason}"))));
    }

    [Fact]
    public async Task Schedule_GeneralMeeting_NotifiesEveryPartyMemberThroughTheLedger()
    {
        var turned = await ScheduleGeneralAsync();

        Assert.Contains("已通知 5 人", Assert.Single(turned.Calls, c => c.Method == "PUT").Card().GetRawText());
        var invitation = turned.Single(Probationary).Card().GetRawText();
        Assert.Contains("党员大会", invitation);
        Assert.Contains("签到", invitation);
        Assert.Contains("\\\\*\\\\*", invitation); // the topic's markdown is neutralised
        Assert.Empty(turned.To(Student)); // activists do not attend the general meeting
        await using var db = _bed.Database();
        var meeting = await db.Meetings.Include(m => m.Attendees).SingleAsync();
        Assert.Equal(MeetingStart, meeting.StartsAt);
        Assert.Equal(5, meeting.Attendees.Count);
        Assert.Equal(5, await db.ReminderDeliveries.CountAsync(r => r.Step == $"meetings:{meeting.Id}:invite"));
    }

    [Fact]
    public async Task Schedule_ClickedTwice_SchedulesOneMeeting()
    {
        var form = await FormAsync(Secretary, nameof(MeetingKind.General));
        await _bed.SubmitAsync(Secretary, "form", form);

        var again = await _bed.SubmitAsync(Secretary, "form", form);

        Assert.Contains("不用重复", again.Single(Secretary).Text());
        await using var db = _bed.Database();
        Assert.Equal(1, await db.Meetings.CountAsync());
    }

    [Fact]
    public async Task Schedule_GeneralMeetingByAGroupLeader_IsRefusedWithTheReasonAndStoresNothing()
    {
        var form = await FormAsync(Leader, nameof(MeetingKind.Group));

        var turned = await _bed.SubmitAsync(Leader, "form", form.With(MeetingFormCard.KindInput, nameof(MeetingKind.General)));

        Assert.Contains("党小组会由本组组长召集", turned.Single(Leader).Text());
        Assert.Equal("", await SnapshotAsync());
    }

    [Fact]
    public async Task Schedule_ByAStudent_IsRefusedInEnglishToo()
    {
        var turned = await _bed.SayAsync(Student, "schedule meeting", "en-US");

        Assert.Contains("the group leader convenes the group meeting", turned.Single(Student).Text());
    }

    [Fact]
    public async Task Schedule_GroupMeetingByTheLeader_InvitesOnlyTheirGroup()
    {
        var turned = await _bed.SubmitAsync(Leader, "form", await FormAsync(Leader, nameof(MeetingKind.Group)));

        Assert.NotEmpty(turned.To(Student));
        Assert.Empty(turned.To(Secretary)); // the secretary is in the second group
        await using var db = _bed.Database();
        Assert.Equal(MeetingKind.Group, (await db.Meetings.SingleAsync()).Kind);
    }

    [Fact]
    public async Task Meeting_CheckedIntoWithAnAbsenceAndMinuted_IsRecorded()
    {
        var scheduled = await ScheduleGeneralAsync();
        var probationCard = scheduled.Single(Probationary).Card();
        var mentorCard = scheduled.Single(Mentor).Card();
        var secretaryCard = scheduled.Single(Secretary).Card();

        var early = await _bed.SubmitAsync(Probationary, "invite", probationCard.SubmitData(Verbs.MeetingsCheckIn));
        Assert.Contains("才开始", early.Single(Probationary).Text());

        var absent = await _bed.SubmitAsync(Mentor, "invite", mentorCard.SubmitData(Verbs.MeetingsAbsent).With(MeetingCard.ReasonInput, "出差"));
        Assert.Contains("已请假", absent.Calls.Single(c => c.Method == "PUT").Card().GetRawText());

        _bed.Time.SetUtcNow(MeetingStart.AddMinutes(-10));
        var checkedIn = await _bed.SubmitAsync(Probationary, "invite", probationCard.SubmitData(Verbs.MeetingsCheckIn));
        Assert.Contains("已签到", checkedIn.Calls.Single(c => c.Method == "PUT").Card().GetRawText());
        var twice = await _bed.SubmitAsync(Probationary, "invite", probationCard.SubmitData(Verbs.MeetingsCheckIn));
        Assert.Contains("已经签到", twice.Single(Probationary).Text());

        _bed.Time.SetUtcNow(MeetingStart.AddHours(2));
        var notRecorder = await _bed.SubmitAsync(Probationary, "invite", secretaryCard.SubmitData(Verbs.MeetingsMinutesForm));
        Assert.Contains("只有记录人或召集人", notRecorder.Single(Probationary).Text());
        var form = (await _bed.SubmitAsync(Secretary, "invite", secretaryCard.SubmitData(Verbs.MeetingsMinutesForm))).Single(Secretary).Card();
        await _bed.SubmitAsync(Secretary, "minutes", form.SubmitData(Verbs.MeetingsMinutesSave).With(MeetingMinutesCard.MinutesInput, "传达学习了会议精神。"));

        await using var db = _bed.Database();
        var meeting = await db.Meetings.Include(m => m.Attendees).SingleAsync();
        Assert.Equal("传达学习了会议精神。", meeting.Minutes);
        var probationaryId = await _bed.MemberIdAsync(Probationary);
        var mentorId = await _bed.MemberIdAsync(Mentor);
        Assert.Equal(MeetingAnswer.CheckedIn, meeting.Attendees.Single(a => a.MemberId == probationaryId).Answer);
        Assert.Equal("出差", meeting.Attendees.Single(a => a.MemberId == mentorId).Reason);
        Assert.Equal(new AttendanceCount(5, 1, 1, 3), AttendanceRules.Count(meeting.Attendees.Select(a => new AttendanceRecord(meeting.StartsAt, a.Answer))));
    }

    [Fact]
    public async Task CheckIn_AfterTheWindow_IsRefusedWithTheReasonAndChangesNothing()
    {
        var card = (await ScheduleGeneralAsync()).Single(Probationary).Card();
        _bed.Time.SetUtcNow(MeetingStart.AddMinutes(31));
        var before = await SnapshotAsync();

        var late = await _bed.SubmitAsync(Probationary, "invite", card.SubmitData(Verbs.MeetingsCheckIn));
        var lateAbsence = await _bed.SubmitAsync(Probationary, "invite", card.SubmitData(Verbs.MeetingsAbsent).With(MeetingCard.ReasonInput, "迟到"));

        Assert.Contains("已于 2026年11月20日 14:30 截止", late.Single(Probationary).Text());
        Assert.Contains("截止", lateAbsence.Single(Probationary).Text());
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Absence_WithoutReason_IsRefused()
    {
        var card = (await ScheduleGeneralAsync()).Single(Probationary).Card();
        var before = await SnapshotAsync();

        var turned = await _bed.SubmitAsync(Probationary, "invite", card.SubmitData(Verbs.MeetingsAbsent));

        Assert.Contains("请先填写请假原因", turned.Single(Probationary).Text());
        Assert.Equal(before, await SnapshotAsync());
    }

    [Theory]
    [InlineData("999999", "1", "不存在")]
    [InlineData("abc", "1", "不存在")]
    [InlineData(null, "2", "已过期")]
    public async Task CheckIn_ForgedOrStaleCard_IsRefusedAndChangesNothing(string? meeting, string version, string expected)
    {
        var card = (await ScheduleGeneralAsync()).Single(Probationary).Card();
        _bed.Time.SetUtcNow(MeetingStart);
        var before = await SnapshotAsync();
        var data = card.SubmitData(Verbs.MeetingsCheckIn).With(MeetingCard.VersionField, version);
        if (meeting is not null) data = data.With(MeetingCard.MeetingField, meeting);

        var turned = await _bed.SubmitAsync(Probationary, "invite", data);

        Assert.Contains(expected, turned.Single(Probationary).Text());
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task CheckIn_BySomeoneNotInvited_IsRefused()
    {
        var card = (await ScheduleGeneralAsync()).Single(Probationary).Card();
        _bed.Time.SetUtcNow(MeetingStart);
        var before = await SnapshotAsync();

        var turned = await _bed.SubmitAsync(Student, "invite", card.SubmitData(Verbs.MeetingsCheckIn));

        Assert.Contains("不在这次会议的参会名单上", turned.Single(Student).Text());
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task Summary_AfterTwoGeneralMeetings_CountsThemAgainstTheQuotaAndFlagsRepeatedAbsence()
    {
        var first = await ScheduleGeneralAsync();
        _bed.Time.SetUtcNow(MeetingStart);
        await _bed.SubmitAsync(Probationary, "invite", first.Single(Probationary).Card().SubmitData(Verbs.MeetingsCheckIn));
        var second = (await _bed.SayAsync(Secretary, "召开会议")).Single(Secretary).Card().SubmitData(Verbs.MeetingsSchedule)
            .With(MeetingFormCard.KindInput, nameof(MeetingKind.General)).With(MeetingFormCard.DateInput, "2026-11-27").With(MeetingFormCard.TimeInput, "14:00")
            .With(MeetingFormCard.PlaceInput, "A101").With(MeetingFormCard.TopicInput, "组织生活");
        await _bed.SubmitAsync(Secretary, "form2", second);
        _bed.Time.SetUtcNow(MeetingStart.AddDays(7).AddHours(3));

        var summary = (await _bed.SayAsync(Secretary, "支部统计")).Single(Secretary).Card().GetRawText();

        Assert.Contains("党员大会", summary);
        Assert.Contains("已开 2 / 3 次，还剩 9 周：请在 2027年1月31日 前安排一次", summary);
        Assert.Contains("多次无故缺席", summary);
        Assert.Contains("赵老师", summary); // expected at both, answered neither
        Assert.Contains("签到 0 / 2，请假 0，缺席 2", summary);
        var status = (await _bed.SayAsync(Probationary, "我的状态")).Single(Probationary).Card().GetRawText();
        Assert.Contains("三会一课（本学期）：签到 1 / 2，请假 0，缺席 1", status);
        Assert.DoesNotContain("周六\",\"value\":\"签到 0", summary);
    }
}
