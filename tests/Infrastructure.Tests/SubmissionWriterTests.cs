using BranchBot.Domain;
using BranchBot.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BranchBot.Infrastructure.Tests;

/// <summary>Group commit of submissions on SQLite: each turn returns only after its own row is committed.</summary>
public sealed class SubmissionWriterTests : IDisposable
{
    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    private sealed class Factory(TestDatabase database) : IDbContextFactory<BranchDbContext>
    {
        public BranchDbContext CreateDbContext() => database.NewContext();
    }

    private SubmissionWriter Writer() => new(new Factory(_database), Options.Create(new DatabaseOptions { Provider = DatabaseProvider.Sqlite }));

    // Another connection to the file (its own pool), as another process would read it: it sees only committed rows.
    private async Task<int> CommittedAsync(string key)
    {
        await using var other = BranchDbContextFactory.Create(DatabaseProvider.Sqlite, _database.ConnectionString + ";Cache=Private");
        return await other.Submissions.CountAsync(s => s.IdempotencyKey == key);
    }

    private async Task<int> SeedMemberAsync()
    {
        await using var db = _database.NewContext();
        return (await Seed.MemberAsync(db)).Member.Id;
    }

    // Holds SQLite's write lock from another connection, so the writer's first batch waits and the next ones queue.
    private async Task<SqliteConnection> HoldWriteLockAsync()
    {
        var connection = new SqliteConnection(_database.ConnectionString + ";Cache=Private");
        await connection.OpenAsync();
        await using var begin = connection.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE";
        await begin.ExecuteNonQueryAsync();
        return connection;
    }

    // The writer's first batch blocks its thread in SQLite's busy wait, so the lock is let go from another one.
    private static Task ReleaseLaterAsync(SqliteConnection connection) => Task.Run(async () =>
    {
        await Task.Delay(1000);
        await ReleaseAsync(connection);
    });

    // Queued in this order from one thread (each call queues before its first wait), after the first is waiting.
    private static Task<Task[]> QueueLaterAsync(params Func<Task>[] stores) => Task.Run(async () =>
    {
        await Task.Delay(300);
        return stores.Select(store => store()).ToArray();
    });

    private static async Task ReleaseAsync(SqliteConnection connection)
    {
        await using (var rollback = connection.CreateCommand())
        {
            rollback.CommandText = "ROLLBACK";
            await rollback.ExecuteNonQueryAsync();
        }
        await connection.DisposeAsync();
    }

    [Fact]
    public async Task StoreAsync_ManySubmissionsAtOnce_AllStoredEachCommittedWhenItReturns()
    {
        var member = await SeedMemberAsync();
        var writer = Writer();
        var months = Enumerable.Range(1, 24).Select(i => $"{2025 + (i - 1) / 12}-{(i - 1) % 12 + 1:00}").ToList();

        var committedOnReturn = await Task.WhenAll(months.Select(month => Task.Run(async () =>
        {
            await using var turnDb = _database.NewContext();
            await writer.StoreAsync(turnDb, Seed.Report(member, month, key: $"{member}:{month}"), CancellationToken.None);
            return await CommittedAsync($"{member}:{month}");
        })));

        Assert.All(committedOnReturn, count => Assert.Equal(1, count));
        await using var check = _database.NewContext();
        Assert.Equal(24, await check.Submissions.CountAsync());
    }

