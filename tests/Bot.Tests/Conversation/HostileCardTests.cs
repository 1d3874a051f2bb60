using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BranchBot.Bot.Cards;
using BranchBot.Bot.Features.Overdue;
using BranchBot.Bot.Features.Reports;
using BranchBot.Bot.Features.Talks;
using BranchBot.Domain;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Bot.Tests.Conversation;

/// <summary>
/// Forged, hostile and raced card actions: every field of every write action replaced by hostile values, sent by the
/// right and the wrong person, several at once. No 5xx, every refusal is a translated sentence that names no
/// internal id, and nothing stored is a write the speaker may not make.
/// </summary>
public sealed partial class HostileCardTests : IAsyncLifetime
{
    private static readonly string GoodReport = string.Concat(Enumerable.Repeat("认真学习党章，联系自身实际，找差距明方向。", 12));
    private ConversationTestBed _bed = null!;

    public async Task InitializeAsync()
    {
        _bed = await ConversationTestBed.StartAsync();
        await _bed.InstallAsync(ConversationTestBed.Leader, ConversationTestBed.Student, ConversationTestBed.Mentor, ConversationTestBed.OtherGroupStudent);
    }

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    private static readonly JsonNode?[] HostileValues =
    [
        null, "", " ", "A,B", "ThoughtReport,Talk", "InPerson,Online", "1", "-1", "+1", "1.5", "99999999999", "2026-12", "2027-06", "2026-Q4",
        "<at>x</at>", "../../etc", new string('x', 70), 1, 1.5, true, new JsonObject(), new JsonArray(),
    ];

    [GeneratedRegex(@"\{\d\}|\b(error|overdue|report|talk|extension|status|nudge|help)\.[a-z][A-Za-z.]*|\b(item|reason)_\d|\b(verb|cardId|period|kind|member|decision|extension)\b")]
    private static partial Regex Untranslated();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Chinese();

    private async Task<List<(Person Who, JsonObject Data)>> RealActionsAsync()
    {
        string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
        var student2 = Id(await _bed.MemberIdAsync(ConversationTestBed.Student2));
        var student = Id(await _bed.MemberIdAsync(ConversationTestBed.Student));

        var form = (await _bed.SayAsync(ConversationTestBed.Student, "交思想汇报")).Single(ConversationTestBed.Student).Card();
        var report = form.SubmitData(Verbs.ReportSubmit).With(ReportFormCard.TextInput, GoodReport);
        var extension = report.With("verb", Verbs.ExtensionRequest).With(ReportFormCard.ReasonInput, "本周考试");
        var asked = await _bed.SubmitAsync(ConversationTestBed.Student, "form", extension);
        var decide = asked.Single(ConversationTestBed.Leader).Card().SubmitData(Verbs.ExtensionDecide);

        var talkCard = (await _bed.SayAsync(ConversationTestBed.Mentor, "记录谈话")).Single(ConversationTestBed.Mentor).Card();
        var talk = talkCard.SubmitData(Verbs.TalkSubmit).With(TalkFormCard.MenteeInput, student).With(TalkFormCard.DateInput, "2026-11-18")
            .With(TalkFormCard.ModeInput, "Online").With(TalkFormCard.TopicInput, "入党动机").With(TalkFormCard.SummaryInput, "谈了入党动机。");

        var list = (await _bed.SayAsync(ConversationTestBed.Leader, "逾期")).Single(ConversationTestBed.Leader).Card();
        var nudge = list.SubmitData(Verbs.OverdueNudge).With(OverdueListCard.MemberField, student2);
        var excuse = list.SubmitData(Verbs.OverdueExcuse).With(OverdueListCard.MemberField, student2)
            .With(OverdueListCard.ItemInputPrefix + student2, $"ThoughtReport:2026-10:{student2}")
            .With(OverdueListCard.ReasonInputPrefix + student2, "病假");

        return [(ConversationTestBed.Student, report), (ConversationTestBed.Student, extension), (ConversationTestBed.Leader, decide),
            (ConversationTestBed.Mentor, talk), (ConversationTestBed.Leader, nudge), (ConversationTestBed.Leader, excuse)];
    }

