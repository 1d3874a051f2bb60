using System.Globalization;
using System.Text;
using System.Text.Json;
using BranchBot.Bot.Cards;
using BranchBot.Bot.Features.Overdue;
using BranchBot.Bot.Features.Talks;
using BranchBot.Bot.Tests.Cards;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Bot.Tests.Conversation;

/// <summary>
/// A real branch's size: 40 groups of 50 activists (2,003 people), tracking since 1 November 2025, so on
/// 19 November 2026 everyone is a year behind. 钱组长 leads 第01小组 and is on the committee; 吴组长 only leads
/// 第02小组; each group has one mentor for all its activists (赵老师 for 第01小组). Names repeat across groups, and 第01小组 has two 张三.
/// </summary>
public sealed class LargeBranchFixture : IAsyncLifetime
{
    public const int Groups = 40;
    public const int PerGroup = 50;
    /// <summary>Everyone who owes something: the activists and each group's mentor.</summary>
    public const int Owing = Groups * PerGroup + Groups;

    public ConversationTestBed Bed { get; private set; } = null!;

    public static string Roster()
    {
        var csv = new StringBuilder("学号,姓名,邮箱,小组,阶段,阶段开始日期,联系人,职务\n");
        csv.Append("2023001,钱组长,qian@branch.example,第01小组,正式党员,2024-06-01,,组长;组织委员\n");
        csv.Append("2023002,吴组长,wu@branch.example,第02小组,正式党员,2024-06-01,,组长\n");
        csv.Append("2022001,孙书记,sun@branch.example,第03小组,正式党员,2023-06-01,,书记\n");
        csv.Append("T001,赵老师,zhao@branch.example,第01小组,正式党员,2010-07-01,,\n");
        for (var g = 2; g <= Groups; g++)
            csv.Append(CultureInfo.InvariantCulture, $"T{g:000},老师{g},t{g:000}@branch.example,第{g:00}小组,正式党员,2010-07-01,,\n");
        for (var g = 1; g <= Groups; g++)
            for (var i = 1; i <= PerGroup; i++)
            {
                var number = string.Create(CultureInfo.InvariantCulture, $"25{g:00}{i:000}");
                var name = g == 1 && i <= 2 ? "张三" : string.Create(CultureInfo.InvariantCulture, $"学生{i}");
                csv.Append(CultureInfo.InvariantCulture, $"{number},{name},s{number}@branch.example,第{g:00}小组,积极分子,2025-03-15,T{g:000},\n");
            }
        return csv.ToString();
    }

    public async Task InitializeAsync()
    {
        Bed = await ConversationTestBed.StartAsync(roster: Roster(), trackingStartsOn: "2025-11-01");
        await Bed.InstallAsync(ConversationTestBed.Leader, ConversationTestBed.OtherLeader, ConversationTestBed.Secretary, ConversationTestBed.Mentor);
    }

    public async Task DisposeAsync() => await Bed.DisposeAsync();
}

public sealed class LargeBranchJourneyTests(LargeBranchFixture fixture) : IClassFixture<LargeBranchFixture>, IDisposable
{
    private readonly ConversationTestBed _bed = fixture.Bed;
    private readonly DirectoryInfo _cards = Directory.CreateTempSubdirectory("branchbot-large-");

    public void Dispose() => _cards.Delete(recursive: true);

    [Fact]
    public async Task Overdue_GroupOfFiftyAYearBehind_PagesThroughEveryoneOnCardsUnderTheLimit()
    {
        var card = (await _bed.SayAsync(ConversationTestBed.Leader, "逾期")).Single(ConversationTestBed.Leader).Card();
        var seen = new List<string>();
        var texts = new List<string>();
        for (var page = 1; ; page++)
        {
            Keep(card, $"group-page{page}");
            texts.Add(card.GetRawText());
            Assert.Contains($"第 {page}/3 页，共 51 人", card.GetRawText());
            var people = People(card);
            Assert.InRange(people.Count, 1, OverdueListCard.PageSize);
            seen.AddRange(people);
            if (page == 3) break;
            var more = card.SubmitData(Verbs.OverduePage);
            Assert.Equal(page + 1, more[OverdueListCard.PageField]!.GetValue<int>());
            card = (await _bed.SubmitAsync(ConversationTestBed.Leader, "list", more)).Single(ConversationTestBed.Leader).Card();
        }

        Assert.Equal(51, seen.Count);
        Assert.Equal(51, seen.Distinct().Count());
        Assert.Contains("张三（2501001）", seen);
        Assert.Contains("张三（2501002）", seen);
        Assert.Contains("与 张三（2501001） 的谈话", string.Join("\n", texts));
        Assert.DoesNotContain(Verbs.OverduePage, Actions(card).Where(a => a.Title.StartsWith("更多", StringComparison.Ordinal)).Select(a => a.Verb));
        AssertCardsRenderAndMatchTheSchema();
    }

