using BranchBot.Domain;
using BranchBot.Domain.Meetings;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Infrastructure.Tests;

public sealed class MeetingRoundTripTests
{
    [Fact]
    public async Task SaveMeeting_WithAttendeesAndAnswers_ReadsBackTheSame()
    {
        using var database = new TestDatabase();
        await using (var setup = database.NewContext())
        {
            await setup.Database.MigrateAsync();
            var group = new Group("第一小组");
            setup.Groups.Add(group);
            await setup.SaveChangesAsync();
            setup.Members.AddRange(
                new Member("2023001", "钱组长", group.Id, Stage.Full, new DateOnly(2024, 6, 1), Roles.GroupLeader),
                new Member("2025001", "张三", group.Id, Stage.Activist, new DateOnly(2026, 3, 15)));
            await setup.SaveChangesAsync();
            var ids = await setup.Members.OrderBy(m => m.StudentNumber).Select(m => m.Id).ToListAsync();
            var starts = new DateTimeOffset(2026, 11, 19, 6, 0, 0, TimeSpan.Zero);
            var meeting = new Meeting(MeetingKind.Group, group.Id, ids[0], ids[0], starts, "A101", false, "学习党章", ids, starts.AddDays(-2), $"{ids[0]}:card");
            setup.Meetings.Add(meeting);
            await setup.SaveChangesAsync();
            meeting.Attendees.Single(a => a.MemberId == ids[0]).CheckIn(starts);
            meeting.Attendees.Single(a => a.MemberId == ids[1]).SendAbsence("考试", starts.AddHours(-1));
            meeting.RecordMinutes("讨论了学习安排。", starts.AddHours(2));
            await setup.SaveChangesAsync();
        }

        await using var db = database.NewContext();
        var back = await db.Meetings.Include(m => m.Attendees).SingleAsync();
        Assert.Equal(MeetingKind.Group, back.Kind);
        Assert.Equal(new DateTimeOffset(2026, 11, 19, 6, 0, 0, TimeSpan.Zero), back.StartsAt);
        Assert.Equal("讨论了学习安排。", back.Minutes);
        Assert.Equal([MeetingAnswer.CheckedIn, MeetingAnswer.Absent], back.Attendees.OrderBy(a => a.MemberId).Select(a => a.Answer));
        Assert.Equal("考试", back.Attendees.Single(a => a.Answer == MeetingAnswer.Absent).Reason);
    }
}
