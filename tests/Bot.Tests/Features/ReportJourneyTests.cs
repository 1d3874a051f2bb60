using System.Text.Json.Nodes;
using BranchBot.Bot.Cards;
using BranchBot.Bot.Features.Reports;
using BranchBot.Bot.Tests.Conversation;
using BranchBot.Domain;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Bot.Tests.Features;

public sealed class ReportJourneyTests : IAsyncLifetime
{
    private ConversationTestBed _bed = null!;
    private static readonly string GoodReport = string.Concat(Enumerable.Repeat("认真学习党章，联系自身实际，找差距明方向。", 12));

    public async Task InitializeAsync()
    {
        _bed = await ConversationTestBed.StartAsync(trackingStartsOn: "2026-11-01");
        await _bed.InstallAsync(ConversationTestBed.Student, ConversationTestBed.Leader);
    }

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    private async Task<(string CardActivityId, JsonObject Submit)> OpenFormAsync()
    {
        var turned = await _bed.SayAsync(ConversationTestBed.Student, "交思想汇报");
        var call = turned.Single(ConversationTestBed.Student);
        var card = call.Card();
        return ("activity-sent-form", card.SubmitData(Verbs.ReportSubmit));
    }

    [Fact]
    public async Task SubmitReportCommand_ForActivist_ShowsThisMonthsFormInChinese()
    {
        var turned = await _bed.SayAsync(ConversationTestBed.Student, "交思想汇报");

        var card = turned.Single(ConversationTestBed.Student).Card();
        Assert.Equal("1.2", card.GetProperty("version").GetString());
        var data = card.SubmitData(Verbs.ReportSubmit);
        Assert.Equal("2026-11", data["period"]!.GetValue<string>());
        Assert.Equal("ThoughtReport", data["kind"]!.GetValue<string>());
        Assert.Contains("思想汇报", card.GetRawText());
    }

    [Fact]
    public async Task Submit_ValidReport_StoresItAndReplacesTheCardWithAReceipt()
    {
        var (cardId, submit) = await OpenFormAsync();

        var turned = await _bed.SubmitAsync(ConversationTestBed.Student, cardId, submit.With(ReportFormCard.TextInput, GoodReport));

        var update = Assert.Single(turned.Calls, c => c.Method == "PUT");
        Assert.Equal(cardId, update.ActivityId);
        Assert.Contains("已收到", update.Card().GetRawText());
        await using var db = _bed.Database();
        var stored = await db.Submissions.SingleAsync();
        Assert.Equal(GoodReport, stored.Text);
        Assert.Equal(Period.Parse("2026-11"), stored.Period);
        Assert.Equal(1, stored.Version);
        Assert.Equal(_bed.Time.GetUtcNow(), stored.SubmittedAt);
    }

    [Fact]
    public async Task Submit_SameCardTwice_StoresOneReportAndSaysAlreadyReceived()
    {
        var (cardId, submit) = await OpenFormAsync();
        var value = submit.With(ReportFormCard.TextInput, GoodReport);
        await _bed.SubmitAsync(ConversationTestBed.Student, cardId, value);

        var second = await _bed.SubmitAsync(ConversationTestBed.Student, cardId, value);

        Assert.DoesNotContain(second.Calls, c => c.Method == "PUT");
        Assert.Contains("不用重复", second.Single(ConversationTestBed.Student).Text());
        await using var db = _bed.Database();
        Assert.Equal(1, await db.Submissions.CountAsync());
    }

    [Fact]
    public async Task Submit_ReplayedCardWithOtherText_IsRefusedAndKeepsTheFirst()
    {
        var (cardId, submit) = await OpenFormAsync();
        await _bed.SubmitAsync(ConversationTestBed.Student, cardId, submit.With(ReportFormCard.TextInput, GoodReport));

        var replay = await _bed.SubmitAsync(ConversationTestBed.Student, cardId, submit.With(ReportFormCard.TextInput, GoodReport + "补充"));

        Assert.Contains("已于", replay.Single(ConversationTestBed.Student).Text());
        await using var db = _bed.Database();
        Assert.Equal(GoodReport, (await db.Submissions.SingleAsync()).Text);
    }

    [Fact]
    public async Task Submit_FromANewCardInTheSamePeriod_KeepsBothVersions()
    {
        var (firstCard, first) = await OpenFormAsync();
        await _bed.SubmitAsync(ConversationTestBed.Student, firstCard, first.With(ReportFormCard.TextInput, GoodReport));
        var (secondCard, second) = await OpenFormAsync();

        var turned = await _bed.SubmitAsync(ConversationTestBed.Student, secondCard, second.With(ReportFormCard.TextInput, GoodReport + "修订"));

        Assert.Contains("第 2 版", Assert.Single(turned.Calls, c => c.Method == "PUT").Card().GetRawText());
        await using var db = _bed.Database();
        Assert.Equal([1, 2], await db.Submissions.OrderBy(s => s.Version).Select(s => s.Version).ToListAsync());
    }

