using System.Globalization;
using System.Text.Json;
using BranchBot.Bot.Cards;
using BranchBot.Bot.Features.Talks;
using BranchBot.Bot.Tests.Conversation;
using BranchBot.Domain;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Bot.Tests.Features;

public sealed class TalkConfirmationJourneyTests : IAsyncLifetime
{
    private ConversationTestBed _bed = null!;
    private static readonly Person Mentor = ConversationTestBed.Mentor;
    private static readonly Person Mentee = ConversationTestBed.Student;

    public async Task InitializeAsync()
    {
        _bed = await ConversationTestBed.StartAsync();
        await _bed.InstallAsync(Mentor, Mentee, ConversationTestBed.Student2, ConversationTestBed.Stranger);
    }

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    /// <summary>The mentor logs a talk with the mentee; returns the card the mentee got.</summary>
    private async Task<JsonElement> LogTalkAsync()
    {
        var form = (await _bed.SayAsync(Mentor, "记录谈话")).Single(Mentor).Card().SubmitData(Verbs.TalkSubmit)
            .With(TalkFormCard.MenteeInput, (await _bed.MemberIdAsync(Mentee)).ToString(CultureInfo.InvariantCulture))
            .With(TalkFormCard.DateInput, "2026-11-18")
            .With(TalkFormCard.TopicInput, "学习党章")
            .With(TalkFormCard.SummaryInput, "交流了学习体会。");
        var turned = await _bed.SubmitAsync(Mentor, "talk-form", form);
        return turned.Single(Mentee).Card();
    }

    [Fact]
    public async Task LoggedTalk_MenteeConfirmsWithOneTap_RecordShowsItConfirmed()
    {
        var card = await LogTalkAsync();
        Assert.Equal("1.2", card.GetProperty("version").GetString());
        Assert.Contains("学习党章", card.GetRawText());

        var turned = await _bed.SubmitAsync(Mentee, "answer", card.SubmitData(Verbs.TalkAnswer));

        Assert.Contains("已确认", Assert.Single(turned.Calls, c => c.Method == "PUT").Card().GetRawText());
        Assert.Empty(turned.To(Mentor));
        await using var db = _bed.Database();
        var answer = await db.TalkConfirmations.SingleAsync();
        Assert.Equal((TalkAnswer.Confirmed, await _bed.MemberIdAsync(Mentee), ""), (answer.Answer, answer.MenteeId, answer.Note));
        Assert.Equal((await db.Talks.SingleAsync()).Id, answer.TalkId);
        var status = (await _bed.SayAsync(Mentor, "我的状态")).Single(Mentor).Card().GetRawText();
        Assert.Contains("最近谈话 2026年11月18日，本人已确认", status);
    }

    [Fact]
    public async Task LoggedTalk_MenteeDisputesWithANote_MentorIsToldAndTheRecordKeepsBoth()
    {
        var data = (await LogTalkAsync()).SubmitData(Verbs.TalkAnswer).With(TalkAnswerCard.AnswerField, TalkAnswerCard.Dispute);

        var noNote = await _bed.SubmitAsync(Mentee, "answer", data);
        var turned = await _bed.SubmitAsync(Mentee, "answer", data.With(TalkAnswerCard.NoteInput, "那天我们只是打了招呼"));

        Assert.Contains("需要说明", noNote.Single(Mentee).Text());
        Assert.Contains("那天我们只是打了招呼", turned.Single(Mentor).Text());
        await using var db = _bed.Database();
        var answer = await db.TalkConfirmations.SingleAsync();
        Assert.Equal((TalkAnswer.Disputed, "那天我们只是打了招呼"), (answer.Answer, answer.Note));
        Assert.Equal("交流了学习体会。", (await db.Talks.SingleAsync()).Summary);
        Assert.Contains("本人有异议", (await _bed.SayAsync(Mentor, "我的状态")).Single(Mentor).Card().GetRawText());
    }

    [Fact]
    public async Task Answer_ByAnyoneButTheMentee_IsRefusedAndStoresNothing()
    {
        var data = (await LogTalkAsync()).SubmitData(Verbs.TalkAnswer);

        foreach (var other in new[] { ConversationTestBed.Student2, Mentor })
        {
            var turned = await _bed.SubmitAsync(other, "answer", data);
            Assert.DoesNotContain(turned.Calls, c => c.Method == "PUT");
            Assert.Contains("只有这次谈话的谈话对象本人", turned.Single(other).Text());
        }
        var stranger = await _bed.SubmitAsync(ConversationTestBed.Stranger, "answer", data);
        Assert.DoesNotContain(stranger.Calls, c => c.Method == "PUT");
        var forged = await _bed.SubmitAsync(Mentee, "answer", data.With(TalkAnswerCard.TalkField, "424242"));
        Assert.Contains("不存在", forged.Single(Mentee).Text());

        await using var db = _bed.Database();
        Assert.Equal(0, await db.TalkConfirmations.CountAsync());
    }

    [Fact]
    public async Task Answer_Twice_KeepsTheFirstAndSaysSo()
    {
        var data = (await LogTalkAsync()).SubmitData(Verbs.TalkAnswer);
        await _bed.SubmitAsync(Mentee, "answer", data);

        var again = await _bed.SubmitAsync(Mentee, "answer", data.With(TalkAnswerCard.AnswerField, TalkAnswerCard.Dispute).With(TalkAnswerCard.NoteInput, "改主意"));

        Assert.Contains("已经答复过了", again.Single(Mentee).Text());
        await using var db = _bed.Database();
        Assert.Equal(TalkAnswer.Confirmed, (await db.TalkConfirmations.SingleAsync()).Answer);
    }
}

public sealed class CountdownJourneyTests : IAsyncLifetime
{
    private ConversationTestBed _bed = null!;

    public async Task InitializeAsync()
    {
        _bed = await ConversationTestBed.StartAsync();
        await _bed.InstallAsync(ConversationTestBed.Student, ConversationTestBed.Probationary, ConversationTestBed.Mentor);
    }

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    private async Task<string> StatusAsync(Person person) => (await _bed.SayAsync(person, "我的状态")).Single(person).Card().GetRawText();

    [Fact]
    public async Task MyStatus_Activist_SaysWhenTheyMayBecomeADevelopmentTarget()
    {
        var status = await StatusAsync(ConversationTestBed.Student);

        Assert.Contains("积极分子（自 2026年3月15日 起）", status);
        Assert.Contains("2027年3月15日 起可列为发展对象（还有 116 天）", status);
    }

    [Fact]
    public async Task MyStatus_ProbationaryMember_SaysWhenProbationEnds()
    {
        Assert.Contains("预备期 2027年6月1日 届满（还有 194 天）", await StatusAsync(ConversationTestBed.Probationary));
    }

    [Fact]
    public async Task MyStatus_Mentor_SeesEachMenteesStageAndWhatComesNext()
    {
        var status = await StatusAsync(ConversationTestBed.Mentor);

        Assert.Contains("张三（培养对象）：入党积极分子，自 2026年3月15日 · 2027年3月15日 起可为发展对象", status);
        Assert.Contains("李四（培养对象）", status);
        Assert.DoesNotContain("王五", status);
        Assert.DoesNotContain("起可列为发展对象", status);
    }
}
