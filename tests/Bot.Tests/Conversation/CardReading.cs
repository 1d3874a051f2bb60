using System.Text.Json;
using System.Text.Json.Nodes;
using BranchBot.Bot.Tests.Support;

namespace BranchBot.Bot.Tests.Conversation;

/// <summary>Reads what the bot sent the way a client would: the card, its submit actions and their data.</summary>
public static class CardReading
{
    public static JsonElement Card(this ConnectorCall call)
    {
        Assert.True(call.Body.TryGetProperty("attachments", out var attachments) && attachments.GetArrayLength() > 0, $"No card in {call.Body}");
        var attachment = attachments[0];
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.GetProperty("contentType").GetString());
        return attachment.GetProperty("content");
    }

    public static bool HasCard(this ConnectorCall call) =>
        call.Body.ValueKind == JsonValueKind.Object && call.Body.TryGetProperty("attachments", out var a) && a.ValueKind == JsonValueKind.Array && a.GetArrayLength() > 0;

    /// <summary>The data object of the first Action.Submit (anywhere in the card) whose verb matches.</summary>
    public static JsonObject SubmitData(this JsonElement card, string verb)
    {
        foreach (var action in Actions(card))
        {
            if (action.TryGetProperty("data", out var data) && data.TryGetProperty("verb", out var v) && v.GetString() == verb)
                return JsonNode.Parse(data.GetRawText())!.AsObject();
        }
        throw new Xunit.Sdk.XunitException($"No action with verb {verb} in {card}");
    }

    public static IEnumerable<JsonElement> Actions(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            if (element.TryGetProperty("type", out var type) && type.GetString() is "Action.Submit" or "Action.Execute") yield return element;
            foreach (var property in element.EnumerateObject())
                foreach (var inner in Actions(property.Value)) yield return inner;
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
                foreach (var inner in Actions(item)) yield return inner;
        }
    }

    public static JsonObject With(this JsonObject data, string name, string value)
    {
        var copy = JsonNode.Parse(data.ToJsonString())!.AsObject();
        copy[name] = value;
        return copy;
    }

    public static string Text(this ConnectorCall call) =>
        call.Body.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "";
}
