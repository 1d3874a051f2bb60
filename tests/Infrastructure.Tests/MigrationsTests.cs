using BranchBot.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace BranchBot.Infrastructure.Tests;

public class MigrationsTests
{
    [Fact]
    public void Migrate_FreshSqliteFile_CreatesEveryTableAndLeavesNothingPending()
    {
        using var database = new TestDatabase();
        using var db = database.NewContext();

        var tables = db.Database.SqlQueryRaw<string>("SELECT name AS Value FROM sqlite_master WHERE type = 'table'").ToList();

        Assert.Subset(tables.ToHashSet(), new HashSet<string>
        {
            "Groups", "Members", "MentorAssignments", "Submissions", "Talks", "Excuses", "Extensions",
            "Evaluations", "TeamsUsers", "BranchSettings", "ReminderDeliveries", "StageChanges",
        });
        Assert.Empty(db.Database.GetPendingMigrations());
    }

    [SkippableTheory]
    [InlineData(DatabaseProvider.Postgres)]
    [InlineData(DatabaseProvider.SqlServer)]
    public void Migrate_FreshServerDatabase_CreatesEveryTableAndLeavesNothingPending(DatabaseProvider provider)
    {
        using var database = new TestDatabase(provider);
        using var db = database.NewContext();

        var tables = db.Database.SqlQueryRaw<string>("SELECT TABLE_NAME AS \"Value\" FROM INFORMATION_SCHEMA.TABLES").ToList();

        Assert.Subset(tables.ToHashSet(), new HashSet<string>
        {
            "Groups", "Members", "MentorAssignments", "Submissions", "Talks", "Excuses", "Extensions",
            "Evaluations", "TeamsUsers", "BranchSettings", "ReminderDeliveries", "StageChanges", "PolicyChanges",
        });
        Assert.Empty(db.Database.GetPendingMigrations());
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.SqlServer)]
    [InlineData(DatabaseProvider.Postgres)]
    public void HasPendingModelChanges_EachProvidersMigrations_MatchTheModel(DatabaseProvider provider)
    {
        using var db = BranchDbContextFactory.CreateOffline(provider);

        Assert.False(db.Database.HasPendingModelChanges(), $"Add a {provider} migration: the model changed.");
    }

    [Fact]
    public void GenerateMigrationScript_SqlServer_IsIdempotentAndCreatesTheTables()
    {
        var script = DependencyInjection.GenerateMigrationScript(DatabaseProvider.SqlServer);

        Assert.Contains("CREATE TABLE [Members]", script);
        Assert.Contains("CREATE TABLE [ReminderDeliveries]", script);
        Assert.Contains("IF NOT EXISTS", script);
        Assert.Contains("[SubmittedAt] datetimeoffset NOT NULL", script);
    }

    [Fact]
    public void GenerateMigrationScript_Postgres_IsIdempotentAndCreatesTheTables()
    {
        var script = DependencyInjection.GenerateMigrationScript(DatabaseProvider.Postgres);

        Assert.Contains("CREATE TABLE \"Members\"", script);
        Assert.Contains("CREATE TABLE \"ReminderDeliveries\"", script);
        Assert.Contains("IF NOT EXISTS", script);
        Assert.Contains("\"SubmittedAt\" timestamp with time zone NOT NULL", script);
        Assert.Contains("NULLS NOT DISTINCT", script);
        Assert.Contains("WHERE \"Status\" = 1", script);
    }
}