    [Fact]
    public async Task StoreAsync_DuplicateInABatch_OnlyTheDuplicateIsAUniqueViolationAndTheRestStored()
    {
        var member = await SeedMemberAsync();
        var writer = Writer();
        var held = await HoldWriteLockAsync();
        await using var a = _database.NewContext();
        await using var b = _database.NewContext();
        await using var c = _database.NewContext();
        await using var d = _database.NewContext();

        // The first waits for the lock; the next three queue behind it and go together.
        var released = ReleaseLaterAsync(held);
        var first = Task.Run(() => writer.StoreAsync(a, Seed.Report(member, "2026-09", key: "k-09"), CancellationToken.None));
        var queued = await QueueLaterAsync(
            () => writer.StoreAsync(b, Seed.Report(member, "2026-10", key: "k-10"), CancellationToken.None),
            () => writer.StoreAsync(c, Seed.Report(member, "2026-11", key: "k-10"), CancellationToken.None),
            () => writer.StoreAsync(d, Seed.Report(member, "2026-11", key: "k-11"), CancellationToken.None));
        var (second, doubleClick, fourth) = (queued[0], queued[1], queued[2]);
        await released;

        await first;
        await second;
        await fourth;
        var refused = await Assert.ThrowsAsync<DbUpdateException>(() => doubleClick);
        Assert.True(refused.IsUniqueViolation());
        await using var check = _database.NewContext();
        Assert.Equal(["k-09", "k-10", "k-11"], (await check.Submissions.Select(s => s.IdempotencyKey).ToListAsync()).Order().ToList());
    }

    [Fact]
    public async Task StoreAsync_SameVersionRacingInABatch_SecondIsAUniqueViolation()
    {
        var member = await SeedMemberAsync();
        var writer = Writer();
        var held = await HoldWriteLockAsync();
        await using var a = _database.NewContext();
        await using var b = _database.NewContext();
        await using var c = _database.NewContext();

        var released = ReleaseLaterAsync(held);
        var first = Task.Run(() => writer.StoreAsync(a, Seed.Report(member, "2026-09", key: "k-09"), CancellationToken.None));
        var queued = await QueueLaterAsync(
            () => writer.StoreAsync(b, Seed.Report(member, "2026-11", version: 1, key: "card-1"), CancellationToken.None),
            () => writer.StoreAsync(c, Seed.Report(member, "2026-11", version: 1, key: "card-2"), CancellationToken.None));
        var (one, other) = (queued[0], queued[1]);
        await released;

        await first;
        await one;
        var raced = await Assert.ThrowsAsync<DbUpdateException>(() => other);
        Assert.True(raced.IsUniqueViolation());
        Assert.Equal(1, await CommittedAsync("card-1"));
        Assert.Equal(0, await CommittedAsync("card-2"));
    }

    [Fact]
    public async Task StoreAsync_BatchFailsOtherwise_EveryTurnInItFailsAndEarlierRowsStay()
    {
        var member = await SeedMemberAsync();
        var writer = Writer();
        await using (var earlier = _database.NewContext())
            await writer.StoreAsync(earlier, Seed.Report(member, "2026-08", key: "acknowledged"), CancellationToken.None);
        var held = await HoldWriteLockAsync();
        await using var a = _database.NewContext();
        await using var b = _database.NewContext();
        await using var c = _database.NewContext();
        await using var d = _database.NewContext();

        var released = ReleaseLaterAsync(held);
        var first = Task.Run(() => writer.StoreAsync(a, Seed.Report(member, "2026-09", key: "k-09"), CancellationToken.None));
        var queued = await QueueLaterAsync(
            () => writer.StoreAsync(b, Seed.Report(member, "2026-10", key: "k-10"), CancellationToken.None),
            () => writer.StoreAsync(c, Seed.Report(member + 1000, "2026-10", key: "k-x"), CancellationToken.None),
            () => writer.StoreAsync(d, Seed.Report(member, "2026-11", key: "k-11"), CancellationToken.None));
        var (good, noSuchMember, alsoGood) = (queued[0], queued[1], queued[2]);
        await released;

        await first;
        foreach (var failed in new[] { good, noSuchMember, alsoGood })
            Assert.False((await Assert.ThrowsAsync<DbUpdateException>(() => failed)).IsUniqueViolation());
        await using var check = _database.NewContext();
        Assert.Equal(["acknowledged", "k-09"], (await check.Submissions.Select(s => s.IdempotencyKey).ToListAsync()).Order().ToList());

        // The writer goes on after a failed batch.
        await writer.StoreAsync(b, Seed.Report(member, "2026-12", key: "k-12"), CancellationToken.None);
        Assert.Equal(1, await CommittedAsync("k-12"));
    }
}
