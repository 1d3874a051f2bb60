using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using BranchBot.Bot.Delivery;
using BranchBot.Bot.Features.Roster;
using BranchBot.Bot.Tests.Support;
using BranchBot.Infrastructure;
using BranchBot.Infrastructure.Persistence;
using BranchBot.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BranchBot.Bot.Tests.Conversation;

/// <summary>A person of the test roster as Teams sees them.</summary>
public sealed record Person(string StudentNumber, string Name, string Email)
{
    public string UserId => "29:" + StudentNumber;
    public string AadObjectId => "aad-" + StudentNumber;
    public string ConversationId => "a:personal-" + StudentNumber;
}

/// <summary>
/// The real host (Program, SDK adapter, SQLite) with a small branch imported through the real roster import,
/// a fake Bot Connector, and a FakeTimeProvider. Turns go through /api/messages as Teams would send them.
/// </summary>
public sealed class ConversationTestBed : IAsyncDisposable
{
    // Thursday 19 November 2026, 10:00 in Shanghai.
    public static readonly DateTimeOffset DefaultNow = new(2026, 11, 19, 10, 0, 0, TimeSpan.FromHours(8));

    public static readonly Person Student = new("2025001", "张三", "zhangsan@branch.example");
    public static readonly Person Student2 = new("2025002", "李四", "lisi@branch.example");
    public static readonly Person OtherGroupStudent = new("2025003", "王五", "wangwu@branch.example");
    public static readonly Person Probationary = new("2024001", "周六", "zhouliu@branch.example");
    public static readonly Person Mentor = new("T001", "赵老师", "zhao@branch.example");
    public static readonly Person Leader = new("2023001", "钱组长", "qian@branch.example");
    public static readonly Person OtherLeader = new("2023002", "吴组长", "wu@branch.example");
    public static readonly Person Secretary = new("2022001", "孙书记", "sun@branch.example");
    public static readonly Person Stranger = new("9999999", "陌生人", "stranger@elsewhere.example");

    public const string Roster = """
        学号,姓名,邮箱,小组,阶段,阶段开始日期,联系人,职务
        2025001,张三,zhangsan@branch.example,第一小组,积极分子,2026-03-15,T001,
        2025002,李四,lisi@branch.example,第一小组,积极分子,2026-03-15,T001,
        2025003,王五,wangwu@branch.example,第二小组,积极分子,2026-03-15,2023002,
        2024001,周六,zhouliu@branch.example,第一小组,预备党员,2026-06-01,,
        T001,赵老师,zhao@branch.example,第一小组,正式党员,2010-07-01,,
        2023001,钱组长,qian@branch.example,第一小组,正式党员,2024-06-01,,组长
        2023002,吴组长,wu@branch.example,第二小组,正式党员,2024-06-01,,组长
        2022001,孙书记,sun@branch.example,第二小组,正式党员,2023-06-01,,书记;组织委员
        """;

    private int _activityCounter;

    private readonly ServerDatabase? _server;

    private ConversationTestBed(BotTestHost host, FakeTimeProvider time, ServerDatabase? server)
    {
        Host = host;
        Time = time;
        _server = server;
    }

    /// <summary>The settings that put another host on this bed's database (the SQLite folder, or the server database).</summary>
    public Dictionary<string, string?> DatabaseSettings() => _server is null
        ? new() { ["Database:DataDirectory"] = Host.DataDirectory }
        : new() { ["Database:Provider"] = _server.Provider.ToString(), ["Database:ConnectionString"] = _server.ConnectionString };

    public BotTestHost Host { get; }
    public FakeTimeProvider Time { get; }
    public FakeConnector Connector => Host.Connector;

