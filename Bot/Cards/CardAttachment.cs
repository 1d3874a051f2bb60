using System.Text.Json;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace BranchBot.Bot.Cards;

/// <summary>The one place cards meet Bot Framework types, so a move to another SDK touches only this file.</summary>
public static class CardAttachment
{
    public static Attachment ToAttachment(this AdaptiveCard card) => new()
    {
        ContentType = AdaptiveCard.ContentType,
        // The SDK serializes activities with Newtonsoft; a JRaw is written as it is, so the card is serialised once
        // (System.Text.Json) and never parsed into a JObject and written again.
        Content = new JRaw(card.ToJson()),
    };

    /// <summary>A card rendered earlier by <see cref="AdaptiveCard.ToJson()"/> (a queued message), as an attachment.</summary>
    public static Attachment FromJson(string cardJson) => new()
    {
        ContentType = AdaptiveCard.ContentType,
        Content = new JRaw(cardJson),
    };

    /// <summary>The reply to an <c>adaptiveCard/action</c> invoke (Action.Execute): replace the card with this one.</summary>
    public static AdaptiveCardInvokeResponse ToInvokeResponse(this AdaptiveCard card) => new()
    {
        StatusCode = 200,
        Type = AdaptiveCard.ContentType,
        Value = JObject.Parse(card.ToJson()),
    };

    /// <summary>
    /// Reads the submitted data: <c>activity.value</c> for Action.Submit, <c>value.action.data</c> for an
    /// <c>adaptiveCard/action</c> invoke (whose verb is also in the data, as our Action.Execute puts it there).
    /// </summary>
    public static bool TryReadCardData(this IActivity activity, out CardData? data, out CardDataError? error)
    {
        var value = activity is IInvokeActivity { Name: "adaptiveCard/action", Value: JObject invoke }
            ? invoke["action"]?["data"]
            : (activity as IMessageActivity)?.Value ?? (activity as IInvokeActivity)?.Value;
        var json = value switch
        {
            null => null,
            JToken token => token.ToString(Newtonsoft.Json.Formatting.None),
            string text => text,
            JsonElement element => element.GetRawText(),
            _ => null,
        };
        return CardData.TryParse(json, out data, out error);
    }
}
