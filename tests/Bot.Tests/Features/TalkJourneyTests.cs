using BranchBot.Bot.Cards;
using BranchBot.Bot.Features.Talks;
using BranchBot.Bot.Tests.Conversation;
using BranchBot.Domain;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Bot.Tests.Features;

public sealed class TalkJourneyTests : IAsyncLifetime
{
    private ConversationTestBed _bed = null!;

    public async Task InitializeAsync()
    {
        _bed = await ConversationTestBed.StartAsync();
        await _bed.InstallAsync(ConversationTestBed.Mentor, ConversationTestBed.Student);
    }

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    private async Task<System.Text.Json.JsonElement> OpenFormAsync()
    {
        var turned = await _bed.SayAsync(ConversationTestBed.Mentor, "记录谈话");
        return turned.Single(ConversationTestBed.Mentor).Card();
    }

    private async Task<System.Text.Json.Nodes.JsonObject> FilledAsync(Person mentee, string date = "2026-11-18")
    {
        var card = await OpenFormAsync();
        return card.SubmitData(Verbs.TalkSubmit)
            .With(TalkFormCard.MenteeInput, (await _bed.MemberIdAsync(mentee)).ToString(System.Globalization.CultureInfo.InvariantCulture))
            .With(TalkFormCard.DateInput, date)
            .With(TalkFormCard.ModeInput, "Online")
            .With(TalkFormCard.TopicInput, "学习党章")
            .With(TalkFormCard.SummaryInput, "交流了学习体会，**很好**。");
    }

    [Fact]
    public async Task LogTalk_ForMentor_OffersOnlyTheirOwnMenteesOnAPhoneCard()
    {
        var card = await OpenFormAsync();

        Assert.Equal("1.2", card.GetProperty("version").GetString());
        var json = card.GetRawText();
        Assert.Contains("张三", json);
        Assert.Contains("李四", json);
        Assert.DoesNotContain("王五", json);
        Assert.Contains("\"max\":\"2026-11-19\"", json);
    }

    [Fact]
    public async Task SaveTalk_WithOwnMentee_StoresItAndReplacesTheForm()
    {
        var data = await FilledAsync(ConversationTestBed.Student);

        var turned = await _bed.SubmitAsync(ConversationTestBed.Mentor, "talk-card", data);

        Assert.Contains("张三", Assert.Single(turned.Calls, c => c.Method == "PUT").Card().GetRawText());
        await using var db = _bed.Database();
        var talk = await db.Talks.SingleAsync();
        Assert.Equal(await _bed.MemberIdAsync(ConversationTestBed.Student), talk.MenteeId);
        Assert.Equal(await _bed.MemberIdAsync(ConversationTestBed.Mentor), talk.MentorId);
        Assert.Equal(new DateOnly(2026, 11, 18), talk.Date);
        Assert.Equal(TalkMode.Online, talk.Mode);
        Assert.Equal("交流了学习体会，**很好**。", talk.Summary);
    }

    [Fact]
    public async Task SaveTalk_ClickedTwice_StoresOneTalk()
    {
        var data = await FilledAsync(ConversationTestBed.Student);
        await _bed.SubmitAsync(ConversationTestBed.Mentor, "talk-card", data);

        var again = await _bed.SubmitAsync(ConversationTestBed.Mentor, "talk-card", data);

        Assert.Contains("不用重复", again.Single(ConversationTestBed.Mentor).Text());
        await using var db = _bed.Database();
        Assert.Equal(1, await db.Talks.CountAsync());
    }

    [Theory]
    [InlineData("2026-11-20", "还没到")]
    [InlineData("2026-03-01", "早于本阶段")]
    [InlineData("2026-02-30", "日期无效")]
    [InlineData("yesterday", "日期无效")]
    public async Task SaveTalk_BadDate_IsRefusedAndStoresNothing(string date, string expected)
    {
        var data = await FilledAsync(ConversationTestBed.Student, date);

        var turned = await _bed.SubmitAsync(ConversationTestBed.Mentor, "talk-card", data);

        Assert.Contains(expected, turned.Single(ConversationTestBed.Mentor).Text());
        await using var db = _bed.Database();
        Assert.Equal(0, await db.Talks.CountAsync());
    }

    [Fact]
    public async Task SaveTalk_WithSomeoneElsesMentee_IsRefused()
    {
        var data = await FilledAsync(ConversationTestBed.OtherGroupStudent);

        var turned = await _bed.SubmitAsync(ConversationTestBed.Mentor, "talk-card", data);

        Assert.Contains("不是你的培养对象", turned.Single(ConversationTestBed.Mentor).Text());
        await using var db = _bed.Database();
        Assert.Equal(0, await db.Talks.CountAsync());
    }

    [Fact]
    public async Task SaveTalk_WithoutSummary_AsksForIt()
    {
        var data = (await FilledAsync(ConversationTestBed.Student)).With(TalkFormCard.SummaryInput, "");

        var turned = await _bed.SubmitAsync(ConversationTestBed.Mentor, "talk-card", data);

        Assert.Contains("请填写：谈话内容", turned.Single(ConversationTestBed.Mentor).Text());
    }

    [Fact]
    public async Task LogTalk_ForAStudentWithoutMentees_SaysSo()
    {
        var turned = await _bed.SayAsync(ConversationTestBed.Student, "log talk", "en-US");

        Assert.Contains("no mentees", turned.Single(ConversationTestBed.Student).Text());
    }
}