    /// <summary>On SQLite by default; on PostgreSQL or SQL Server a new database on the configured server (skipped, saying why, when none is).</summary>
    public static async Task<ConversationTestBed> StartAsync(DateTimeOffset? now = null, string roster = Roster, string trackingStartsOn = "2026-10-01",
        DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        var time = new FakeTimeProvider(now ?? DefaultNow);
        var server = provider == DatabaseProvider.Sqlite ? null : ServerDatabase.Create(provider);
        var settings = new Dictionary<string, string?> { ["Branch:TrackingStartsOn"] = trackingStartsOn, ["Branch:Name"] = "艺术设计学院学生党支部", ["Reminders:Enabled"] = "false" };
        if (server is not null)
        {
            settings["Database:Provider"] = provider.ToString();
            settings["Database:ConnectionString"] = server.ConnectionString;
        }
        var host = await BotTestHost.StartAsync(settings, services => services.AddSingleton<TimeProvider>(time));
        var bed = new ConversationTestBed(host, time, server);
        foreach (var person in new[] { Student, Student2, OtherGroupStudent, Probationary, Mentor, Leader, OtherLeader, Secretary, Stranger })
            host.Connector.Members[person.UserId] = (person.Name, person.AadObjectId, person.Email);

        await using var db = bed.Database();
        var today = DateOnly.FromDateTime(time.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
        var result = await new RosterImport(db).ImportAsync(Encoding.UTF8.GetBytes(roster), today, CancellationToken.None);
        if (result.Problems.Count > 0) throw new InvalidOperationException("Test roster rejected: " + RosterReport.Render(result, "en"));
        return bed;
    }

    public BranchDbContext Database() => Host.Services.GetRequiredService<IDbContextFactory<BranchDbContext>>().CreateDbContext();

    public async Task<int> MemberIdAsync(Person person)
    {
        await using var db = Database();
        return await db.Members.Where(m => m.StudentNumber == person.StudentNumber).Select(m => m.Id).SingleAsync();
    }

    /// <summary>Everyone opens their chat with the bot (installationUpdate), as Teams does at install.</summary>
    public async Task InstallAsync(params Person[] people)
    {
        foreach (var person in people)
        {
            var activity = Activity(person, "installationUpdate");
            activity["action"] = "add";
            await PostAsync(activity);
        }
    }

    /// <summary>Types a message; returns what the bot sent during the turn.</summary>
    public async Task<Turned> SayAsync(Person person, string text, string locale = "zh-CN")
    {
        var activity = Activity(person, "message");
        activity["text"] = text;
        activity["locale"] = locale;
        return await PostAsync(activity);
    }

    /// <summary>An Action.Submit on the card the bot sent as <paramref name="cardActivityId"/>, with these values.</summary>
    public async Task<Turned> SubmitAsync(Person person, string? cardActivityId, JsonNode value)
    {
        var activity = Activity(person, "message");
        activity["value"] = value.DeepClone();
        if (cardActivityId is not null) activity["replyToId"] = cardActivityId;
        return await PostAsync(activity);
    }

    /// <summary>An Action.Execute (invoke adaptiveCard/action) with these data.</summary>
    public async Task<(Turned Turn, JsonElement Response)> InvokeAsync(Person person, string? cardActivityId, JsonObject data)
    {
        var activity = Activity(person, "invoke");
        activity["name"] = "adaptiveCard/action";
        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = data["verb"]?.GetValue<string>(), ["data"] = data },
            ["trigger"] = "manual",
        };
        if (cardActivityId is not null) activity["replyToId"] = cardActivityId;
        var before = Connector.Calls.Count;
        var response = await Host.SendAsync(activity);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Invoke answered {(int)response.StatusCode}: {body}");
        await DeliverQueuedAsync();
        return (new Turned(Connector.Calls.Skip(before).ToList(), (int)response.StatusCode), JsonDocument.Parse(body).RootElement.Clone());
    }

    public async Task<Turned> PostAsync(JsonObject activity)
    {
        var before = Connector.Calls.Count;
        var response = await Host.SendAsync(activity);
        await DeliverQueuedAsync();
        return new Turned(Connector.Calls.Skip(before).ToList(), (int)response.StatusCode);
    }

    /// <summary>
    /// Runs the delivery worker once, as its hosted loop would right after the turn (the loop is off here, as the
    /// reminder jobs are): what a turn queued for others is among the turn's calls.
    /// </summary>
    public Task<int> DeliverQueuedAsync() => Host.Services.GetRequiredService<DeliveryWorker>().RunOnceAsync(CancellationToken.None);

    public JsonObject Activity(Person person, string type) => new()
    {
        ["type"] = type,
        ["id"] = "in-" + Interlocked.Increment(ref _activityCounter),
        ["timestamp"] = Time.GetUtcNow().ToString("O"),
        ["serviceUrl"] = Connector.ServiceUrl,
        ["channelId"] = "msteams",
        ["from"] = new JsonObject { ["id"] = person.UserId, ["name"] = person.Name, ["aadObjectId"] = person.AadObjectId },
        ["recipient"] = new JsonObject { ["id"] = TestActivity.BotId, ["name"] = "BranchBot" },
        ["conversation"] = new JsonObject { ["id"] = person.ConversationId, ["conversationType"] = "personal", ["tenantId"] = TestActivity.TenantId },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = TestActivity.TenantId } },
        ["locale"] = "zh-CN",
    };

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        _server?.Dispose();
    }
}

/// <summary>What the bot sent to the connector during one turn.</summary>
public sealed record Turned(IReadOnlyList<ConnectorCall> Calls, int Status)
{
    public IEnumerable<ConnectorCall> To(Person person) => Calls.Where(c => c.ConversationId == person.ConversationId);

    public ConnectorCall Single(Person person) => Assert.Single(To(person), c => c.Method == "POST");

    /// <summary>Every text the bot showed: message text plus all card text, for readable assertions.</summary>
    public string AllText => string.Join("\n", Calls.Select(c => c.Body.ValueKind == JsonValueKind.Undefined ? "" : c.Body.GetRawText()))
        .Replace("\\n", "\n", StringComparison.Ordinal);

    public static string Decode(string json) => System.Text.RegularExpressions.Regex.Unescape(json);
}
