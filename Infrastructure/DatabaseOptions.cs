using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BranchBot.Infrastructure;

public enum DatabaseProvider
{
    Sqlite = 1,
    SqlServer = 2,
    Postgres = 3,
}

// Section "Database". The provider is always explicit; SQLite needs nothing else.
public sealed class DatabaseOptions
{
    public const string Section = "Database";
    public const string DataDirectoryVariable = "BRANCHBOT_DATA";
    public const string DefaultSqliteFile = "branchbot.db";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
    public string? ConnectionString { get; set; }
    // Where SQLite files live. Resolved by ResolveDatabasePaths: Database:DataDirectory, else the
    // BRANCHBOT_DATA variable, else "data"; a relative path is taken from the content root.
    public string? DataDirectory { get; set; }

    // The connection string actually used: for SQLite, the default file or a relative Data Source placed
    // in DataDirectory. Set by ResolveDatabasePaths.
    public string EffectiveConnectionString { get; internal set; } = "";
}

internal sealed class ResolveDatabasePaths(string contentRoot, string? dataVariable) : IPostConfigureOptions<DatabaseOptions>
{
    public void PostConfigure(string? name, DatabaseOptions options)
    {
        var dir = !string.IsNullOrWhiteSpace(options.DataDirectory) ? options.DataDirectory
            : !string.IsNullOrWhiteSpace(dataVariable) ? dataVariable
            : "data";
        options.DataDirectory = Path.GetFullPath(dir, contentRoot);
        options.EffectiveConnectionString = options.Provider == DatabaseProvider.Sqlite
            ? SqliteConnection(options.ConnectionString, options.DataDirectory)
            : options.ConnectionString ?? "";
    }

    private static string SqliteConnection(string? configured, string dataDirectory)
    {
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(configured) ? $"Data Source={DatabaseOptions.DefaultSqliteFile}" : configured);
        var inMemory = builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:";
        if (!inMemory && !Path.IsPathRooted(builder.DataSource))
            builder.DataSource = Path.Combine(dataDirectory, builder.DataSource);
        return builder.ToString();
    }
}

internal sealed class ValidateDatabaseOptions : IValidateOptions<DatabaseOptions>
{
    public ValidateOptionsResult Validate(string? name, DatabaseOptions options)
    {
        if (!Enum.IsDefined(options.Provider))
            return ValidateOptionsResult.Fail($"{DatabaseOptions.Section}:Provider must be Sqlite, SqlServer or Postgres.");
        if (options.Provider != DatabaseProvider.Sqlite && string.IsNullOrWhiteSpace(options.ConnectionString))
            return ValidateOptionsResult.Fail($"{DatabaseOptions.Section}:ConnectionString is required when {DatabaseOptions.Section}:Provider is {options.Provider}.");
        if (options.Provider == DatabaseProvider.Postgres)
        {
            try { _ = new NpgsqlConnectionStringBuilder(options.ConnectionString); }
            catch (ArgumentException e) { return ValidateOptionsResult.Fail($"{DatabaseOptions.Section}:ConnectionString is not a PostgreSQL connection string: {e.Message}"); }
        }
        if (options.Provider == DatabaseProvider.Sqlite && !string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            try { _ = new SqliteConnectionStringBuilder(options.ConnectionString); }
            catch (ArgumentException e) { return ValidateOptionsResult.Fail($"{DatabaseOptions.Section}:ConnectionString is not a SQLite connection string: {e.Message}"); }
        }
        return ValidateOptionsResult.Success;
    }
}
