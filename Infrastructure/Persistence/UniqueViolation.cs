using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BranchBot.Infrastructure.Persistence;

public static class UniqueViolation
{
    private const int SqliteConstraintUnique = 2067;     // SQLITE_CONSTRAINT_UNIQUE
    private const int SqliteConstraintPrimaryKey = 1555; // SQLITE_CONSTRAINT_PRIMARYKEY
    private const int SqlServerDuplicateKeyRow = 2601;   // unique index
    private const int SqlServerUniqueConstraint = 2627;  // unique constraint or primary key

    /// <summary>
    /// True when the save was refused by a unique index or key, on SQLite, SQL Server or PostgreSQL: the one failure that means
    /// "someone else already wrote this". Foreign keys, NOT NULL, a busy database or a lost connection are not.
    /// </summary>
    public static bool IsUniqueViolation(this DbUpdateException exception) => exception.InnerException switch
    {
        SqliteException e => e.SqliteExtendedErrorCode is SqliteConstraintUnique or SqliteConstraintPrimaryKey,
        SqlException e => e.Number is SqlServerDuplicateKeyRow or SqlServerUniqueConstraint,
        PostgresException e => e.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}
