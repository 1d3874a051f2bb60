using BranchBot.Domain;
using BranchBot.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace BranchBot.Infrastructure.Tests;

/// <summary>
/// The database, not the bot, keeps one write per click: unique indexes for inserts, a conditional update for
/// decisions. Two connection strings to one file stand for two bot processes (each has its own write gate).
/// </summary>
public abstract class OneWritePerClickTests(DatabaseProvider provider) : IDisposable
{
    public sealed class OnSqlite() : OneWritePerClickTests(DatabaseProvider.Sqlite);
    public sealed class OnPostgres() : OneWritePerClickTests(DatabaseProvider.Postgres);
    public sealed class OnSqlServer() : OneWritePerClickTests(DatabaseProvider.SqlServer);

    private static readonly Period November = Period.Parse("2026-11");
    private static readonly DateTimeOffset At = new(2026, 11, 20, 9, 0, 0, TimeSpan.FromHours(8));
    private readonly TestDatabase _database = new(provider);

    public void Dispose() => _database.Dispose();

    // Same database, different connection string: another pool (and on SQLite another SqliteWriteGate), as in a second process.
    private BranchDbContext OtherProcess() => BranchDbContextFactory.Create(provider,
        _database.ConnectionString + (provider == DatabaseProvider.Sqlite ? ";Cache=Private" : ";Application Name=other-process"));

    private async Task<(int Leader, int Student)> SeedAsync()
    {
        await using var db = _database.NewContext();
        var (_, leader) = await Seed.MemberAsync(db, "2023001", Stage.Full);
        var (_, student) = await Seed.MemberAsync(db, "2025001");
        return (leader.Id, student.Id);
    }

    [SkippableFact]
    public async Task Excuse_SameObligationFromTwoProcessesAtOnce_StoresOneAndTheOtherIsAUniqueViolation()
    {
        var (leader, student) = await SeedAsync();
        var contexts = new[] { _database.NewContext(), OtherProcess(), _database.NewContext(), OtherProcess(), _database.NewContext() };

        var outcomes = await Task.WhenAll(contexts.Select(async db =>
        {
            db.Excuses.Add(new Excuse(student, student, ObligationKind.ThoughtReport, November, "病假", leader, At));
            try
            {
                await db.SaveChangesAsync();
                return "stored";
            }
            catch (DbUpdateException e)
            {
                return e.IsUniqueViolation() ? "unique" : "other: " + e.InnerException?.Message;
            }
        }));
        foreach (var db in contexts) await db.DisposeAsync();

        Assert.Equal(["stored", "unique", "unique", "unique", "unique"], outcomes.Order());
        await using var read = _database.NewContext();
        Assert.Equal(1, await read.Excuses.CountAsync());
    }

    [SkippableFact]
    public async Task TeamsUser_FirstContactFromTwoProcessesAtOnce_StoresOneAndTheOtherIsAUniqueViolation()
    {
        // installationUpdate and the first message arrive together, possibly at two instances: the AAD id lets one in.
        var contexts = new[] { _database.NewContext(), OtherProcess(), _database.NewContext(), OtherProcess() };

        var outcomes = await Task.WhenAll(contexts.Select(async (db, n) =>
        {
            db.TeamsUsers.Add(new TeamsUser
            {
                AadObjectId = "aad-first", TeamsUserId = "29:first", TenantId = "tenant", ServiceUrl = "https://smba.example/",
                ConversationId = "a:conv-" + n, ConversationReferenceJson = "{}", InstalledAt = At, UpdatedAt = At,
            });
            try
            {
                await db.SaveChangesAsync();
                return "stored";
            }
            catch (DbUpdateException e)
            {
                return e.IsUniqueViolation() ? "unique" : "other: " + e.InnerException?.Message;
            }
        }));
        foreach (var db in contexts) await db.DisposeAsync();

        Assert.Equal(["stored", "unique", "unique", "unique"], outcomes.Order());
        await using var read = _database.NewContext();
        Assert.Equal(1, await read.TeamsUsers.CountAsync());
    }

    [SkippableFact]
    public async Task Excuse_OtherPeriodOrKind_IsNotADuplicate()
    {
        var (leader, student) = await SeedAsync();
        await using var db = _database.NewContext();
        db.Excuses.Add(new Excuse(student, student, ObligationKind.ThoughtReport, November, "病假", leader, At));
        db.Excuses.Add(new Excuse(student, student, ObligationKind.ThoughtReport, November.Next(), "病假", leader, At));
        db.Excuses.Add(new Excuse(leader, student, ObligationKind.Talk, November, "出差", leader, At));

        await db.SaveChangesAsync();

        Assert.Equal(3, await db.Excuses.CountAsync());
    }

    [SkippableFact]
    public async Task IsUniqueViolation_ForeignKeyFailure_IsFalse()
    {
        await using var db = _database.NewContext();
        db.Excuses.Add(new Excuse(9999, 9998, ObligationKind.ThoughtReport, November, "病假", 9997, At));

        var e = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        Assert.False(e.IsUniqueViolation());
    }

