using System.Text;
using System.Text.Json;
using BranchBot.Bot.Cards;

namespace BranchBot.Bot.Tests.Cards;

public class AdaptiveCardTests
{
    private static JsonElement Parse(AdaptiveCard card) => JsonDocument.Parse(card.ToJson()).RootElement;

    [Fact]
    public void ToJson_Defaults_WritesTypeVersionCamelCaseAndOmitsNulls()
    {
        var json = Parse(new AdaptiveCard([TextBlock.Trusted("hi") with { Weight = TextWeight.Bolder }]));

        Assert.Equal("AdaptiveCard", json.GetProperty("type").GetString());
        Assert.Equal("1.2", json.GetProperty("version").GetString());
        var block = json.GetProperty("body")[0];
        Assert.Equal("""{"type":"TextBlock","text":"hi","weight":"Bolder","wrap":true}""", block.GetRawText());
        Assert.False(json.TryGetProperty("actions", out _));
        Assert.False(json.TryGetProperty("refresh", out _));
    }

    [Fact]
    public void ToJson_EveryElementAndAction_UsesSchemaTypeNames()
    {
        var json = Parse(ModelShowcase.Build(CardVersion.V1_5, "x"));

        var types = json.GetProperty("body").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Equal(["TextBlock", "TextBlock", "FactSet", "Container", "ColumnSet", "Input.Text", "Input.Date", "Input.ChoiceSet", "Input.ChoiceSet", "Input.Toggle"], types);
        Assert.Equal("Column", json.GetProperty("body")[4].GetProperty("columns")[0].GetProperty("type").GetString());
        var actions = json.GetProperty("actions");
        Assert.Equal("Action.Execute", actions[0].GetProperty("type").GetString());
        Assert.Equal("Action.ShowCard", actions[1].GetProperty("type").GetString());
        Assert.Equal("AdaptiveCard", actions[1].GetProperty("card").GetProperty("type").GetString());
        Assert.Equal("Action.OpenUrl", actions[2].GetProperty("type").GetString());
        Assert.Equal("https://bot.example/downloads/CfDJ8a-b_c?x=1&y=2", actions[2].GetProperty("url").GetString());
        Assert.Equal("expanded", json.GetProperty("body")[7].GetProperty("style").GetString());
        Assert.Equal("positive", actions[0].GetProperty("style").GetString());
        Assert.Equal("2026-11-30", json.GetProperty("body")[6].GetProperty("value").GetString());
    }

    [Fact]
    public void ToJson_ActionOpenUrlOnA12Card_WritesTitleUrlAndStyleWithoutData()
    {
        var card = new AdaptiveCard([TextBlock.Trusted("x")], [new ActionOpenUrl("下载", new Uri("https://bot.example/downloads/t0k3n")) { Style = ActionStyle.Positive }]);

        var action = Parse(card).GetProperty("actions")[0];

        Assert.Equal("""{"type":"Action.OpenUrl","title":"下载","url":"https://bot.example/downloads/t0k3n","style":"positive"}""", action.GetRawText());
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("file:///etc/passwd")]
    [InlineData("/downloads/relative")]
    public void ActionOpenUrl_NotAnAbsoluteWebLink_Throws(string url)
    {
        Assert.Throws<ArgumentException>(() => new ActionOpenUrl("x", new Uri(url, UriKind.RelativeOrAbsolute)));
    }

    [Fact]
    public void ToJson_ActionExecute_CarriesVerbAndSubmitFallbackWithSameData()
    {
        var card = new AdaptiveCard([TextBlock.Trusted("x")], [new ActionExecute("Go", CardActionData.For("talk.save", "c-1").With("period", "2026-11"))], CardVersion.V1_4);

        var action = Parse(card).GetProperty("actions")[0];

        Assert.Equal("talk.save", action.GetProperty("verb").GetString());
        var fallback = action.GetProperty("fallback");
        Assert.Equal("Action.Submit", fallback.GetProperty("type").GetString());
        Assert.Equal("Go", fallback.GetProperty("title").GetString());
        Assert.Equal("""{"verb":"talk.save","cardId":"c-1","period":"2026-11"}""", fallback.GetProperty("data").GetRawText());
    }

    [Fact]
    public void ToJson_SubmitData_IsVerbCardIdThenFields()
    {
        var data = CardActionData.For("report.submit", "card-9").With("period", "2026-Q4").With("n", 3).With("on", new DateOnly(2026, 12, 31));
        var card = new AdaptiveCard([TextBlock.Trusted("x")], [new ActionSubmit("Send", data)]);

        Assert.Equal("""{"verb":"report.submit","cardId":"card-9","period":"2026-Q4","n":3,"on":"2026-12-31"}""",
            Parse(card).GetProperty("actions")[0].GetProperty("data").GetRawText());
    }

