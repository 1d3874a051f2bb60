using BranchBot.Domain;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Infrastructure.Tests;

public sealed class SqliteWriteGateTests : IDisposable
{
    private readonly TestDatabase _database = new();

    [Fact]
    public async Task SaveChangesAsync_AfterAFailedSave_NextSaveIsNotBlocked()
    {
        await using (var first = _database.NewContext())
        {
            first.Groups.Add(new Group("第一小组"));
            await first.SaveChangesAsync();
        }

        await using (var duplicate = _database.NewContext())
        {
            duplicate.Groups.Add(new Group("第一小组"));
            await Assert.ThrowsAsync<DbUpdateException>(() => duplicate.SaveChangesAsync());
        }

        await using var next = _database.NewContext();
        next.Groups.Add(new Group("第二小组"));
        var saved = next.SaveChangesAsync();
        Assert.Same(saved, await Task.WhenAny(saved, Task.Delay(TimeSpan.FromSeconds(10))));
        Assert.Equal(1, await saved);
    }

    [Fact]
    public async Task SaveChangesAsync_ManyContextsAtOnce_AllRowsStored()
    {
        await Task.WhenAll(Enumerable.Range(0, 24).Select(async i =>
        {
            await using var db = _database.NewContext();
            db.Groups.Add(new Group($"小组{i}"));
            await db.SaveChangesAsync();
        }));

        await using var check = _database.NewContext();
        Assert.Equal(24, await check.Groups.CountAsync());
    }

    public void Dispose() => _database.Dispose();
}

// SQLite reads pages with pread into its own small cache, never through a memory map: on a 20,000-person branch a
// map put the whole database file into the process's resident set (about 115 MB on run-scale.sh's 124 MB file) and
// made no turn measurably faster (docs/benchmarks.md, stop 24).
public sealed class SqlitePragmaTests : IDisposable
{
    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task NewContext_OnSqlite_MapsNoDatabaseFileAndKeepsSynchronousFull()
    {
        await using var db = _database.NewContext();
        await db.Database.OpenConnectionAsync();
        Assert.Equal(0L, await PragmaAsync(db, "mmap_size"));
        // 2 = FULL: durability is not what this changes.
        Assert.Equal(2L, await PragmaAsync(db, "synchronous"));
    }

    private static async Task<long> PragmaAsync(Persistence.BranchDbContext db, string name)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