    [Fact]
    public async Task Submit_TwoCardsOfTheSamePeriodAtOnce_KeepsBothAsVersionsOneAndTwo()
    {
        var (firstCard, first) = await OpenFormAsync();
        var (secondCard, second) = await OpenFormAsync();

        var turns = await Task.WhenAll(
            _bed.SubmitAsync(ConversationTestBed.Student, firstCard, first.With(ReportFormCard.TextInput, GoodReport)),
            _bed.SubmitAsync(ConversationTestBed.Student, secondCard, second.With(ReportFormCard.TextInput, GoodReport + "另一版")));

        Assert.All(turns, t => Assert.Equal(200, t.Status));
        await using var db = _bed.Database();
        var stored = await db.Submissions.OrderBy(s => s.Version).ToListAsync();
        Assert.Equal([1, 2], stored.Select(s => s.Version));
        Assert.Equal([GoodReport, GoodReport + "另一版"], stored.Select(s => s.Text).Order());
    }

    public static TheoryData<string, string, string> BadSubmissions() => new()
    {
        { "text", "太短了", "太短" },
        { "text", new string('字', 20_001), "太长" },
        { "text", "   ", "请填写" },
        { "period", "2026-13", "期次无效" },
        { "period", "2026-12", "还没有开始" },
        { "period", "2026-09", "已结束" },
        { "kind", "BranchReport", "无权" },
        { "kind", "Talk", "无权" },
        { "kind", "3", "请从选项中选择" },
    };

    [Theory]
    [MemberData(nameof(BadSubmissions))]
    public async Task Submit_BadInput_IsRefusedInChineseAndStoresNothing(string field, string value, string expected)
    {
        var (cardId, submit) = await OpenFormAsync();
        var data = submit.With(ReportFormCard.TextInput, GoodReport).With(field, value);

        var turned = await _bed.SubmitAsync(ConversationTestBed.Student, cardId, data);

        Assert.DoesNotContain(turned.Calls, c => c.Method == "PUT");
        Assert.Contains(expected, turned.Single(ConversationTestBed.Student).Text());
        await using var db = _bed.Database();
        Assert.Equal(0, await db.Submissions.CountAsync());
    }

    [Fact]
    public async Task Submit_UnknownVerb_IsRefused()
    {
        var turned = await _bed.SubmitAsync(ConversationTestBed.Student, null, new JsonObject { ["verb"] = "admin.dropTables", ["cardId"] = "x" });

        Assert.Contains("不认识", turned.Single(ConversationTestBed.Student).Text());
    }

    [Fact]
    public async Task Submit_ValueThatIsNotAnObject_IsRefused()
    {
        var turned = await _bed.SubmitAsync(ConversationTestBed.Student, null, JsonValue.Create("just a string")!);

        Assert.Equal(200, turned.Status);
        Assert.NotEmpty(turned.Single(ConversationTestBed.Student).Text());
    }

    [Fact]
    public async Task ActionExecute_ValidReport_ReturnsTheReceiptAsTheInvokeResponse()
    {
        var (_, submit) = await OpenFormAsync();

        var (_, response) = await _bed.InvokeAsync(ConversationTestBed.Student, "card-1", submit.With(ReportFormCard.TextInput, GoodReport));

        Assert.Equal(200, response.GetProperty("statusCode").GetInt32());
        Assert.Equal("application/vnd.microsoft.card.adaptive", response.GetProperty("type").GetString());
        Assert.Contains("已收到", response.GetProperty("value").GetRawText());
        await using var db = _bed.Database();
        Assert.Equal(1, await db.Submissions.CountAsync());
    }

    [Fact]
    public async Task AskForMoreTime_ThenLeaderApproves_MovesTheDeadlineAndTellsTheStudent()
    {
        var (cardId, submit) = await OpenFormAsync();
        var request = submit.With("verb", Verbs.ExtensionRequest).With(ReportFormCard.ReasonInput, "本周考试");

        var asked = await _bed.SubmitAsync(ConversationTestBed.Student, cardId, request);

        Assert.Contains("钱组长", asked.Single(ConversationTestBed.Student).Text());
        var decisionCard = asked.Single(ConversationTestBed.Leader).Card();
        Assert.Contains("本周考试", decisionCard.GetRawText());

        var approved = await _bed.SubmitAsync(ConversationTestBed.Leader, "leader-card", decisionCard.SubmitData(Verbs.ExtensionDecide));

        Assert.Contains("批准", Assert.Single(approved.Calls, c => c.Method == "PUT").Card().GetRawText());
        Assert.Contains("12月7日", approved.Single(ConversationTestBed.Student).Text());
        await using var db = _bed.Database();
        var extension = await db.Extensions.SingleAsync();
        Assert.Equal(ExtensionStatus.Approved, extension.Status);
        Assert.Equal(new DateOnly(2026, 12, 7), extension.RequestedUntil);
    }

    [Fact]
    public async Task DecideExtension_ByTheStudentThemself_IsNotPermitted()
    {
        var (cardId, submit) = await OpenFormAsync();
        var asked = await _bed.SubmitAsync(ConversationTestBed.Student, cardId, submit.With("verb", Verbs.ExtensionRequest).With(ReportFormCard.ReasonInput, "生病"));
        var decision = asked.Single(ConversationTestBed.Leader).Card().SubmitData(Verbs.ExtensionDecide);

        var forged = await _bed.SubmitAsync(ConversationTestBed.Student, "x", decision);

        Assert.Contains("无权", forged.Single(ConversationTestBed.Student).Text());
        await using var db = _bed.Database();
        Assert.Equal(ExtensionStatus.Requested, (await db.Extensions.SingleAsync()).Status);
    }
}