    [Fact]
    public void ToJson_Version12_MovesLabelIntoTextBlockAndDrops13Properties()
    {
        var card = new AdaptiveCard([new InputText("text") { Label = "汇报内容", IsRequired = true, ErrorMessage = "请填写", MaxLength = 10 }]);

        var body = Parse(card).GetProperty("body");

        Assert.Equal(2, body.GetArrayLength());
        Assert.Equal("""{"type":"TextBlock","text":"汇报内容","wrap":true}""", body[0].GetRawText());
        Assert.Equal("""{"type":"Input.Text","id":"text","maxLength":10,"spacing":"Small"}""", body[1].GetRawText());
    }

    [Fact]
    public void ToJson_Version12_LowersInputsInsideContainersColumnsAndShowCards()
    {
        var card = new AdaptiveCard(
            [new Container([new InputDate("d") { Label = "Date" }]), new ColumnSet([new Column([new InputToggle("t", "T") { Label = "Toggle" }])])],
            [new ActionShowCard("More", new ShowCardContent([new InputText("r") { Label = "Reason", IsRequired = true, ErrorMessage = "Required" }]))]);

        var json = card.ToJson();

        Assert.DoesNotContain("\"label\"", json);
        Assert.DoesNotContain("\"isRequired\"", json);
        Assert.Contains("""{"type":"TextBlock","text":"Date","wrap":true}""", json);
        Assert.Contains("""{"type":"TextBlock","text":"Toggle","wrap":true}""", json);
        Assert.Contains("""{"type":"TextBlock","text":"Reason","wrap":true}""", json);
    }

    [Fact]
    public void ToJson_Version12_DropsChoiceSetPlaceholderButVersion15KeepsIt()
    {
        InputChoiceSet Mentee() => new("mentee", [new Choice("张三", "7")]) { Label = "Mentee", Placeholder = "Choose" };

        var v12 = Parse(new AdaptiveCard([Mentee()])).GetProperty("body")[1];
        var v15 = Parse(new AdaptiveCard([Mentee()], version: CardVersion.V1_5)).GetProperty("body")[0];

        Assert.False(v12.TryGetProperty("placeholder", out _));
        Assert.Equal("Choose", v15.GetProperty("placeholder").GetString());
    }

    [Fact]
    public void ToJson_Version14_KeepsInputLabels()
    {
        var card = new AdaptiveCard([new InputText("text") { Label = "Report", IsRequired = true, ErrorMessage = "Required" }], version: CardVersion.V1_4);

        var body = Parse(card).GetProperty("body");

        Assert.Equal(1, body.GetArrayLength());
        Assert.Equal("""{"type":"Input.Text","id":"text","label":"Report","isRequired":true,"errorMessage":"Required"}""", body[0].GetRawText());
    }

    [Fact]
    public void ToJson_ExecuteOnVersion12_Throws()
    {
        var card = new AdaptiveCard([TextBlock.Trusted("x")], [new ActionExecute("Go", CardActionData.For("v"))]);

        var e = Assert.Throws<InvalidOperationException>(card.ToJson);
        Assert.Contains("1.4", e.Message);
    }

    [Fact]
    public void ToJson_RefreshOnVersion12_Throws()
    {
        var card = new AdaptiveCard([TextBlock.Trusted("x")]) { Refresh = new CardRefresh(new ActionExecute("r", CardActionData.For("v"))) };

        Assert.Throws<InvalidOperationException>(card.ToJson);
    }

    [Fact]
    public void CardRefresh_61UserIds_Throws()
    {
        var ids = Enumerable.Range(0, 61).Select(i => $"29:{i}").ToList();

        Assert.Throws<ArgumentException>(() => new CardRefresh(new ActionExecute("r", CardActionData.For("v")), ids));
    }

    [Fact]
    public void CardRefresh_60UserIds_Serializes()
    {
        var ids = Enumerable.Range(0, 60).Select(i => $"29:{i}").ToList();
        var card = new AdaptiveCard([TextBlock.Trusted("x")], version: CardVersion.V1_4) { Refresh = new CardRefresh(new ActionExecute("r", CardActionData.For("v")), ids) };

        var refresh = Parse(card).GetProperty("refresh");

        Assert.Equal(60, refresh.GetProperty("userIds").GetArrayLength());
        Assert.Equal("Action.Execute", refresh.GetProperty("action").GetProperty("type").GetString());
    }

    [Fact]
    public void ToJson_DataFieldNamedLikeAnInput_Throws()
    {
        var card = new AdaptiveCard([new InputText("period")], [new ActionSubmit("Send", CardActionData.For("v").With("period", "2026-11"))]);

        Assert.Throws<InvalidOperationException>(card.ToJson);
    }