    [SkippableFact]
    public async Task Extension_TwoPendingRequestsForOneObligation_SecondIsAUniqueViolation()
    {
        var (_, student) = await SeedAsync();
        await using (var db = _database.NewContext())
        {
            db.Extensions.Add(new Extension(student, ObligationKind.ThoughtReport, November, new DateOnly(2026, 12, 7), "考试", At));
            await db.SaveChangesAsync();
        }

        await using var other = OtherProcess();
        other.Extensions.Add(new Extension(student, ObligationKind.ThoughtReport, November, new DateOnly(2026, 12, 7), "考试", At));
        var e = await Assert.ThrowsAsync<DbUpdateException>(() => other.SaveChangesAsync());

        Assert.True(e.IsUniqueViolation());
    }

    [SkippableFact]
    public async Task Extension_AfterADecision_MayBeAskedAgain()
    {
        var (leader, student) = await SeedAsync();
        await using var db = _database.NewContext();
        var first = new Extension(student, ObligationKind.ThoughtReport, November, new DateOnly(2026, 12, 7), "考试", At);
        first.Decide(approve: false, leader, At.AddHours(1));
        db.Extensions.Add(first);
        db.Extensions.Add(new Extension(student, ObligationKind.ThoughtReport, November, new DateOnly(2026, 12, 7), "还是考试", At.AddHours(2)));

        await db.SaveChangesAsync();

        Assert.Equal(2, await db.Extensions.CountAsync());
    }

    [SkippableFact]
    public async Task TryStoreDecision_TwoDecidersInTwoProcessesAtOnce_OneWinsAndTheStoredOutcomeIsTheWinners()
    {
        var (leader, student) = await SeedAsync();
        long id;
        await using (var db = _database.NewContext())
        {
            var request = new Extension(student, ObligationKind.ThoughtReport, November, new DateOnly(2026, 12, 7), "考试", At);
            db.Extensions.Add(request);
            await db.SaveChangesAsync();
            id = request.Id;
        }

        // Every decider reads the request while it is still undecided, then all write at once.
        (BranchDbContext Db, bool Approve)[] deciders = [(_database.NewContext(), true), (OtherProcess(), false), (_database.NewContext(), false), (OtherProcess(), true)];
        var requests = new List<Extension>();
        foreach (var (db, approve) in deciders)
        {
            var request = await db.Extensions.AsNoTracking().SingleAsync(e => e.Id == id);
            request.Decide(approve, leader, At.AddHours(approve ? 1 : 2));
            requests.Add(request);
        }
        var won = await Task.WhenAll(deciders.Select((d, i) => Task.Run(() => d.Db.TryStoreDecisionAsync(requests[i], CancellationToken.None))));
        foreach (var (db, _) in deciders) await db.DisposeAsync();
        var results = won.Select((w, i) => (Won: w, deciders[i].Approve)).ToList();

        var winner = Assert.Single(results, r => r.Won);
        await using var read = _database.NewContext();
        var stored = await read.Extensions.SingleAsync();
        Assert.Equal(winner.Approve ? ExtensionStatus.Approved : ExtensionStatus.Declined, stored.Status);
        Assert.Equal(At.AddHours(winner.Approve ? 1 : 2), stored.DecidedAt);
        Assert.Equal(leader, stored.DecidedById);
    }

    [SkippableFact]
    public async Task Migrate_ExistingDuplicatesFromBeforeTheUniqueIndexes_KeepsTheEarliestOfEach()
    {
        Skip.If(provider != DatabaseProvider.Sqlite, "SQLite's migration set only: the PostgreSQL set begins with these indexes, and a SQL Server database from before them cannot be built here.");
        var directory = Directory.CreateTempSubdirectory("branchbot-migrate-").FullName;
        var connectionString = $"Data Source={Path.Combine(directory, "old.db")};Pooling=False";
        try
        {
            await using (var old = BranchDbContextFactory.Create(DatabaseProvider.Sqlite, connectionString))
            {
                await old.GetService<IMigrator>().MigrateAsync("20261126084549_ReminderLedger");
                var leader = await Seed.MemberRowAsync(old, "2023001", Stage.Full, new DateOnly(2026, 3, 1));
                var student = await Seed.MemberRowAsync(old, "2025001", Stage.Activist, new DateOnly(2026, 3, 1));
                old.Excuses.AddRange(
                    new Excuse(student, student, ObligationKind.ThoughtReport, November, "第一次", leader, At),
                    new Excuse(student, student, ObligationKind.ThoughtReport, November, "第二次", leader, At.AddSeconds(1)),
                    new Excuse(student, student, ObligationKind.ThoughtReport, November.Next(), "另一期", leader, At));
                var declined = new Extension(student, ObligationKind.ThoughtReport, November, new DateOnly(2026, 12, 7), "被拒", At);
                declined.Decide(approve: false, leader, At);
                old.Extensions.AddRange(
                    declined,
                    new Extension(student, ObligationKind.ThoughtReport, November, new DateOnly(2026, 12, 7), "第一次", At),
                    new Extension(student, ObligationKind.ThoughtReport, November, new DateOnly(2026, 12, 7), "第二次", At.AddSeconds(1)));
                await old.SaveChangesAsync();
            }

            await using var db = BranchDbContextFactory.Create(DatabaseProvider.Sqlite, connectionString);
            await db.Database.MigrateAsync();

            Assert.Equal(["第一次", "另一期"], await db.Excuses.OrderBy(e => e.Id).Select(e => e.Reason).ToListAsync());
            Assert.Equal(["被拒", "第一次"], await db.Extensions.OrderBy(e => e.Id).Select(e => e.Reason).ToListAsync());
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
        }
    }
}