    [Fact]
    public async Task Overdue_LeaderOnTheCommittee_OpensTheWholeBranchOf2000AndBack()
    {
        var group = (await _bed.SayAsync(ConversationTestBed.Leader, "逾期")).Single(ConversationTestBed.Leader).Card();
        var toBranch = Actions(group).Single(a => a.Title == "看全支部").Data;

        var branch = (await _bed.SubmitAsync(ConversationTestBed.Leader, "list", toBranch)).Single(ConversationTestBed.Leader).Card();
        Keep(branch, "branch-page1");
        var pages = (LargeBranchFixture.Owing + OverdueListCard.PageSize - 1) / OverdueListCard.PageSize;
        Assert.Contains("全支部逾期", branch.GetRawText());
        Assert.Contains($"第 1/{pages} 页，共 {LargeBranchFixture.Owing} 人", branch.GetRawText());
        var last = (await _bed.SubmitAsync(ConversationTestBed.Leader, "list", branch.SubmitData(Verbs.OverduePage).With(OverdueListCard.PageField, pages.ToString(CultureInfo.InvariantCulture))))
            .Single(ConversationTestBed.Leader).Card();
        Keep(last, "branch-last");
        var back = Actions(last).Single(a => a.Title == "看本小组").Data;
        var groupAgain = (await _bed.SubmitAsync(ConversationTestBed.Leader, "list", back)).Single(ConversationTestBed.Leader).Card();

        Assert.Contains($"第 {pages}/{pages} 页", last.GetRawText());
        Assert.DoesNotContain(Actions(last), a => a.Title.StartsWith("更多", StringComparison.Ordinal));
        Assert.Contains("第01小组", groupAgain.GetRawText());
        Assert.Contains("第 1/3 页", groupAgain.GetRawText());
        AssertCardsRenderAndMatchTheSchema();
    }

    [Fact]
    public async Task Overdue_TheSecretaryOnPageTwo_SeesNamesakesFromDifferentGroupsApart()
    {
        var first = (await _bed.SayAsync(ConversationTestBed.Secretary, "逾期")).Single(ConversationTestBed.Secretary).Card();
        var second = (await _bed.SubmitAsync(ConversationTestBed.Secretary, "list", first.SubmitData(Verbs.OverduePage))).Single(ConversationTestBed.Secretary).Card();
        Keep(second, "secretary-page2");

        var people = People(second);
        Assert.Equal(OverdueListCard.PageSize, people.Count);
        Assert.Equal(people.Count, people.Distinct().Count());
        Assert.All(people.Where(p => p.StartsWith("学生", StringComparison.Ordinal)), p => Assert.Matches(@"^学生\d+（25\d{5}）$", p));
        Assert.DoesNotContain(Actions(second), a => a.Title is "看全支部" or "看本小组");
        AssertCardsRenderAndMatchTheSchema();
    }

    [Theory]
    [InlineData("0")]
    [InlineData("abc")]
    [InlineData("10001")]
    public async Task OverduePage_ForgedPage_IsRefusedWithAReason(string page)
    {
        var card = (await _bed.SayAsync(ConversationTestBed.Leader, "逾期")).Single(ConversationTestBed.Leader).Card();
        var forged = card.SubmitData(Verbs.OverduePage).With(OverdueListCard.PageField, page);

        var turned = await _bed.SubmitAsync(ConversationTestBed.Leader, "list", forged);

        var reply = turned.Single(ConversationTestBed.Leader);
        Assert.False(reply.HasCard());
        Assert.Contains("无效", reply.Text());
    }

    [Fact]
    public async Task OverduePage_BranchScopeFromALeaderNotOnTheCommittee_IsNotPermitted()
    {
        var card = (await _bed.SayAsync(ConversationTestBed.OtherLeader, "逾期")).Single(ConversationTestBed.OtherLeader).Card();
        Assert.DoesNotContain(Actions(card), a => a.Title == "看全支部");
        var forged = card.SubmitData(Verbs.OverduePage).With(OverdueListCard.ScopeField, "Branch");

        var turned = await _bed.SubmitAsync(ConversationTestBed.OtherLeader, "list", forged);

        Assert.Contains("无权", turned.Single(ConversationTestBed.OtherLeader).Text());
    }

    [Fact]
    public async Task NudgeAll_OnPageTwo_NudgesThatPagesPeopleOnly()
    {
        var first = (await _bed.SayAsync(ConversationTestBed.OtherLeader, "逾期")).Single(ConversationTestBed.OtherLeader).Card();
        var second = (await _bed.SubmitAsync(ConversationTestBed.OtherLeader, "list", first.SubmitData(Verbs.OverduePage))).Single(ConversationTestBed.OtherLeader).Card();
        var nudgeAll = second.SubmitData(Verbs.OverdueNudgeAll);

        await _bed.SubmitAsync(ConversationTestBed.OtherLeader, "list", nudgeAll);

        await using var db = _bed.Database();
        var step = "nudge:" + nudgeAll["cardId"]!.GetValue<string>();
        var nudged = await db.ReminderDeliveries.Where(d => d.Step == step).Select(d => d.MemberId).ToListAsync();
        var pageTwo = await db.Members.Where(m => nudged.Contains(m.Id)).Select(m => m.StudentNumber).ToListAsync();
        Assert.Equal(OverdueListCard.PageSize, nudged.Count);
        Assert.All(pageTwo, n => Assert.StartsWith("2502", n));
    }