    [Fact]
    public void ToJson_RequiredInputWithoutErrorMessage_Throws()
    {
        var card = new AdaptiveCard([new InputText("a") { IsRequired = true }]);

        Assert.Throws<InvalidOperationException>(card.ToJson);
    }

    [Fact]
    public void ToJson_DuplicateInputIds_Throws()
    {
        var card = new AdaptiveCard([new InputText("a")], [new ActionShowCard("More", new ShowCardContent([new InputText("a")]))]);

        Assert.Throws<InvalidOperationException>(card.ToJson);
    }

    [Theory]
    [InlineData("verb")]
    [InlineData("cardId")]
    public void CardActionData_ReservedFieldName_Throws(string name) =>
        Assert.Throws<ArgumentException>(() => CardActionData.For("v").With(name, "x"));

    [Fact]
    public void ToJson_HostileTextInInputValueAndTrustedText_RoundTripsExactly()
    {
        var text = HostileText.Markup + "\u0001\t\r\n</script>";
        var card = new AdaptiveCard([TextBlock.Trusted(text), new InputText("t") { Value = text }], [new ActionSubmit("s", CardActionData.For("v").With("echo", text))]);

        var json = Parse(card);

        Assert.Equal(text, json.GetProperty("body")[0].GetProperty("text").GetString());
        Assert.Equal(text, json.GetProperty("body")[1].GetProperty("value").GetString());
        Assert.Equal(text, json.GetProperty("actions")[0].GetProperty("data").GetProperty("echo").GetString());
    }

    [Fact]
    public void ToJson_ChineseText_StaysUnescapedUtf8()
    {
        var json = new AdaptiveCard([TextBlock.Trusted("思想汇报")]).ToJson();

        Assert.Contains("思想汇报", json);
    }

    [Fact]
    public void ToJson_UserTextOverLimit_TruncatesLongestUserTextWithEllipsis()
    {
        var huge = HostileText.BuildLong(60_000);
        var card = new AdaptiveCard([TextBlock.Trusted("title"), TextBlock.User("short"), TextBlock.User(huge)]);

        var json = card.ToJson();

        Assert.InRange(Encoding.UTF8.GetByteCount(json), AdaptiveCard.MaxBytes - 1024, AdaptiveCard.MaxBytes);
        var body = JsonDocument.Parse(json).RootElement.GetProperty("body");
        Assert.Equal("title", body[0].GetProperty("text").GetString());
        Assert.Equal("short", body[1].GetProperty("text").GetString());
        var cut = body[2].GetProperty("text").GetString()!;
        Assert.EndsWith("…", cut);
        Assert.StartsWith(Markdown.Escape(huge)[..1000], cut);
    }

    [Fact]
    public void ToJson_UnderLimit_DoesNotTruncate()
    {
        var text = HostileText.Long;
        var json = new AdaptiveCard([TextBlock.User(text)]).ToJson();

        Assert.Equal(Markdown.Escape(text), JsonDocument.Parse(json).RootElement.GetProperty("body")[0].GetProperty("text").GetString());
    }

    [Fact]
    public void ToJson_OverLimitWithoutUserText_Throws()
    {
        var card = new AdaptiveCard([TextBlock.Trusted(new string('x', 2000))]);

        Assert.Throws<InvalidOperationException>(() => card.ToJson(maxBytes: 1000));
    }

    [Theory]
    [InlineData("abc\\\\def", 5, "abc\\\\…")]
    [InlineData("abc\\\\def", 4, "abc…")]
    [InlineData("abc\\*def", 4, "abc…")]
    [InlineData("a🙂b", 2, "a…")]
    public void Truncate_NeverSplitsEscapesOrSurrogatePairs(string text, int length, string expected) =>
        Assert.Equal(expected, AdaptiveCard.Truncate(text, length));

    [Fact]
    public void ToAttachment_WrapsJsonWithAdaptiveCardContentType()
    {
        var card = new AdaptiveCard([TextBlock.Trusted("x")]);
        var attachment = card.ToAttachment();

        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.ContentType);
        // Written by Newtonsoft as the SDK writes an activity: the card's own JSON, as it is, is the content.
        var written = Newtonsoft.Json.Linq.JObject.Parse(Newtonsoft.Json.JsonConvert.SerializeObject(attachment));
        Assert.Equal("AdaptiveCard", written["content"]!["type"]!.ToString());
        Assert.True(Newtonsoft.Json.Linq.JToken.DeepEquals(Newtonsoft.Json.Linq.JObject.Parse(card.ToJson()), written["content"]));
    }
}
