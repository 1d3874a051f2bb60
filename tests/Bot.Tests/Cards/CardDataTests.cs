using BranchBot.Bot.Cards;
using BranchBot.Domain;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace BranchBot.Bot.Tests.Cards;

public class CardDataTests
{
    private static CardData Read(string json)
    {
        Assert.True(CardData.TryParse(json, out var data, out var error), $"parse failed: {error}");
        return data!;
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("[1,2]")]
    [InlineData("\"report.submit\"")]
    [InlineData("{not json")]
    public void TryParse_NotAnObject_ReturnsNotAnObject(string? json)
    {
        Assert.False(CardData.TryParse(json, out var data, out var error));
        Assert.Null(data);
        Assert.Equal(CardDataErrorCode.NotAnObject, error!.Code);
        Assert.Equal("error.badCard", error.TextKey);
    }

    [Theory]
    [InlineData("""{"text":"x"}""")]
    [InlineData("""{"verb":""}""")]
    [InlineData("""{"verb":42}""")]
    public void TryParse_NoUsableVerb_ReturnsUnknownVerb(string json)
    {
        Assert.False(CardData.TryParse(json, out _, out var error));
        Assert.Equal(CardDataErrorCode.UnknownVerb, error!.Code);
        Assert.Equal("error.unknownVerb", error.TextKey);
    }

    [Theory]
    [InlineData("""{"verb":"v","cardId":"<script>"}""")]
    [InlineData("""{"verb":"v","cardId":{"id":1}}""")]
    public void TryParse_MalformedCardId_ReturnsBadReference(string json)
    {
        Assert.False(CardData.TryParse(json, out _, out var error));
        Assert.Equal(CardDataErrorCode.BadReference, error!.Code);
        Assert.Equal("error.forgedId", error.TextKey);
    }

    [Fact]
    public void Readers_WellFormedSubmit_ReturnTypedValues()
    {
        var data = Read("""{"verb":"talk.save","cardId":"card-1","text":"  第一行\r\n第二行  ","date":"2026-11-30","count":"3","n":7,"period":"2026-Q4","mode":"Online","followUp":"true","mentee":"m-17"}""");

        Assert.Equal("talk.save", data.Verb);
        Assert.Equal("card-1", data.CardId);
        Assert.Equal("第一行\n第二行", data.String("text", 100));
        Assert.Equal(new DateOnly(2026, 11, 30), data.Date("date"));
        Assert.Equal(3, data.Int("count", 0, 10));
        Assert.Equal(7, data.Int("n", 0, 10));
        Assert.Equal(new Period(Cadence.Quarterly, 2026, 4), data.Period("period"));
        Assert.Equal(TalkMode.Online, data.Choice<TalkMode>("mode"));
        Assert.True(data.Toggle("followUp"));
        Assert.False(data.Toggle("absent"));
        Assert.Equal("m-17", data.Reference("mentee"));
        Assert.Null(data.String("missing", 10, required: false));
        Assert.True(data.IsValid);
    }

    [Fact]
    public void String_OverMaxLength_ReturnsTooLongWithLimitAndActual()
    {
        var data = Read($$"""{"verb":"report.submit","text":"{{new string('字', 20_001)}}"}""");

        Assert.Null(data.String("text", CardLimits.ReportMaxLength));
        Assert.Equal(new CardDataError(CardDataErrorCode.TooLong, "text", 20_000, 20_001), data.Error);
        Assert.Equal("error.tooLong", data.Error!.TextKey);
    }

    [Fact]
    public void String_ExactlyMaxLength_IsAccepted()
    {
        var data = Read($$"""{"verb":"report.submit","text":"{{new string('字', 20_000)}}"}""");

        Assert.Equal(20_000, data.String("text", CardLimits.ReportMaxLength)!.Length);
        Assert.True(data.IsValid);
    }

    [Theory]
    [InlineData("""{"verb":"v"}""")]
    [InlineData("""{"verb":"v","text":null}""")]
    [InlineData("""{"verb":"v","text":"   "}""")]
    [InlineData("""{"verb":"v","text":{"a":1}}""")]
    public void String_MissingOrBlank_ReturnsMissingField(string json)
    {
        var data = Read(json);

        Assert.Null(data.String("text", 100));
        Assert.Equal(new CardDataError(CardDataErrorCode.MissingField, "text"), data.Error);
    }

    [Theory]
    [InlineData("2026-02-30")]
    [InlineData("2026/11/30")]
    [InlineData("30.11.2026")]
    [InlineData("2026-11-30T00:00:00")]
    public void Date_NotIsoCalendarDate_ReturnsBadDate(string value)
    {
        var data = Read($$"""{"verb":"v","date":"{{value}}"}""");

        Assert.Null(data.Date("date"));
        Assert.Equal(CardDataErrorCode.BadDate, data.Error!.Code);
    }

    [Theory]
    [InlineData("\"abc\"")]
    [InlineData("11")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("true")]
    public void Int_OutOfRangeOrNotANumber_ReturnsBadNumber(string value)
    {
        var data = Read($$"""{"verb":"v","n":{{value}}}""");

        Assert.Null(data.Int("n", 0, 10));
        Assert.Equal(CardDataErrorCode.BadNumber, data.Error!.Code);
    }

