using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace BranchBot.EndToEnd.Tests.Support;

/// A person the playground knows. <see cref="Upn"/> is written as the config's `userPrincipleName` (sic).
public sealed record PlaygroundUser(string Id, string Name, string Upn, string AadObjectId, string GivenName, string Surname, string Email)
{
    /// A user whose ids derive from <paramref name="n"/>; the aadObjectId is a valid GUID.
    public static PlaygroundUser Create(int n, string surname, string givenName, string login) => new(
        Id: $"user-id-{n}",
        Name: surname + givenName,
        Upn: $"{login}@branch.example.edu",
        AadObjectId: $"00000000-0000-0000-0001-{n:D12}",
        GivenName: givenName,
        Surname: surname,
        Email: $"{login}@branch.example.edu");
}

/// The playground's YAML config: tenant, bot, the current user and exactly five other users, one personal chat,
/// one group chat, one team (General plus at most one channel).
public sealed record PlaygroundConfig(
    PlaygroundUser CurrentUser,
    IReadOnlyList<PlaygroundUser> Users,
    string TenantId = "00000000-0000-0000-0000-000000000001",
    string BotId = "00000000-0000-0000-0000-000000000011",
    string BotName = "BranchBot",
    string GroupChatId = "group-chat-branch",
    string GroupChatName = "第一党小组",
    string TeamId = "team-branch",
    string TeamName = "学生党支部",
    string TeamAadGroupId = "00000000-0000-0000-0000-000000000031",
    string? ChannelId = "channel-announcements",
    string? ChannelName = "通知")
{
    /// 王小明 is the current user; the others are free to be mapped to roster people by the journeys.
    public static IReadOnlyList<PlaygroundUser> DefaultPeople { get; } =
    [
        PlaygroundUser.Create(0, "王", "小明", "xiaoming.wang"),
        PlaygroundUser.Create(1, "李", "华", "hua.li"),
        PlaygroundUser.Create(2, "张", "敏", "min.zhang"),
        PlaygroundUser.Create(3, "刘", "洋", "yang.liu"),
        PlaygroundUser.Create(4, "陈", "静", "jing.chen"),
        PlaygroundUser.Create(5, "赵", "磊", "lei.zhao"),
    ];

    public static PlaygroundConfig Default { get; } = From(DefaultPeople, DefaultPeople[0].Id);

    /// Six people, one of them current (by id); the other five become `users`.
    public static PlaygroundConfig From(IReadOnlyList<PlaygroundUser> people, string currentUserId)
    {
        if (people.Count != 6)
        {
            throw new ArgumentException($"The playground needs exactly 6 people (current + 5 users), got {people.Count}.", nameof(people));
        }
        var current = people.SingleOrDefault(p => p.Id == currentUserId)
            ?? throw new ArgumentException($"No person with id {currentUserId}.", nameof(currentUserId));
        return new PlaygroundConfig(current, people.Where(p => p != current).ToArray());
    }

    public IReadOnlyList<PlaygroundUser> People => [CurrentUser, .. Users];

    public PlaygroundUser Person(string id) => People.Single(p => p.Id == id);

    /// Each user has their own personal chat with the bot, as in Teams.
    public string PersonalChatId => $"personal-{CurrentUser.Id}";

    /// The same six people with another one as the current user (for a restart of the playground).
    public PlaygroundConfig WithCurrentUser(string userId)
    {
        var people = People;
        var current = people.SingleOrDefault(p => p.Id == userId) ?? throw new ArgumentException($"No person with id {userId}.", nameof(userId));
        return this with { CurrentUser = current, Users = people.Where(p => p != current).ToArray() };
    }

    public string ToYaml()
    {
        if (Users.Count != 5)
        {
            throw new InvalidOperationException($"The playground requires exactly 5 users besides the current one, got {Users.Count}.");
        }
        var yaml = new StringBuilder()
            .AppendLine("version: \"0.1.1\"")
            .AppendLine($"tenantId: {Q(TenantId)}")
            .AppendLine("bot:")
            .AppendLine($"  id: {Q(BotId)}")
            .AppendLine($"  name: {Q(BotName)}")
            .AppendLine("currentUser:");
        AppendUser(yaml, CurrentUser, "  ");
        yaml.AppendLine("users:");
        foreach (var user in Users)
        {
            AppendUser(yaml, user, "  - ", "    ");
        }
        yaml.AppendLine("personalChat:")
            .AppendLine($"  id: {Q(PersonalChatId)}")
            .AppendLine("groupChat:")
            .AppendLine($"  id: {Q(GroupChatId)}")
            .AppendLine($"  name: {Q(GroupChatName)}")
            .AppendLine("team:")
            .AppendLine($"  id: {Q(TeamId)}")
            .AppendLine($"  name: {Q(TeamName)}")
            .AppendLine($"  aadGroupId: {Q(TeamAadGroupId)}");
        if (ChannelId is not null && ChannelName is not null)
        {
            yaml.AppendLine("  channels:")
                .AppendLine($"    - id: {Q(ChannelId)}")
                .AppendLine($"      name: {Q(ChannelName)}");
        }
        else
        {
            yaml.AppendLine("  channels: []");
        }
        return yaml.ToString();
    }

    private static void AppendUser(StringBuilder yaml, PlaygroundUser user, string first, string? rest = null)
    {
        rest ??= first;
        yaml.AppendLine($"{first}id: {Q(user.Id)}")
            .AppendLine($"{rest}name: {Q(user.Name)}")
            .AppendLine($"{rest}userPrincipleName: {Q(user.Upn)}")
            .AppendLine($"{rest}aadObjectId: {Q(user.AadObjectId)}")
            .AppendLine($"{rest}givenName: {Q(user.GivenName)}")
            .AppendLine($"{rest}surname: {Q(user.Surname)}")
            .AppendLine($"{rest}email: {Q(user.Email)}");
    }

    // A JSON string literal is a valid YAML double-quoted scalar.
    private static string Q(string value) => JsonSerializer.Serialize(value, Readable);

    private static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
