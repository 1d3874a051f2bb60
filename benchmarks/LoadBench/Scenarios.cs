using System.Text.Json.Nodes;

namespace BranchBot.LoadBench;

/// <summary>What a turn should leave at the connector: a new message (POST) or an in-place card update (PUT).</summary>
internal enum ExpectedReply
{
    Message,
    CardUpdate,
}

/// <summary>
/// What one client posts to /api/messages: <c>Activity(user, sequence, serviceUrl)</c> builds a fresh activity per
/// request from a linked roster user.
/// </summary>
internal sealed record Scenario(string Name, ExpectedReply Reply, Func<BenchUser, long, string, string> Activity);

internal static class Scenarios
{
    public const string TenantId = "8f3c2a71-4b6e-4d0a-9c1e-2f7d5b9a6e10";

    // 120 Han characters: above the default 100-character minimum of a thought report.
    private static readonly string ReportText = string.Concat(Enumerable.Repeat("本月认真学习了党章和党的基本理论，积极参加支部组织的学习活动，在思想上进一步提高了认识。", 3));

    /// <summary>The text the bot answers with a fixed reply before any database work when run with Benchmark:Echo (see BenchmarkOptions).</summary>
    public const string EchoText = "benchmark echo";

    public static IReadOnlyList<Scenario> All(string period) =>
    [
        new("echo floor", ExpectedReply.Message, (user, sequence, serviceUrl) => Message(user, sequence, serviceUrl, EchoText).ToJsonString()),
        new("text command 我的状态", ExpectedReply.Message, (user, sequence, serviceUrl) => Message(user, sequence, serviceUrl, "我的状态").ToJsonString()),
        new("report submission", ExpectedReply.CardUpdate, (user, sequence, serviceUrl) => Submission(user, sequence, serviceUrl, period).ToJsonString()),
    ];

    /// <summary>The first contact of a user: links them to the roster through the Teams member lookup.</summary>
    public static string Help(BenchUser user, string serviceUrl) => Message(user, 0, serviceUrl, "帮助").ToJsonString();

    public static JsonObject Message(BenchUser user, long sequence, string serviceUrl, string? text)
    {
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["id"] = $"bench-{sequence}",
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
            ["serviceUrl"] = serviceUrl,
            ["channelId"] = "msteams",
            ["from"] = new JsonObject { ["id"] = user.TeamsId, ["name"] = user.Name, ["aadObjectId"] = user.AadObjectId },
            ["recipient"] = new JsonObject { ["id"] = "28:bot", ["name"] = "BranchBot" },
            ["conversation"] = new JsonObject { ["id"] = user.ConversationId, ["conversationType"] = "personal", ["tenantId"] = TenantId },
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = TenantId } },
            ["locale"] = "zh-CN",
        };
        if (text is not null) activity["text"] = text;
        return activity;
    }

    /// <summary>An Action.Submit of the report form: a message with <c>value</c> and the form's activity as <c>replyToId</c>.</summary>
    public static JsonObject Submission(BenchUser user, long sequence, string serviceUrl, string period)
    {
        var activity = Message(user, sequence, serviceUrl, null);
        activity["replyToId"] = $"form-{sequence}";
        activity["value"] = new JsonObject
        {
            ["verb"] = "report.submit",
            ["cardId"] = $"bench{sequence:D12}{Environment.ProcessId:x}",
            ["period"] = period,
            ["kind"] = "ThoughtReport",
            ["text"] = ReportText,
        };
        return activity;
    }
}
