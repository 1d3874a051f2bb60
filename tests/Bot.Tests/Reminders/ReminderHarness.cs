using BranchBot.Bot.Reminders;
using BranchBot.Bot.Tests.Delivery;
using BranchBot.Domain;
using BranchBot.Infrastructure;
using BranchBot.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace BranchBot.Bot.Tests.Reminders;

/// <summary>
/// The reminder services as the bot composes them (AddInfrastructure, AddBot, which adds delivery and reminders: the real CloudAdapter and
/// cached connector clients) on a migrated SQLite file (or a server database), sending to a <see cref="TeamsConnector"/>, with a
/// <see cref="FakeTimeProvider"/>. <see cref="NewInstanceAsync"/> gives a second "app instance" on the same file.
/// </summary>
public sealed class ReminderHarness : IAsyncDisposable
{
    public const string Tenant = "6f1b1b9e-0000-4000-8000-000000000001";
    private readonly List<ServiceProvider> _providers = [];
    private readonly Dictionary<string, string?> _settings;
    private readonly ServerDatabase? _server;

    private ReminderHarness(TeamsConnector connector, string directory, Dictionary<string, string?> settings, FakeTimeProvider time, ServerDatabase? server)
    {
        Connector = connector;
        Directory = directory;
        _settings = settings;
        Time = time;
        _server = server;
    }

    /// <summary>The Database:* settings of this harness, for a child process that must use the same database.</summary>
    public IReadOnlyDictionary<string, string?> DatabaseSettings => _settings.Where(s => s.Key.StartsWith("Database:", StringComparison.Ordinal)).ToDictionary();

    public TeamsConnector Connector { get; }
    public string Directory { get; }
    public FakeTimeProvider Time { get; }
    public IServiceProvider Services => _providers[0];
    public Branch Branch => new("test", TimeZoneInfo.FindSystemTimeZoneById(_settings["Branch:TimeZone"]!), DateOnly.Parse(_settings["Branch:TrackingStartsOn"]!, System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>On SQLite by default; on PostgreSQL or SQL Server a new database on the configured server (skipped, saying why, when none is).</summary>
    public static async Task<ReminderHarness> StartAsync(string timeZone = "Asia/Shanghai", DateTimeOffset? now = null, IDictionary<string, string?>? settings = null,
        DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        var server = provider == DatabaseProvider.Sqlite ? null : ServerDatabase.Create(provider);
        var connector = await TeamsConnector.StartAsync();
        var directory = System.IO.Directory.CreateTempSubdirectory("branchbot-reminders-").FullName;
        var all = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:DataDirectory"] = directory,
            ["Database:ConnectionString"] = "Data Source=reminders.db",
            ["Branch:TimeZone"] = timeZone,
            ["Branch:TrackingStartsOn"] = "2026-11-01",
            ["Reminders:Enabled"] = "false",
            ["Delivery:TenantMessagesPerSecond"] = "1000",
            ["Delivery:ConversationMessagesPerSecond"] = "1000",
            ["Delivery:BackoffBaseMilliseconds"] = "20",
            ["Delivery:BackoffCapMilliseconds"] = "100",
            // Generous, so that a loaded machine does not turn a normal send into a timeout and retry.
            ["Delivery:SendTimeoutSeconds"] = "10",
        };
        if (server is not null)
        {
            all["Database:Provider"] = provider.ToString();
            all["Database:ConnectionString"] = server.ConnectionString;
        }
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>()) all[k] = v;
        var harness = new ReminderHarness(connector, directory, all, new FakeTimeProvider(now ?? new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero)), server);
        var first = await harness.NewInstanceAsync();
        await first.ApplyMigrationsAsync(CancellationToken.None);
        return harness;
    }

    public Task<IServiceProvider> NewInstanceAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(_settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddInfrastructure(configuration);
        services.AddBot(configuration);
        services.AddSingleton<TimeProvider>(Time);
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return Task.FromResult<IServiceProvider>(provider);
    }

    public BranchDbContext Db() => Services.GetRequiredService<IDbContextFactory<BranchDbContext>>().CreateDbContext();

    /// <summary>Runs a job as Hangfire would at <paramref name="asOf"/>: the fake clock moves there first (never back).</summary>
    public Task<SweepResult> RunAsync(string jobId, DateTimeOffset asOf, IServiceProvider? instance = null)
    {
        if (asOf > Time.GetUtcNow()) Time.SetUtcNow(asOf);
        return (instance ?? Services).CreateScope().ServiceProvider.GetServices<ReminderJob>().Single(j => j.Id == jobId).RunAsync(asOf, CancellationToken.None);
    }

    /// <summary>A branch-local wall-clock time as an instant.</summary>
    public DateTimeOffset Local(int year, int month, int day, int hour, int minute = 0) => Branch.ToInstant(new DateTime(year, month, day, hour, minute, 0));

    public async Task<List<ReminderDelivery>> LedgerAsync()
    {
        await using var db = Db();
        return await db.ReminderDeliveries.AsNoTracking().OrderBy(d => d.Id).ToListAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var p in _providers) await p.DisposeAsync();
        await Connector.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _server?.Dispose();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }
}