    [Theory]
    [InlineData("\"InPerson,Online\"")]
    [InlineData("\"Online, InPerson\"")]
    [InlineData("\"1\"")]
    [InlineData("\"-1\"")]
    [InlineData("2")]
    [InlineData("\" Online \"")]
    [InlineData("\"online\"")]
    [InlineData("[\"Online\"]")]
    public void Choice_NotExactlyOneDefinedName_ReturnsBadChoice(string value)
    {
        var data = Read($$"""{"verb":"v","mode":{{value}}}""");

        Assert.Null(data.Choice<TalkMode>("mode"));
        Assert.Equal(new CardDataError(CardDataErrorCode.BadChoice, "mode"), data.Error);
    }

    [Fact]
    public void Choice_CombinationThatAddsUpToAnotherName_IsRefused()
    {
        // ThoughtReport (1) | Talk (2) is BranchReport (3) to Enum.TryParse.
        var data = Read("""{"verb":"v","kind":"ThoughtReport,Talk"}""");

        Assert.Null(data.Choice<ObligationKind>("kind"));
        Assert.Equal(CardDataErrorCode.BadChoice, data.Error!.Code);
    }

    [Theory]
    [InlineData("\"+3\"")]
    [InlineData("\" 3\"")]
    [InlineData("\"03\"")]
    [InlineData("\"3.0\"")]
    [InlineData("3.0")]
    [InlineData("3e0")]
    [InlineData("\"-\"")]
    [InlineData("\"99999999999\"")]
    public void Int_NotPlainDigits_ReturnsBadNumber(string value)
    {
        var data = Read($$"""{"verb":"v","n":{{value}}}""");

        Assert.Null(data.Int("n", -10, 10));
        Assert.Equal(CardDataErrorCode.BadNumber, data.Error!.Code);
    }

    [Theory]
    [InlineData("\"-3\"", -3)]
    [InlineData("0", 0)]
    [InlineData("\"10\"", 10)]
    public void Int_PlainDigitsInRange_IsRead(string value, int expected)
    {
        var data = Read($$"""{"verb":"v","n":{{value}}}""");

        Assert.Equal(expected, data.Int("n", -10, 10));
        Assert.True(data.IsValid);
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("2026-Q5")]
    [InlineData("1999-01")]
    public void Period_BadKey_ReturnsBadPeriod(string value)
    {
        var data = Read($$"""{"verb":"v","period":"{{value}}"}""");

        Assert.Null(data.Period("period"));
        Assert.Equal(CardDataErrorCode.BadPeriod, data.Error!.Code);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("online")]
    [InlineData("Telepathy")]
    public void Choice_NotAnEnumName_ReturnsBadChoice(string value)
    {
        var data = Read($$"""{"verb":"v","mode":"{{value}}"}""");

        Assert.Null(data.Choice<TalkMode>("mode"));
        Assert.Equal(CardDataErrorCode.BadChoice, data.Error!.Code);
    }

    [Theory]
    [InlineData("\"../../etc\"")]
    [InlineData("\"a b\"")]
    [InlineData("{\"id\":1}")]
    public void Reference_Malformed_ReturnsBadReference(string value)
    {
        var data = Read($$"""{"verb":"v","mentee":{{value}}}""");

        Assert.Null(data.Reference("mentee"));
        Assert.Equal(CardDataErrorCode.BadReference, data.Error!.Code);
    }

    [Fact]
    public void Readers_AfterFirstError_KeepFirstErrorAndReturnDefaults()
    {
        var data = Read("""{"verb":"v","date":"nope","text":"fine"}""");

        Assert.Null(data.Date("date"));
        Assert.Null(data.String("text", 100));
        Assert.Null(data.Int("absent", 0, 1));
        Assert.Equal(new CardDataError(CardDataErrorCode.BadDate, "date"), data.Error);
    }

    [Fact]
    public void TryReadCardData_MessageActivityWithJObjectValue_ReadsIt()
    {
        var activity = new Activity(ActivityTypes.Message) { Value = JObject.Parse("""{"verb":"report.submit","cardId":"c-1","text":"x"}""") };

        Assert.True(activity.TryReadCardData(out var data, out _));
        Assert.Equal("report.submit", data!.Verb);
        Assert.Equal("x", data.String("text", 10));
    }

    [Fact]
    public void TryReadCardData_AdaptiveCardActionInvoke_ReadsActionData()
    {
        var activity = new Activity(ActivityTypes.Invoke)
        {
            Name = "adaptiveCard/action",
            Value = JObject.Parse("""{"action":{"type":"Action.Execute","verb":"talk.save","data":{"verb":"talk.save","cardId":"c-2"}}}"""),
        };

        Assert.True(activity.TryReadCardData(out var data, out _));
        Assert.Equal("talk.save", data!.Verb);
        Assert.Equal("c-2", data.CardId);
    }

    [Fact]
    public void TryReadCardData_MessageWithoutValue_ReturnsNotAnObject()
    {
        var activity = new Activity(ActivityTypes.Message) { Text = "help" };

        Assert.False(activity.TryReadCardData(out _, out var error));
        Assert.Equal(CardDataErrorCode.NotAnObject, error!.Code);
    }
}