    [Fact]
    public async Task Summary_LeaderOnTheCommittee_OffersTheBranchAndTheGroupListUnderTheLimit()
    {
        var card = (await _bed.SayAsync(ConversationTestBed.Leader, "支部统计")).Single(ConversationTestBed.Leader).Card();
        Keep(card, "summary");

        var lists = Actions(card).Where(a => a.Verb == Verbs.OverdueShow).Select(a => a.Data[OverdueListCard.ScopeField]!.GetValue<string>()).ToList();
        Assert.Equal(["Branch", "Group"], lists);
        var group = (await _bed.SubmitAsync(ConversationTestBed.Leader, "summary", Actions(card).Last().Data)).Single(ConversationTestBed.Leader).Card();
        Assert.Contains("第01小组", group.GetRawText());
        AssertCardsRenderAndMatchTheSchema();
    }

    [Fact]
    public async Task MentorOfFiftyAYearBehind_StatusAndTalkForm_FitAndTellNamesakesApart()
    {
        var status = (await _bed.SayAsync(ConversationTestBed.Mentor, "我的状态")).Single(ConversationTestBed.Mentor).Card();
        var form = (await _bed.SayAsync(ConversationTestBed.Mentor, "记录谈话")).Single(ConversationTestBed.Mentor).Card();
        Keep(status, "mentor-status");
        Keep(form, "mentor-talk-form");

        Assert.Contains("另有", status.GetRawText());
        var mentee = form.GetProperty("body").EnumerateArray().Single(e => e.TryGetProperty("id", out var id) && id.GetString() == TalkFormCard.MenteeInput);
        var titles = mentee.GetProperty("choices").EnumerateArray().Select(c => c.GetProperty("title").GetString()).ToList();
        Assert.Equal(LargeBranchFixture.PerGroup, titles.Count);
        Assert.Contains("张三（2501001）", titles);
        Assert.Contains("张三（2501002）", titles);
        Assert.Contains("学生3", titles);
        AssertCardsRenderAndMatchTheSchema();
    }

    [Fact]
    public async Task StudentAYearBehind_StatusReportFormAndHelp_FitUnderTheLimit()
    {
        var student = new Person("2501003", "学生3", "s2501003@branch.example");
        _bed.Connector.Members[student.UserId] = (student.Name, student.AadObjectId, student.Email);

        foreach (var (command, name) in new[] { ("我的状态", "student-status"), ("交思想汇报", "student-report-form"), ("帮助", "student-help") })
        {
            var reply = (await _bed.SayAsync(student, command)).Single(student);
            Keep(reply.Card(), name);
        }

        AssertCardsRenderAndMatchTheSchema();
    }

    [Fact]
    public async Task Summary_TheSecretary_GetsTheBranchListOnlyUnderTheLimit()
    {
        var card = (await _bed.SayAsync(ConversationTestBed.Secretary, "支部统计")).Single(ConversationTestBed.Secretary).Card();
        Keep(card, "secretary-summary");

        var list = Assert.Single(Actions(card), a => a.Verb == Verbs.OverdueShow);
        Assert.Equal("Branch", list.Data[OverdueListCard.ScopeField]!.GetValue<string>());
        Assert.Contains("第40小组", card.GetRawText());
        AssertCardsRenderAndMatchTheSchema();
    }

    private void Keep(JsonElement card, string name)
    {
        var json = card.GetRawText();
        var bytes = Encoding.UTF8.GetByteCount(json);
        Assert.True(bytes <= AdaptiveCard.MaxBytes, $"{name} is {bytes} bytes (limit {AdaptiveCard.MaxBytes}).");
        Assert.DoesNotContain("…\"", json.Replace("……", "", StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(_cards.FullName, name + ".json"), json);
    }

    private void AssertCardsRenderAndMatchTheSchema()
    {
        var count = _cards.GetFiles("*.json").Length;
        var (rendered, renderOutput) = NodeValidator.Run(_cards.FullName);
        var (matched, schemaOutput) = NodeValidator.Run(_cards.FullName, NodeValidator.Schema);
        Assert.True(rendered == 0, renderOutput);
        Assert.True(matched == 0, schemaOutput);
        Assert.Contains($"{count}/{count} cards valid", renderOutput);
    }

    /// <summary>The people on an overdue card: the bold first line of each person's container.</summary>
    private static List<string> People(JsonElement card) =>
        card.GetProperty("body").EnumerateArray()
            .Where(e => e.GetProperty("type").GetString() == "Container")
            .Select(e => e.GetProperty("items")[0].GetProperty("text").GetString()!)
            .ToList();

    private static IEnumerable<(string Title, string? Verb, System.Text.Json.Nodes.JsonObject Data)> Actions(JsonElement card) =>
        CardReading.Actions(card)
            .Where(a => a.TryGetProperty("data", out _))
            .Select(a => (a.GetProperty("title").GetString()!, a.GetProperty("data").TryGetProperty("verb", out var v) ? v.GetString() : null,
                System.Text.Json.Nodes.JsonNode.Parse(a.GetProperty("data").GetRawText())!.AsObject()));
}
