using System.Globalization;
using System.Text.Json.Nodes;
using BranchBot.Bot.Cards;
using BranchBot.Bot.Features.Calendar;
using BranchBot.Bot.Tests.Conversation;
using BranchBot.Domain.Calendar;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Bot.Tests.Features.Calendar;

/// <summary>校历 from the committee's card: a span added moves a deadline at once, removed moves it back; bad spans are refused with reasons.</summary>
public sealed class SpanCardJourneyTests : IAsyncLifetime
{
    private ConversationTestBed _bed = null!;

    public async Task InitializeAsync()
    {
        _bed = await ConversationTestBed.StartAsync();
        await _bed.InstallAsync(ConversationTestBed.Secretary, ConversationTestBed.Leader, ConversationTestBed.Student);
    }

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    private async Task<JsonObject> AddFormAsync(SpanKind kind, string first, string last)
    {
        var card = (await _bed.SayAsync(ConversationTestBed.Secretary, "校历")).Single(ConversationTestBed.Secretary).Card();
        Assert.Equal("1.2", card.GetProperty("version").GetString());
        return card.SubmitData(Verbs.CalendarSpanAdd).With(SpanCard.KindInput, kind.ToString()).With(SpanCard.StartInput, first).With(SpanCard.EndInput, last);
    }

    private async Task<string> OverdueAsync() => (await _bed.SayAsync(ConversationTestBed.Leader, "逾期")).Single(ConversationTestBed.Leader).Card().GetRawText();

    [Fact]
    public async Task AddSpan_ExamWeekOverOctobersDueDate_MovesItAtOnceAndRemovingMovesItBack()
    {
        var added = await _bed.SubmitAsync(ConversationTestBed.Secretary, "spans-card", await AddFormAsync(SpanKind.ExamWeek, "2026-10-26", "2026-11-06"));
        var moved = await OverdueAsync();

        Assert.Contains("已添加考试周：2026年10月26日至2026年11月6日", added.Single(ConversationTestBed.Secretary).Text());
        Assert.Contains("2026年11月7日", moved);
        Assert.DoesNotContain("2026年10月31日", moved);

        await using (var db = _bed.Database())
        {
            var span = await db.CalendarSpans.SingleAsync();
            Assert.Equal((SpanKind.ExamWeek, new DateOnly(2026, 10, 26), new DateOnly(2026, 11, 6)), (span.Kind, span.Start, span.End));
        }
        var card = (await _bed.SayAsync(ConversationTestBed.Secretary, "校历")).Single(ConversationTestBed.Secretary).Card();
        var remove = card.SubmitData(Verbs.CalendarSpanRemove).With(SpanCard.RemoveInput, (await SpanIdAsync()).ToString(CultureInfo.InvariantCulture));
        var removed = await _bed.SubmitAsync(ConversationTestBed.Secretary, "spans-card", remove);
        var twice = await _bed.SubmitAsync(ConversationTestBed.Secretary, "spans-card", remove);
        var back = await OverdueAsync();

        Assert.Contains("已删除考试周", removed.Single(ConversationTestBed.Secretary).Text());
        Assert.Contains("校历中没有这个时段", twice.Single(ConversationTestBed.Secretary).Text());
        Assert.Contains("2026年10月31日", back);
        await using var after = _bed.Database();
        Assert.Equal(0, await after.CalendarSpans.CountAsync());
    }

    [Fact]
    public async Task AddSpan_BackwardsOverlappingOrFromALeader_IsRefusedSayingWhyAndStoresNothingMore()
    {
        await _bed.SubmitAsync(ConversationTestBed.Secretary, "spans-card", await AddFormAsync(SpanKind.Semester, "2026-09-01", "2027-01-17"));

        var backwards = await _bed.SubmitAsync(ConversationTestBed.Secretary, "spans-card", await AddFormAsync(SpanKind.ExamWeek, "2027-01-17", "2027-01-11"));
        var overlapping = await _bed.SubmitAsync(ConversationTestBed.Secretary, "spans-card", await AddFormAsync(SpanKind.Semester, "2027-01-10", "2027-06-30"));
        var forgedKind = await _bed.SubmitAsync(ConversationTestBed.Secretary, "spans-card", (await AddFormAsync(SpanKind.ExamWeek, "2027-01-11", "2027-01-17")).With(SpanCard.KindInput, "Holiday"));
        var byLeader = await _bed.SubmitAsync(ConversationTestBed.Leader, "spans-card", await AddFormAsync(SpanKind.ExamWeek, "2027-01-11", "2027-01-17"));
        var typedByStudent = await _bed.SayAsync(ConversationTestBed.Student, "academic calendar", "en-US");
        // An exam week inside the semester is another kind: fine.
        var inside = await _bed.SubmitAsync(ConversationTestBed.Secretary, "spans-card", await AddFormAsync(SpanKind.ExamWeek, "2027-01-11", "2027-01-17"));

        Assert.Contains("最后一天（2027年1月11日）早于第一天（2027年1月17日）", backwards.Single(ConversationTestBed.Secretary).Text());
        Assert.Contains("与已有的学期（2026年9月1日至2027年1月17日）重叠", overlapping.Single(ConversationTestBed.Secretary).Text());
        Assert.NotEmpty(forgedKind.Single(ConversationTestBed.Secretary).Text());
        Assert.Contains("无权", byLeader.Single(ConversationTestBed.Leader).Text());
        Assert.Contains("does not allow", typedByStudent.Single(ConversationTestBed.Student).Text());
        Assert.Contains("已添加考试周", inside.Single(ConversationTestBed.Secretary).Text());
        await using var db = _bed.Database();
        Assert.Equal([SpanKind.Semester, SpanKind.ExamWeek], (await db.CalendarSpans.ToListAsync()).OrderBy(s => s.Start).Select(s => s.Kind));
    }

    private async Task<long> SpanIdAsync()
    {
        await using var db = _bed.Database();
        return await db.CalendarSpans.Select(s => s.Id).SingleAsync();
    }
}