    private static IEnumerable<(Person Who, JsonObject Data)> Forged(IEnumerable<(Person Who, JsonObject Data)> real)
    {
        foreach (var (who, data) in real)
        {
            yield return (ConversationTestBed.OtherGroupStudent, data);
            foreach (var field in data.Select(p => p.Key).ToList())
            {
                foreach (var value in HostileValues)
                {
                    var forged = JsonNode.Parse(data.ToJsonString())!.AsObject();
                    if (value is null) forged.Remove(field);
                    else forged[field] = value.DeepClone();
                    yield return (who, forged);
                }
            }
        }
    }

    [Fact]
    public async Task ForgedAndHostileActions_SentEightAtATime_NeverFailNeverLeakAnIdAndNeverWriteWrongly()
    {
        var actions = Forged(await RealActionsAsync()).ToList();
        var before = _bed.Connector.Calls.Count;

        foreach (var batch in actions.Chunk(8))
        {
            var statuses = await Task.WhenAll(batch.Select(a => Task.Run(async () => (await _bed.SubmitAsync(a.Who, "card", a.Data)).Status)));
            Assert.All(statuses, s => Assert.Equal(200, s));
        }

        Assert.True(actions.Count > 300, $"{actions.Count} actions");
        var speakers = new[] { ConversationTestBed.Student, ConversationTestBed.Leader, ConversationTestBed.Mentor, ConversationTestBed.OtherGroupStudent }
            .Select(p => p.ConversationId).ToHashSet();
        var texts = _bed.Connector.Calls.Skip(before)
            .Where(c => speakers.Contains(c.ConversationId) && c.Method == "POST" && !c.HasCard())
            .Select(c => c.Text()).ToList();
        Assert.NotEmpty(texts);
        Assert.All(texts, t =>
        {
            Assert.DoesNotMatch(Untranslated(), t);
            Assert.Matches(Chinese(), t);
        });
        await AssertOnlyPermittedWritesAsync();
    }

    private async Task AssertOnlyPermittedWritesAsync()
    {
        var student = await _bed.MemberIdAsync(ConversationTestBed.Student);
        var student2 = await _bed.MemberIdAsync(ConversationTestBed.Student2);
        var mentor = await _bed.MemberIdAsync(ConversationTestBed.Mentor);
        var leader = await _bed.MemberIdAsync(ConversationTestBed.Leader);
        // The other group's student replaying a report card writes their own report or request: permitted.
        int[] writers = [student, await _bed.MemberIdAsync(ConversationTestBed.OtherGroupStudent)];
        var today = new DateOnly(2026, 11, 19);
        await using var db = _bed.Database();

        Assert.All(await db.Submissions.ToListAsync(), s =>
        {
            Assert.Contains(s.MemberId, writers);
            Assert.Equal(ObligationKind.ThoughtReport, s.Kind);
            Assert.True(s.Period.Start <= today);
        });
        Assert.All(await db.Talks.ToListAsync(), t =>
        {
            Assert.Equal(mentor, t.MentorId);
            Assert.Contains(t.MenteeId, new[] { student, student2 });
            Assert.True(t.Date <= today);
        });
        var excuses = await db.Excuses.ToListAsync();
        Assert.All(excuses, e =>
        {
            Assert.Equal(leader, e.ExcusedById);
            Assert.Equal(student2, e.SubjectId);
            Assert.True(e.Period.Start <= today);
        });
        var extensions = await db.Extensions.ToListAsync();
        Assert.All(extensions, e => Assert.Contains(e.MemberId, writers));
        Assert.All(extensions.Where(e => e.Status != ExtensionStatus.Requested), e => Assert.Equal(leader, e.DecidedById));
        Assert.All(extensions.Where(e => e.Status == ExtensionStatus.Requested).GroupBy(e => (e.MemberId, e.Kind, e.Period)), g => Assert.Single(g));
    }

