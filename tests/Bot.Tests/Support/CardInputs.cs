using System.Text.Json;

namespace BranchBot.Bot.Tests.Support;

/// <summary>Every <c>Input.*</c> element of a card's JSON, wherever it is nested (containers, show-card actions).</summary>
public static class CardInputs
{
    public static IEnumerable<JsonElement> Of(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            if (element.TryGetProperty("type", out var type) && type.GetString()!.StartsWith("Input.", StringComparison.Ordinal)) yield return element;
            foreach (var property in element.EnumerateObject())
                foreach (var inner in Of(property.Value)) yield return inner;
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
                foreach (var inner in Of(item)) yield return inner;
        }
    }
}
