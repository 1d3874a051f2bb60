using System.Data.Common;
using BranchBot.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace BranchBot.Bot.Delivery;

/// <summary>How one claimed ledger row ended. <see cref="Note"/> null keeps the row's note.</summary>
internal readonly record struct LedgerOutcome(long Id, string Token, ReminderDeliveryStatus Status, DateTimeOffset? SentAt, int Attempts, string? Error, string? ActivityId, string? Note);

/// <summary>
/// Writes outcomes inside the caller's transaction, each only while the row is still held by the claim's token.
/// On SQLite one prepared command serves the whole batch: EF's ExecuteUpdate compiles and looks up its expression
/// for every row, which was 57 % of the fan-out's ledger writer in the profile and 12 % of all its CPU. The command
/// is the same update as the EF one below, which the server databases use; the tests run both.
/// </summary>
internal static class LedgerOutcomes
{
    private const string SqliteUpdate = """
        UPDATE "ReminderDeliveries"
        SET "Status" = $status, "SentAt" = $sentAt, "Attempts" = "Attempts" + $attempts, "LastError" = $error,
            "ActivityId" = $activityId, "Note" = COALESCE($note, "Note")
        WHERE "Id" = $id AND "ClaimedBy" = $token
        """;

    public static async Task WriteAsync(BranchDbContext db, IReadOnlyList<LedgerOutcome> outcomes, CancellationToken ct)
    {
        if (db.Database.IsSqlite() && db.Database.CurrentTransaction is { } transaction)
            await WriteSqliteAsync(db, transaction, outcomes, ct).ConfigureAwait(false);
        else
            foreach (var o in outcomes) await WriteOneAsync(db, o, ct).ConfigureAwait(false);
    }

    internal static Task<int> WriteOneAsync(BranchDbContext db, LedgerOutcome o, CancellationToken ct) =>
        db.ReminderDeliveries.Where(d => d.Id == o.Id && d.ClaimedBy == o.Token).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.Status, o.Status)
            .SetProperty(d => d.SentAt, o.SentAt)
            .SetProperty(d => d.Attempts, d => d.Attempts + o.Attempts)
            .SetProperty(d => d.LastError, o.Error)
            .SetProperty(d => d.ActivityId, o.ActivityId)
            .SetProperty(d => d.Note, d => o.Note ?? d.Note), ct);

    private static async Task WriteSqliteAsync(BranchDbContext db, IDbContextTransaction transaction, IReadOnlyList<LedgerOutcome> outcomes, CancellationToken ct)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        command.CommandText = SqliteUpdate;
        var status = Add(command, "$status");
        var sentAt = Add(command, "$sentAt");
        var attempts = Add(command, "$attempts");
        var error = Add(command, "$error");
        var activityId = Add(command, "$activityId");
        var note = Add(command, "$note");
        var id = Add(command, "$id");
        var token = Add(command, "$token");
        foreach (var o in outcomes)
        {
            status.Value = (int)o.Status;
            // As the model stores every DateTimeOffset on SQLite (UtcTicksConverter).
            sentAt.Value = o.SentAt is { } at ? at.UtcTicks : DBNull.Value;
            attempts.Value = o.Attempts;
            error.Value = (object?)o.Error ?? DBNull.Value;
            activityId.Value = (object?)o.ActivityId ?? DBNull.Value;
            note.Value = (object?)o.Note ?? DBNull.Value;
            id.Value = o.Id;
            token.Value = o.Token;
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
    }

    private static DbParameter Add(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