    [Fact]
    public async Task Excuse_ForAPeriodThatHasNotStarted_IsRefusedAndStoresNothing()
    {
        var id = (await _bed.MemberIdAsync(ConversationTestBed.Student2)).ToString(CultureInfo.InvariantCulture);
        var list = (await _bed.SayAsync(ConversationTestBed.Leader, "逾期")).Single(ConversationTestBed.Leader).Card();
        var excuse = list.SubmitData(Verbs.OverdueExcuse).With(OverdueListCard.MemberField, id)
            .With(OverdueListCard.ItemInputPrefix + id, $"ThoughtReport:2026-12:{id}")
            .With(OverdueListCard.ReasonInputPrefix + id, "提前免除");

        var turned = await _bed.SubmitAsync(ConversationTestBed.Leader, "list-card", excuse);

        Assert.Contains("不属于你", turned.Single(ConversationTestBed.Leader).Text());
        await using var db = _bed.Database();
        Assert.Equal(0, await db.Excuses.CountAsync());
    }

    [Theory]
    [InlineData("zh-CN", "请填写：免除哪一项。")]
    [InlineData("en-US", "Please fill in: Which item.")]
    public async Task Excuse_WithoutTheItem_NamesTheInputByItsLabelNotItsId(string locale, string expected)
    {
        var id = (await _bed.MemberIdAsync(ConversationTestBed.Student2)).ToString(CultureInfo.InvariantCulture);
        var list = (await _bed.SayAsync(ConversationTestBed.Leader, locale == "en-US" ? "overdue" : "逾期", locale)).Single(ConversationTestBed.Leader).Card();
        var excuse = list.SubmitData(Verbs.OverdueExcuse).With(OverdueListCard.MemberField, id).With(OverdueListCard.ReasonInputPrefix + id, "病假");

        var turned = await _bed.SubmitAsync(ConversationTestBed.Leader, "list-card", excuse);

        Assert.Equal(expected, turned.Single(ConversationTestBed.Leader).Text());
    }

    [Fact]
    public async Task LogTalk_TopicTooLong_NamesTheTopicByItsLabel()
    {
        var card = (await _bed.SayAsync(ConversationTestBed.Mentor, "记录谈话")).Single(ConversationTestBed.Mentor).Card();
        var talk = card.SubmitData(Verbs.TalkSubmit)
            .With(TalkFormCard.MenteeInput, (await _bed.MemberIdAsync(ConversationTestBed.Student)).ToString(CultureInfo.InvariantCulture))
            .With(TalkFormCard.DateInput, "2026-11-18").With(TalkFormCard.SummaryInput, "谈了入党动机。")
            .With(TalkFormCard.TopicInput, new string('题', CardLimits.TopicMaxLength + 1));

        var turned = await _bed.SubmitAsync(ConversationTestBed.Mentor, "talk-card", talk);

        Assert.Equal("主题太长：201 个字符，最多 200 个。", turned.Single(ConversationTestBed.Mentor).Text());
    }

    [Fact]
    public async Task SubmitReport_KindThatCombinesTwoNames_IsRefusedAsAChoice()
    {
        var form = (await _bed.SayAsync(ConversationTestBed.Student, "交思想汇报")).Single(ConversationTestBed.Student).Card();
        var forged = form.SubmitData(Verbs.ReportSubmit).With(ReportFormCard.TextInput, GoodReport).With(ReportFormCard.KindField, "ThoughtReport,Talk");

        var turned = await _bed.SubmitAsync(ConversationTestBed.Student, "form", forged);

        Assert.Contains("请从选项中选择", turned.Single(ConversationTestBed.Student).Text());
        await using var db = _bed.Database();
        Assert.Equal(0, await db.Submissions.CountAsync());
    }

    [Fact]
    public async Task SubmitReport_WithoutItsPeriod_SaysTheCardIsBrokenRatherThanNamingTheField()
    {
        var form = (await _bed.SayAsync(ConversationTestBed.Student, "交思想汇报")).Single(ConversationTestBed.Student).Card();
        var forged = form.SubmitData(Verbs.ReportSubmit).With(ReportFormCard.TextInput, GoodReport);
        forged.Remove(ReportFormCard.PeriodField);

        var turned = await _bed.SubmitAsync(ConversationTestBed.Student, "form", forged);

        Assert.Equal("无法读取这张卡片的数据，请在新卡片上重试。", turned.Single(ConversationTestBed.Student).Text());
    }
}
