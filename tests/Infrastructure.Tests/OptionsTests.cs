using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace BranchBot.Infrastructure.Tests;

public class OptionsTests : IDisposable
{
    private readonly string _contentRoot = Path.Combine(Path.GetTempPath(), "branchbot-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_contentRoot)) Directory.Delete(_contentRoot, recursive: true);
    }

    private ServiceProvider Services(params (string Key, string? Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IHostEnvironment>(new TestEnvironment(_contentRoot));
        services.AddInfrastructure(configuration);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void DatabaseOptions_Nothing_IsSqliteFileInDataUnderTheContentRoot()
    {
        using var services = Services();

        var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;

        Assert.Equal(DatabaseProvider.Sqlite, options.Provider);
        Assert.Equal(Path.Combine(_contentRoot, "data"), options.DataDirectory);
        Assert.Contains(Path.Combine(_contentRoot, "data", "branchbot.db"), options.EffectiveConnectionString);
    }

    [Fact]
    public void DatabaseOptions_DataVariableOnly_IsUsed()
    {
        using var services = Services((DatabaseOptions.DataDirectoryVariable, "/var/lib/branchbot"));

        Assert.Equal("/var/lib/branchbot", services.GetRequiredService<IOptions<DatabaseOptions>>().Value.DataDirectory);
    }

    [Fact]
    public void DatabaseOptions_ConfiguredDirectoryAndVariable_ConfigurationWinsAndRelativeIsFromContentRoot()
    {
        using var services = Services(("Database:DataDirectory", "state"), (DatabaseOptions.DataDirectoryVariable, "/var/lib/branchbot"),
            ("Database:ConnectionString", "Data Source=custom.db"));

        var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;

        Assert.Equal(Path.Combine(_contentRoot, "state"), options.DataDirectory);
        Assert.Contains(Path.Combine(_contentRoot, "state", "custom.db"), options.EffectiveConnectionString);
    }

    [Fact]
    public void DatabaseOptions_SqlServerWithoutConnectionString_FailsNamingTheKey()
    {
        using var services = Services(("Database:Provider", "SqlServer"));

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<DatabaseOptions>>().Value);

        Assert.Contains("Database:ConnectionString", error.Message);
    }

    [Fact]
    public void DatabaseOptions_PostgresWithoutConnectionString_FailsNamingTheKey()
    {
        using var services = Services(("Database:Provider", "Postgres"));

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<DatabaseOptions>>().Value);

        Assert.Contains("Database:ConnectionString", error.Message);
        Assert.Contains("Postgres", error.Message);
    }

    [Fact]
    public void DatabaseOptions_PostgresWithMalformedConnectionString_FailsNamingTheKey()
    {
        using var services = Services(("Database:Provider", "Postgres"), ("Database:ConnectionString", "Hostt=db;Nonsense=1"));

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<DatabaseOptions>>().Value);

        Assert.Contains("Database:ConnectionString", error.Message);
    }

    [Fact]
    public void DatabaseOptions_PostgresWithConnectionString_UsesItAsGiven()
    {
        using var services = Services(("Database:Provider", "Postgres"), ("Database:ConnectionString", "Host=db.example;Database=branchbot;Username=bot"));

        var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;

        Assert.Equal(DatabaseProvider.Postgres, options.Provider);
        Assert.Equal("Host=db.example;Database=branchbot;Username=bot", options.EffectiveConnectionString);
    }

    [Fact]
    public void BranchOptions_UnknownTimeZone_FailsNamingTheKey()
    {
        using var services = Services(("Branch:TimeZone", "Mars/Olympus"));

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<BranchOptions>>().Value);

        Assert.Contains("Branch:TimeZone", error.Message);
    }

    [Fact]
    public void BranchOptions_ToBranch_ConfiguredDateWinsOverStoredThenToday()
    {
        var options = new BranchOptions { Name = "艺术设计学院学生党支部" };
        var today = new DateOnly(2026, 11, 26);

        Assert.Equal(today, options.ToBranch(null, today).TrackingStartsOn);
        Assert.Equal(new DateOnly(2026, 9, 1), options.ToBranch(new DateOnly(2026, 9, 1), today).TrackingStartsOn);
        options.TrackingStartsOn = new DateOnly(2026, 10, 1);
        Assert.Equal(new DateOnly(2026, 10, 1), options.ToBranch(new DateOnly(2026, 9, 1), today).TrackingStartsOn);
        Assert.Equal("Asia/Shanghai", options.ToBranch(null, today).TimeZone.Id);
    }

    [Fact]
    public async Task CheckDatabase_BeforeAndAfterMigrating_ReportsConnectionAndPendingMigrations()
    {
        await using var services = Services();

        var before = await services.CheckDatabaseAsync(CancellationToken.None);
        await services.MigrateDatabaseAsync(CancellationToken.None);
        var after = await services.CheckDatabaseAsync(CancellationToken.None);

        Assert.Equal(new DatabaseHealth("Sqlite", false, null), before);
        Assert.Equal(new DatabaseHealth("Sqlite", true, 0), after);
        Assert.True(File.Exists(Path.Combine(_contentRoot, "data", "branchbot.db")));
    }

    private sealed class TestEnvironment(string contentRoot) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Test";
        public string ApplicationName { get; set; } = "BranchBot.Tests";
        public string ContentRootPath { get; set; } = contentRoot;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
