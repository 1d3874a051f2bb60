using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BranchBot.Bot.Tests.Support;

namespace BranchBot.Bot.Tests.Hosting;

public sealed class MessagesEndpointTests : IAsyncLifetime
{
    private BotTestHost _host = null!;

    public async Task InitializeAsync() => _host = await BotTestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Post_Message_ReplyArrivesAtConnector()
    {
        var response = await _host.SendAsync(_host.Message("交思想汇报", id: "msg-7"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(await _host.Connector.WaitForActivitiesAsync(1));
        Assert.Equal("POST", reply.Method);
        Assert.Equal(TestActivity.ConversationId, reply.ConversationId);
        Assert.Equal("msg-7", reply.ActivityId);
        Assert.Equal("message", reply.Type);
        Assert.NotEqual(JsonValueKind.Undefined, reply.Body.ValueKind);
    }

    [Fact]
    public async Task Get_Healthz_ReturnsStatusAndDatabaseState()
    {
        var response = await _host.Client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("ok", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("Sqlite: ready", body.RootElement.GetProperty("database").GetString());
    }

    public static TheoryData<string, string> MalformedBodies()
    {
        var data = new TheoryData<string, string>
        {
            { "empty body", "" },
            { "not JSON", "hello bot" },
            { "truncated JSON", """{"type":"message","id":"1","""  },
            { "array", "[]" },
            { "string", "\"message\"" },
            { "deeply nested", new string('[', 200) + new string(']', 200) },
        };
        foreach (var (name, breakIt) in Breakages())
        {
            var activity = TestActivity.Message("http://127.0.0.1:9/");
            breakIt(activity);
            data.Add(name, activity.ToJsonString());
        }

        data.Add("duplicate serviceUrl in other case",
            TestActivity.Message("http://127.0.0.1:9/").ToJsonString().TrimEnd('}') + ""","ServiceUrl":"file:///etc/passwd"}""");
        return data;
    }

    private static IEnumerable<(string Name, Action<JsonObject> Break)> Breakages()
    {
        yield return ("no type", a => a.Remove("type"));
        yield return ("empty type", a => a["type"] = "");
        yield return ("numeric type", a => a["type"] = 1);
        yield return ("no serviceUrl", a => a.Remove("serviceUrl"));
        yield return ("file serviceUrl", a => a["serviceUrl"] = "file:///x");
        yield return ("javascript serviceUrl", a => a["serviceUrl"] = "javascript:alert(1)");
        yield return ("relative serviceUrl", a => a["serviceUrl"] = "/v3/");
        yield return ("serviceUrl with credentials", a => a["serviceUrl"] = "https://user:secret@example.com/");
        yield return ("numeric serviceUrl", a => a["serviceUrl"] = 42);
        yield return ("no channelId", a => a.Remove("channelId"));
        yield return ("no conversation", a => a.Remove("conversation"));
        yield return ("string conversation", a => a["conversation"] = "c");
        yield return ("conversation without id", a => a["conversation"]!.AsObject().Remove("id"));
        yield return ("no from", a => a.Remove("from"));
        yield return ("numeric from.id", a => a["from"]!["id"] = 7);
        yield return ("no recipient", a => a.Remove("recipient"));
        yield return ("message without id", a => a.Remove("id"));
        yield return ("object text", a => a["text"] = new JsonObject());
        yield return ("numeric timestamp", a => a["timestamp"] = 1);
        yield return ("string channelData", a => a["channelData"] = "x");
        yield return ("string entities", a => a["entities"] = "x");
        yield return ("numbers in membersAdded", a => a["membersAdded"] = new JsonArray(1, 2));
        yield return ("numeric tenant id", a => a["channelData"]!["tenant"]!["id"] = 5);
    }

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public async Task Post_MalformedActivity_Returns400AndHostKeepsAnswering(string name, string body)
    {
        var response = await _host.SendAsync(body);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{name}: {(int)response.StatusCode}");
        Assert.Empty(_host.Connector.Calls);
        await AssertHostStillRepliesAsync();
    }

    [Theory]
    [InlineData("message/file:///x", "file:///x")]
    [InlineData("javascript", "javascript:alert(document.cookie)")]
    [InlineData("ftp", "ftp://example.com/")]
    public async Task Post_NonHttpServiceUrl_Returns400WithReason(string name, string serviceUrl)
    {
        var activity = _host.Message();
        activity["serviceUrl"] = serviceUrl;

        var response = await _host.SendAsync(activity);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, name);
        Assert.Contains("serviceUrl", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_UnknownActivityType_Returns202AndIsIgnored()
    {
        var activity = _host.Message();
        activity["type"] = "somethingNew";

        var response = await _host.SendAsync(activity);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await AssertHostStillRepliesAsync();
        Assert.Single(_host.Connector.Calls);
    }

    [Fact]
    public async Task Post_BodyOverLimitWithContentLength_Returns413()
    {
        var activity = _host.Message(text: new string('x', 300 * 1024));

        var response = await _host.SendAsync(activity);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await AssertHostStillRepliesAsync();
    }

    [Fact]
    public async Task Post_BodyOverLimitWithoutContentLength_Returns413()
    {
        var bytes = Encoding.UTF8.GetBytes(_host.Message(text: new string('x', 300 * 1024)).ToJsonString());
        var content = new StreamContent(new UnknownLengthStream(bytes));
        content.Headers.ContentType = new("application/json");

        var response = await _host.SendAsync(content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        await AssertHostStillRepliesAsync();
    }

    [Fact]
    public async Task Post_BodyJustUnderLimitWithoutContentLength_IsProcessed()
    {
        var activity = _host.Message(text: "");
        var padding = 256 * 1024 - activity.ToJsonString().Length - 100;
        activity["text"] = new string('x', padding);
        var content = new StreamContent(new UnknownLengthStream(Encoding.UTF8.GetBytes(activity.ToJsonString())));
        content.Headers.ContentType = new("application/json");

        var response = await _host.SendAsync(content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(await _host.Connector.WaitForActivitiesAsync(1));
        Assert.Equal("POST", reply.Method);
    }

    private async Task AssertHostStillRepliesAsync()
    {
        var before = _host.Connector.Calls.Count;
        var response = await _host.SendAsync(_host.Message("still there?", id: $"probe-{before}"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var calls = await _host.Connector.WaitForActivitiesAsync(before + 1);
        Assert.Equal($"probe-{before}", calls[before].ActivityId);
    }

    /// <summary>Makes HttpClient send the body chunked, so the endpoint cannot rely on Content-Length.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
