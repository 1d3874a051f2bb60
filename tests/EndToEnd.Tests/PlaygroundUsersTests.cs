using BranchBot.EndToEnd.Tests.Support;

namespace BranchBot.EndToEnd.Tests;

public sealed class PlaygroundUsersFixture : EndToEndFixture
{
    protected override bool UsesBrowser => false;
}

/// The harness's own promises about people: our YAML is what the playground serves, other users can act
/// through the routes, and a restart switches the current user.
public sealed class PlaygroundUsersTests(PlaygroundUsersFixture fixture) : IClassFixture<PlaygroundUsersFixture>
{
    [Fact]
    public async Task GetConfig_WithDefaultPeople_ServesOurConversationsAndUsers()
    {
        var ids = await fixture.Playground.GetConfigAsync();
        var config = fixture.Playground.Config;

        Assert.Equal(config.PersonalChatId, ids.PersonalChatId);
        Assert.Equal(config.GroupChatId, ids.GroupChatId);
        Assert.Equal([config.TeamId, config.ChannelId!], ids.ChannelIds);
        Assert.Equal(config.Users.Select(u => u.Id), ids.UserIds);
    }

    [Fact]
    public async Task Submit_AsAnotherUser_BotReceivesThatUserAndTheValue()
    {
        var playground = fixture.Playground;
        var group = playground.Config.GroupChatId;
        var chatMark = playground.Chat.Count;
        await playground.SendTextAsync(group, "help", mentionBot: true);
        var card = await playground.WaitForBotMessageAsync(m => m.ConversationId == group, chatMark, what: "the bot's answer in the group chat");
        var other = playground.Config.Users[1];
        var logMark = playground.Log.Count;

        await playground.SubmitAsync(group, other.Id, card.MessageId!, new { verb = "ping", note = "你好" });

        var received = await playground.WaitForReceivedAsync(e => e.Value is not null, logMark);
        Assert.Equal(other.Id, received.FromId);
        Assert.Equal("你好", received.Value!.Value.GetProperty("note").GetString());
    }

    [Fact]
    public async Task SwitchUser_ToAnotherPerson_MessagesArriveFromThatPerson()
    {
        var person = PlaygroundConfig.DefaultPeople[3];

        await fixture.SwitchUserAsync(person.Id);
        var playground = fixture.Playground;
        var logMark = playground.Log.Count;
        await playground.SendTextAsync(playground.PersonalChatId, "我是刘洋");

        var received = await playground.WaitForReceivedTextAsync("我是刘洋", logMark);
        Assert.Equal(person.Id, received.FromId);
        Assert.Equal(person.AadObjectId, received.Request.GetProperty("from").GetProperty("aadObjectId").GetString());
        Assert.Equal($"personal-{person.Id}", received.ConversationId);
    }
}