/// <summary>Builds a small branch: groups, members with stages and mentors, and their Teams identities.</summary>
public sealed class BranchBuilder(ReminderHarness harness)
{
    private readonly Dictionary<string, Member> _members = [];
    private readonly Dictionary<string, Group> _groups = [];

    public Member this[string studentNumber] => _members[studentNumber];

    public string Number(int memberId) => _members.Values.Single(m => m.Id == memberId).StudentNumber;

    public async Task<Member> MemberAsync(string studentNumber, Stage stage, string group = "第一党小组", Roles roles = Roles.None,
        string[]? mentors = null, bool teams = true, string? conversationId = null, DateOnly? stageSince = null, string? locale = "zh-CN")
    {
        await using var db = harness.Db();
        if (!_groups.TryGetValue(group, out var g))
        {
            g = new Group(group);
            db.Groups.Add(g);
            await db.SaveChangesAsync();
            _groups[group] = g;
        }
        var member = new Member(studentNumber, "成员" + studentNumber, g.Id, stage, stageSince ?? new DateOnly(2026, 1, 1), roles);
        db.Members.Add(member);
        await db.SaveChangesAsync();
        if (mentors is not null)
        {
            db.Attach(member);
            member.SetMentors([.. mentors.Select(m => _members[m].Id)]);
            await db.SaveChangesAsync();
        }
        if (teams)
        {
            db.TeamsUsers.Add(new TeamsUser
            {
                AadObjectId = "aad-" + studentNumber,
                TeamsUserId = "29:" + studentNumber,
                TenantId = ReminderHarness.Tenant,
                ServiceUrl = harness.Connector.ServiceUrl,
                ConversationId = conversationId ?? "a:conv-" + studentNumber,
                ConversationReferenceJson = "",
                MemberId = member.Id,
                ClientLocale = locale,
            });
            await db.SaveChangesAsync();
        }
        _members[studentNumber] = member;
        return member;
    }

    public async Task SubmitAsync(string studentNumber, ObligationKind kind, string period, DateTimeOffset at)
    {
        await using var db = harness.Db();
        db.Submissions.Add(new Submission(_members[studentNumber].Id, kind, Period.Parse(period), "本月思想汇报正文", at, 1, null));
        await db.SaveChangesAsync();
    }

    public async Task ExcuseAsync(string studentNumber, ObligationKind kind, string period, DateTimeOffset at)
    {
        await using var db = harness.Db();
        var id = _members[studentNumber].Id;
        db.Excuses.Add(new Excuse(id, id, kind, Period.Parse(period), "病假", id, at));
        await db.SaveChangesAsync();
    }
}
