using BranchBot.Domain;
using BranchBot.Infrastructure.Persistence;
using BranchBot.Infrastructure.Queries;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace BranchBot.Infrastructure.Tests;

public class StageHistoryTests
{
    private static readonly Branch Branch = new("测试支部", TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"), new DateOnly(2026, 1, 1));

    [Fact]
    public async Task Migrate_DatabaseFromBeforeTheHistory_MakesTheCurrentStageTheFirstEntry()
    {
        var directory = Directory.CreateTempSubdirectory("branchbot-migrate-").FullName;
        var connectionString = $"Data Source={Path.Combine(directory, "old.db")};Pooling=False";
        try
        {
            await using (var old = BranchDbContextFactory.Create(DatabaseProvider.Sqlite, connectionString))
            {
                await old.GetService<IMigrator>().MigrateAsync("20261202010209_OneWritePerClick");
                await Seed.MemberRowAsync(old, "2022001", Stage.Probationary, new DateOnly(2025, 10, 8));
                await Seed.MemberRowAsync(old, "2024001", Stage.Activist, new DateOnly(2026, 3, 1));
            }

            await using var db = BranchDbContextFactory.Create(DatabaseProvider.Sqlite, connectionString);
            await db.Database.MigrateAsync();

            var members = await db.Members.WithStageHistory().OrderBy(m => m.StudentNumber).ToListAsync();
            Assert.Equal(
                [(Stage.Probationary, new DateOnly(2025, 10, 8), StageChangeSource.Import, (DateOnly?)null), (Stage.Activist, new DateOnly(2026, 3, 1), StageChangeSource.Import, null)],
                members.Select(m => m.StageChanges.Single()).Select(c => (c.Stage, c.Since, c.Source, c.RecordedOn)));
            Assert.Equal([1, 1], await db.StageChanges.Select(c => EF.Property<int>(c, "BranchId")).ToListAsync());
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
        }
    }

    [Fact]
    public async Task ForMembersAsync_ConvertedMember_StillOwesTheProbationaryMonthsAndNothingAfter()
    {
        using var database = new TestDatabase();
        int id;
        await using (var db = database.NewContext())
        {
            var (_, member) = await Seed.MemberAsync(db, "2022001", Stage.Probationary);
            member.RecordStage(new StageChange(Stage.Full, new DateOnly(2026, 5, 1), StageChangeSource.CommitteeAction, new DateOnly(2026, 5, 1)));
            await db.SaveChangesAsync();
            id = member.Id;
        }

        await using var read = database.NewContext();
        var loaded = await new ObligationLoader(read).ForMembersAsync([id], Branch, Policy.Default, new DateOnly(2026, 8, 1), CancellationToken.None);
        var owed = loaded.Schedule.OwedBy(loaded.Owners.Single(), new DateOnly(2026, 1, 1), new DateOnly(2026, 8, 31));

        // Probationary from 2026-03-01 (Seed) to 2026-05-01: March and April reports and the Q2 branch report, begun while probationary.
        Assert.Equal(
            ["BranchReport 2026-Q2", "ThoughtReport 2026-03", "ThoughtReport 2026-04"],
            owed.Select(o => $"{o.Kind} {o.Period.Key}").Order(StringComparer.Ordinal));
    }
}
