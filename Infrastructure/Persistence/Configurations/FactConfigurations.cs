using BranchBot.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BranchBot.Infrastructure.Persistence.Configurations;

internal static class Columns
{
    public const string PeriodKey = "PeriodKey";
    public const int IdempotencyKeyLength = 128;
}

internal sealed class SubmissionConfiguration : IEntityTypeConfiguration<Submission>
{
    public void Configure(EntityTypeBuilder<Submission> b)
    {
        b.Property(s => s.Period).HasColumnName(Columns.PeriodKey);
        b.Property(s => s.IdempotencyKey).HasMaxLength(Columns.IdempotencyKeyLength);
        b.HasOne<Member>().WithMany().HasForeignKey(s => s.MemberId).OnDelete(DeleteBehavior.Restrict);
        // A resubmission is a new row with the next version; this index also serves "by member and period".
        b.HasIndex(s => new { s.MemberId, s.Kind, s.Period, s.Version }).IsUnique();
        b.HasIndex(s => s.IdempotencyKey).IsUnique();
        b.HasIndex(s => new { s.Period, s.Kind });
    }
}

internal sealed class TalkConfiguration : IEntityTypeConfiguration<Talk>
{
    public void Configure(EntityTypeBuilder<Talk> b)
    {
        b.Property(t => t.Topic).HasMaxLength(200);
        b.Property(t => t.IdempotencyKey).HasMaxLength(Columns.IdempotencyKeyLength);
        b.HasOne<Member>().WithMany().HasForeignKey(t => t.MentorId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Member>().WithMany().HasForeignKey(t => t.MenteeId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(t => new { t.MenteeId, t.Date });
        b.HasIndex(t => new { t.MentorId, t.Date });
        b.HasIndex(t => t.IdempotencyKey).IsUnique();
    }
}

internal sealed class ExcuseConfiguration : IEntityTypeConfiguration<Excuse>
{
    public void Configure(EntityTypeBuilder<Excuse> b)
    {
        b.Property(e => e.Period).HasColumnName(Columns.PeriodKey);
        b.Property(e => e.Reason).HasMaxLength(500);
        b.HasOne<Member>().WithMany().HasForeignKey(e => e.SubjectId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Member>().WithMany().HasForeignKey(e => e.OwnerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Member>().WithMany().HasForeignKey(e => e.ExcusedById).OnDelete(DeleteBehavior.Restrict);
        // One excuse per obligation, so five racing Excuse clicks store one. Unfiltered on SQL Server too, where
        // a NULL owner (the committee) then counts as one owner; SQLite treats NULLs as distinct.
        b.HasIndex(e => new { e.SubjectId, e.Kind, e.Period, e.OwnerId }).IsUnique().HasFilter(null);
    }
}

internal sealed class ExtensionConfiguration : IEntityTypeConfiguration<Extension>
{
    public void Configure(EntityTypeBuilder<Extension> b)
    {
        b.Property(e => e.Period).HasColumnName(Columns.PeriodKey);
        b.Property(e => e.Reason).HasMaxLength(500);
        b.HasOne<Member>().WithMany().HasForeignKey(e => e.MemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Member>().WithMany().HasForeignKey(e => e.DecidedById).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(e => new { e.MemberId, e.Kind, e.Period });
        // At most one undecided request per obligation: racing requests store one and send the leader one card.
        // A decided request does not block asking again.
        b.HasIndex(e => new { e.MemberId, e.Kind, e.Period }, "OnePendingRequest")
            .IsUnique()
            .HasFilter(PendingFilter)
            .HasDatabaseName("IX_Extensions_OnePendingRequest");
    }

    // The same SQL on SQLite and SQL Server: Status is an integer column.
    internal static readonly string PendingFilter = $"Status = {(int)ExtensionStatus.Requested}";
}

internal sealed class EvaluationConfiguration : IEntityTypeConfiguration<Evaluation>
{
    public void Configure(EntityTypeBuilder<Evaluation> b)
    {
        b.Property(e => e.Period).HasColumnName(Columns.PeriodKey);
        b.HasOne<Member>().WithMany().HasForeignKey(e => e.SubjectId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Member>().WithMany().HasForeignKey(e => e.RecordedById).OnDelete(DeleteBehavior.Restrict);
        // One evaluation of a person per kind and period: a second click (or a second committee member) finds the first.
        b.HasIndex(e => new { e.SubjectId, e.Kind, e.Period }).IsUnique();
    }
}
