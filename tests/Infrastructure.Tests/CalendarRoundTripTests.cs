using BranchBot.Domain;
using BranchBot.Domain.Calendar;
using BranchBot.Infrastructure.Queries;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Infrastructure.Tests;

public sealed class CalendarRoundTripTests
{
    private static readonly Branch Branch = new("测试支部", TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"), new DateOnly(2026, 1, 1));

    [Fact]
    public async Task SaveSpansAndLeave_ReadWithTheFacts_MoveTheDueDateAndExcuse()
    {
        using var database = new TestDatabase();
        int away, present;
        await using (var setup = database.NewContext())
        {
            await setup.Database.MigrateAsync();
            var group = new Group("第一小组");
            setup.Groups.Add(group);
            await setup.SaveChangesAsync();
            var a = new Member("2025001", "张三", group.Id, Stage.Activist, new DateOnly(2026, 3, 1));
            var b = new Member("2025002", "李四", group.Id, Stage.Activist, new DateOnly(2026, 3, 1));
            setup.Members.AddRange(a, b);
            await setup.SaveChangesAsync();
            (away, present) = (a.Id, b.Id);
            setup.CalendarSpans.AddRange(
                new CalendarSpan(SpanKind.Semester, new DateOnly(2026, 9, 1), new DateOnly(2027, 1, 17)),
                new CalendarSpan(SpanKind.ExamWeek, new DateOnly(2027, 1, 11), new DateOnly(2027, 1, 17)),
                new CalendarSpan(SpanKind.WinterVacation, new DateOnly(2027, 1, 18), new DateOnly(2027, 2, 28)));
            setup.Leaves.Add(new Leave(away, LeaveKind.Exchange, new DateOnly(2027, 1, 1), new DateOnly(2027, 1, 31), "交换 东京", null,
                new DateTimeOffset(2026, 12, 20, 10, 0, 0, TimeSpan.FromHours(8))));
            await setup.SaveChangesAsync();
        }

        await using var db = database.NewContext();
        var facts = await new FactReader(db).ForBranchAsync(Policy.Default, new DateOnly(2026, 12, 1), new DateOnly(2027, 2, 10), ct: default);
        Assert.Equal([SpanKind.Semester, SpanKind.ExamWeek, SpanKind.WinterVacation], facts.Calendar.Spans.OrderBy(s => s.Start).ThenBy(s => s.Kind).Select(s => s.Kind));
        var leave = Assert.Single(facts.Calendar.Leaves);
        Assert.Equal((LeaveKind.Exchange, "交换 东京", (int?)null), (leave.Kind, leave.Reason, leave.RecordedById));

        var members = await db.Members.AsNoTracking().WithStageHistory().ToListAsync();
        var schedule = new ObligationSchedule(Branch, Policy.Default, members, facts);
        var january = new DateOnly(2027, 1, 15);
        var now = new DateTimeOffset(2027, 2, 10, 12, 0, 0, TimeSpan.FromHours(8));
        var presentsJanuary = schedule.OwedBy(members.Single(m => m.Id == present), january, january).Single();
        var awaysJanuary = schedule.OwedBy(members.Single(m => m.Id == away), january, january).Single();

        Assert.Equal(new DateOnly(2027, 3, 1), presentsJanuary.DueDate);
        Assert.Equal(ObligationStatus.Due, presentsJanuary.StatusOn(now));
        Assert.Equal(ObligationStatus.Excused, awaysJanuary.StatusOn(now));
    }
}
