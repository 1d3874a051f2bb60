using System.Text.Json.Nodes;

namespace BranchBot.LoadBench;

/// <summary>What one client posts to /api/messages; <c>Activity(sequence, serviceUrl)</c> builds a fresh one per request.</summary>
internal sealed record Scenario(string Name, Func<long, string, string> Activity);

internal static class Scenarios
{
    private const string TenantId = "8f3c2a71-4b6e-4d0a-9c1e-2f7d5b9a6e10";

    public static readonly IReadOnlyList<Scenario> All =
    [
        new("echo message", (sequence, serviceUrl) => Message(sequence, serviceUrl, "我的状态").ToJsonString()),
    ];

    public static JsonObject Message(long sequence, string serviceUrl, string text) => new()
    {
        ["type"] = "message",
        ["id"] = $"bench-{sequence}",
        ["timestamp"] = "2026-11-03T09:15:00.000Z",
        ["serviceUrl"] = serviceUrl,
        ["channelId"] = "msteams",
        ["from"] = new JsonObject { ["id"] = $"29:user-{sequence % 500}", ["name"] = "成员", ["aadObjectId"] = "0b7c7e8e-2f1d-4a55-9a4b-6a7f9f3a1c22" },
        ["recipient"] = new JsonObject { ["id"] = "28:bot", ["name"] = "BranchBot" },
        ["conversation"] = new JsonObject { ["id"] = $"a:conversation-{sequence % 500}", ["conversationType"] = "personal", ["tenantId"] = TenantId },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = TenantId } },
        ["locale"] = "zh-CN",
        ["text"] = text,
    };
}
