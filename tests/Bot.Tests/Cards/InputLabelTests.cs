using System.Text.Json;
using BranchBot.Bot.Conversation;
using BranchBot.Bot.Localization;
using BranchBot.Bot.Tests.Support;

namespace BranchBot.Bot.Tests.Cards;

/// <summary>A refusal names an input the way the card labels it, in the reader's language, never by its id.</summary>
public sealed class InputLabelTests
{
    public static TheoryData<string> ProductionCards() => [.. CardCatalogForTests.All.Select(e => e.Name).Where(n => !n.StartsWith("showcase", StringComparison.Ordinal))];

    [Theory]
    [MemberData(nameof(ProductionCards))]
    public void LabelKey_EveryInputOfEveryCard_HasALabelInEveryLanguage(string cardName)
    {
        var entry = CardCatalogForTests.All.Single(e => e.Name == cardName);
        foreach (var language in Enum.GetValues<Language>())
        {
            using var card = JsonDocument.Parse(entry.Build(language, "张三").ToJson());
            foreach (var input in CardInputs.Of(card.RootElement))
            {
                var id = input.GetProperty("id").GetString()!;
                var key = Errors.LabelKey(id);
                Assert.True(key is not null, $"{cardName}: input '{id}' has no label for refusals (declare it with Label or LabelPrefix in its feature).");
                var label = Texts.Default.Get(language, key);
                Assert.False(string.IsNullOrWhiteSpace(label));
                if (input.TryGetProperty("label", out var shown)) Assert.Equal(shown.GetString(), label);
            }
        }
    }

    [Theory]
    [InlineData("item_17", "overdue.excuseItemLabel")]
    [InlineData("reason_17", "overdue.excuseReasonLabel")]
    [InlineData("text", "report.form.label")]
    [InlineData("period", null)]
    [InlineData("verb", null)]
    [InlineData("item", null)]
    public void LabelKey_InputOrOwnField_IsTheLabelOrNothing(string field, string? expected)
    {
        Assert.Equal(expected, Errors.LabelKey(field));
    }
}
