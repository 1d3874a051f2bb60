using BranchBot.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace BranchBot.Infrastructure;

public sealed record DatabaseHealth(string Provider, bool CanConnect, int? PendingMigrations);

public static class DependencyInjection
{
    // Registers the options (validated at start) and the database. BRANCHBOT_DATA is read through
    // configuration, which the default host fills from environment variables.
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>()
            .Bind(configuration.GetSection(DatabaseOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DatabaseOptions>, ValidateDatabaseOptions>();
        services.AddSingleton<IPostConfigureOptions<DatabaseOptions>>(sp => new ResolveDatabasePaths(
            sp.GetService<IHostEnvironment>()?.ContentRootPath ?? AppContext.BaseDirectory,
            configuration[DatabaseOptions.DataDirectoryVariable]));

        services.AddOptions<BranchOptions>()
            .Bind(configuration.GetSection(BranchOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<BranchOptions>, ValidateBranchOptions>();

        services.AddSingleton<IDbContextFactory<BranchDbContext>, BranchDbContextFactory>();
        services.AddSingleton<SubmissionWriter>();
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<BranchDbContext>>().CreateDbContext());
        return services;
    }

    // SQLite is migrated at start-up; SQL Server only through the explicit `db migrate` command.
    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken ct)
    {
        var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var logger = Logger(services);
        if (options.Provider != DatabaseProvider.Sqlite)
        {
            logger.LogInformation("Database provider {Provider}: migrations are applied explicitly (db migrate or db script), not at start-up.", options.Provider);
            return;
        }
        await ApplyMigrationsAsync(services, ct);
    }

    // Applies pending migrations of the configured provider; returns how many were applied.
    public static async Task<int> ApplyMigrationsAsync(this IServiceProvider services, CancellationToken ct)
    {
        var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        if (options.Provider == DatabaseProvider.Sqlite) EnsureSqliteDirectory(options.EffectiveConnectionString);
        await using var db = await services.GetRequiredService<IDbContextFactory<BranchDbContext>>().CreateDbContextAsync(ct);
        var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        await db.Database.MigrateAsync(ct);
        if (options.Provider == DatabaseProvider.Sqlite)
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        Logger(services).LogInformation("Database {Provider}: {Count} migration(s) applied.", options.Provider, pending.Count);
        return pending.Count;
    }

    // The idempotent script of all migrations of a provider (by default SQL Server's), needing no server.
    public static string GenerateMigrationScript(DatabaseProvider provider = DatabaseProvider.SqlServer)
    {
        using var db = BranchDbContextFactory.CreateOffline(provider);
        return db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
    }

    // For /healthz: which provider, whether it answers, and how many migrations it lacks.
    public static async Task<DatabaseHealth> CheckDatabaseAsync(this IServiceProvider services, CancellationToken ct)
    {
        var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        await using var db = await services.GetRequiredService<IDbContextFactory<BranchDbContext>>().CreateDbContextAsync(ct);
        if (options.Provider == DatabaseProvider.Sqlite && !SqliteFileExists(options.EffectiveConnectionString))
            return new DatabaseHealth(options.Provider.ToString(), false, null);
        if (!await db.Database.CanConnectAsync(ct))
            return new DatabaseHealth(options.Provider.ToString(), false, null);
        var pending = await db.Database.GetPendingMigrationsAsync(ct);
        return new DatabaseHealth(options.Provider.ToString(), true, pending.Count());
    }

    private static void EnsureSqliteDirectory(string connectionString)
    {
        var dir = Path.GetDirectoryName(new SqliteConnectionStringBuilder(connectionString).DataSource);
        if (!string.IsNullOrEmpty(dir)) Directory.CreateDirectory(dir);
    }

    // Opening a missing SQLite file creates it, so a probe must not "connect" to see whether it is there.
    private static bool SqliteFileExists(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        return builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:" || File.Exists(builder.DataSource);
    }

    private static ILogger Logger(IServiceProvider services) =>
        services.GetService<ILoggerFactory>()?.CreateLogger("BranchBot.Database") ?? NullLogger.Instance;
}
