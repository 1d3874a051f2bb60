using System.Text.Json.Nodes;

namespace BranchBot.Bot.Tests.Support;

/// <summary>Teams-shaped inbound activities as JSON, for tests to send as they are or to break on purpose.</summary>
public static class TestActivity
{
    public const string TenantId = "8f3c2a71-4b6e-4d0a-9c1e-2f7d5b9a6e10";
    public const string UserId = "29:1a2b3c-user";
    public const string BotId = "28:bot-app-id";
    public const string ConversationId = "a:1personal-conversation";

    public static JsonObject Message(string serviceUrl, string text = "你好", string id = "activity-in-1") => new()
    {
        ["type"] = "message",
        ["id"] = id,
        ["timestamp"] = "2026-11-03T09:15:00.000Z",
        ["serviceUrl"] = serviceUrl,
        ["channelId"] = "msteams",
        ["from"] = new JsonObject { ["id"] = UserId, ["name"] = "李明", ["aadObjectId"] = "0b7c7e8e-2f1d-4a55-9a4b-6a7f9f3a1c22" },
        ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "BranchBot" },
        ["conversation"] = new JsonObject { ["id"] = ConversationId, ["conversationType"] = "personal", ["tenantId"] = TenantId },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = TenantId } },
        ["locale"] = "zh-CN",
        ["text"] = text,
    };
}
