using BranchBot.Bot.Tests.Conversation;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Bot.Tests.Features;

public sealed class InfoJourneyTests : IAsyncLifetime
{
    private ConversationTestBed _bed = null!;

    public async Task InitializeAsync() => _bed = await ConversationTestBed.StartAsync();

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task Install_ByAStudent_StoresTheConversationAndLinksTheRosterByEmail()
    {
        var turned = await _bed.SayAsync(ConversationTestBed.Student, "帮助");

        Assert.Contains("交思想汇报", turned.Single(ConversationTestBed.Student).Card().GetRawText());
        await using var db = _bed.Database();
        var user = await db.TeamsUsers.SingleAsync();
        Assert.Equal(await _bed.MemberIdAsync(ConversationTestBed.Student), user.MemberId);
        Assert.Equal(ConversationTestBed.Student.ConversationId, user.ConversationId);
        Assert.Equal(ConversationTestBed.Student.AadObjectId, (await db.Members.SingleAsync(m => m.StudentNumber == ConversationTestBed.Student.StudentNumber)).AadObjectId);
    }

    [Fact]
    public async Task FirstContact_InstallAndConversationUpdateAtOnce_StoresOnePersonAndBothTurnsSucceed()
    {
        var install = _bed.Activity(ConversationTestBed.Student, "installationUpdate");
        install["action"] = "add";
        var update = _bed.Activity(ConversationTestBed.Student, "conversationUpdate");
        update["membersAdded"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["id"] = Support.TestActivity.BotId });

        var turns = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => _bed.PostAsync((System.Text.Json.Nodes.JsonObject)(i % 2 == 0 ? install : update).DeepClone())));

        Assert.All(turns, t => Assert.Equal(200, t.Status));
        Assert.Equal(2, _bed.Connector.Calls.Count(c => c.ConversationId == ConversationTestBed.Student.ConversationId && c.HasCard()));
        await using var db = _bed.Database();
        Assert.Equal(1, await db.TeamsUsers.CountAsync());
    }

    [Fact]
    public async Task AnyCommand_FromSomeoneNotOnTheRoster_GetsThePoliteNotOnRosterCard()
    {
        var turned = await _bed.SayAsync(ConversationTestBed.Stranger, "交思想汇报");

        Assert.Contains("名册", turned.Single(ConversationTestBed.Stranger).Card().GetRawText());
        await using var db = _bed.Database();
        Assert.Equal(0, await db.Submissions.CountAsync());
    }

    [Fact]
    public async Task Help_ForTheSecretary_ShowsCommitteeAndLeaderSections_InEnglishWhenTypedInEnglish()
    {
        var card = (await _bed.SayAsync(ConversationTestBed.OtherLeader, "help", "zh-CN")).Single(ConversationTestBed.OtherLeader).Card().GetRawText();

        Assert.Contains("Group leaders", card);
        Assert.Contains("Mentors", card);
        Assert.DoesNotContain("Branch committee", card);
    }

    [Fact]
    public async Task Language_IsTheLastTypedCommandsLanguage_UntilThePersonChoosesOne()
    {
        var english = (await _bed.SayAsync(ConversationTestBed.Student, "my status", "zh-CN")).Single(ConversationTestBed.Student).Card().GetRawText();
        Assert.Contains("Still to do", english);
        var chinese = (await _bed.SayAsync(ConversationTestBed.Student, "我的状态", "en-US")).Single(ConversationTestBed.Student).Card().GetRawText();
        Assert.Contains("待完成", chinese);

        var choice = (await _bed.SayAsync(ConversationTestBed.Student, "语言")).Single(ConversationTestBed.Student).Card();
        var set = await _bed.SubmitAsync(ConversationTestBed.Student, "lang-card", choice.SubmitData("language.set").With("language", "zh-TW"));
        Assert.Contains("繁體中文", Assert.Single(set.Calls, c => c.Method == "PUT").Card().GetRawText());

        var after = (await _bed.SayAsync(ConversationTestBed.Student, "my status", "en-US")).Single(ConversationTestBed.Student).Card().GetRawText();
        Assert.Contains("待完成", after);
        Assert.Contains("狀態", after);
    }

    [Fact]
    public async Task MyStatus_ForAnActivist_ShowsOctoberOverdueAndNovemberOpen()
    {
        var card = (await _bed.SayAsync(ConversationTestBed.Student, "我的状态")).Single(ConversationTestBed.Student).Card().GetRawText();

        Assert.Contains("2026年10月", card);
        Assert.Contains("2026年11月", card);
        Assert.Contains("逾期", card);
    }

    [Fact]
    public async Task BranchSummary_ForTheSecretary_ShowsEveryGroupForThisAndLastMonth()
    {
        var card = (await _bed.SayAsync(ConversationTestBed.Secretary, "支部统计")).Single(ConversationTestBed.Secretary).Card().GetRawText();

        Assert.Contains("第一小组", card);
        Assert.Contains("第二小组", card);
        Assert.Contains("2026年11月", card);
        Assert.Contains("2026年10月", card);
    }

    [Fact]
    public async Task BranchSummary_RosterWithoutGaps_HasNoRosterSection()
    {
        var card = (await _bed.SayAsync(ConversationTestBed.Secretary, "支部统计")).Single(ConversationTestBed.Secretary).Card().GetRawText();

        Assert.DoesNotContain("名单待完善", card);
    }

    [Fact]
    public async Task BranchSummary_RosterWithGaps_ShowsTheCountTheFirstFiveAndHowManyMore()
    {
        const string gaps = """

            2026100,张三,,第一小组,积极分子,2026-09-01,,
            2026101,甲一,,第一小组,积极分子,2026-09-01,,
            2026102,甲二,,第一小组,积极分子,2026-09-01,,
            2026103,甲三,,第一小组,积极分子,2026-09-01,,
            2026104,甲四,,第一小组,积极分子,2026-09-01,,
            2026105,甲五,,第一小组,积极分子,2026-09-01,,
            2026201,乙一,,第二小组,发展对象,2026-09-01,2023002,
            """;
        await using var bed = await ConversationTestBed.StartAsync(roster: ConversationTestBed.Roster + gaps);

        var zh = Turned.Decode((await bed.SayAsync(ConversationTestBed.Secretary, "支部统计")).Single(ConversationTestBed.Secretary).Card().GetRawText());
        var en = Turned.Decode((await bed.SayAsync(ConversationTestBed.Secretary, "branch summary", "en-US")).Single(ConversationTestBed.Secretary).Card().GetRawText());

        Assert.Contains("名单待完善：7 人", zh);
        Assert.Contains("张三（2026100，第一小组）：积极分子，尚缺培养联系人（0/1）", zh);
        Assert.Contains("甲四（2026104，第一小组）", zh);
        Assert.DoesNotContain("甲五", zh);
        Assert.Contains("另有 2 人未列出。", zh);
        Assert.Contains("Roster to complete: 7", en);
        Assert.Contains("And 2 more not listed.", en);
    }

    [Fact]
    public async Task BranchSummary_ForAStudent_IsNotPermitted()
    {
        var turned = await _bed.SayAsync(ConversationTestBed.Student, "支部统计");

        Assert.Contains("无权", turned.Single(ConversationTestBed.Student).Text());
    }

    [Fact]
    public async Task UnknownText_AnswersWithHelp()
    {
        var turned = await _bed.SayAsync(ConversationTestBed.Student, "今天天气怎么样");

        var call = turned.Single(ConversationTestBed.Student);
        Assert.Contains("没听懂", call.Text());
        Assert.Contains("交思想汇报", call.Card().GetRawText());
    }
}
