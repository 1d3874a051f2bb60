using BranchBot.Domain;
using BranchBot.Domain.Assessment;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BranchBot.Infrastructure.Persistence.Configurations;

internal sealed class BranchDutyRecordConfiguration : IEntityTypeConfiguration<BranchDutyRecord>
{
    public void Configure(EntityTypeBuilder<BranchDutyRecord> b)
    {
        b.Property<int>(StageChangeConfiguration.BranchId).HasDefaultValue(BranchSetting.SingletonId);
        b.Property(d => d.Note).HasMaxLength(BranchDutyRecord.MaxNoteLength);
        b.HasOne<Member>().WithMany().HasForeignKey(d => d.MemberId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Member>().WithMany().HasForeignKey(d => d.RecordedById).OnDelete(DeleteBehavior.Restrict);
        // One of each kind per person and day: a double click (or two recorders at once) stores one.
        b.HasIndex(StageChangeConfiguration.BranchId, nameof(BranchDutyRecord.MemberId), nameof(BranchDutyRecord.Kind), nameof(BranchDutyRecord.Date)).IsUnique();
    }
}

internal sealed class ConductRecordConfiguration : IEntityTypeConfiguration<ConductRecord>
{
    public void Configure(EntityTypeBuilder<ConductRecord> b)
    {
        b.Property<int>(StageChangeConfiguration.BranchId).HasDefaultValue(BranchSetting.SingletonId);
        b.Property(c => c.Note).HasMaxLength(BranchDutyRecord.MaxNoteLength);
        b.HasOne<Member>().WithMany().HasForeignKey(c => c.MemberId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Member>().WithMany().HasForeignKey(c => c.RecordedById).OnDelete(DeleteBehavior.Restrict);
        // One rating per person and semester: a second one replaces it.
        b.HasIndex(StageChangeConfiguration.BranchId, nameof(ConductRecord.MemberId), nameof(ConductRecord.SemesterStart)).IsUnique();
    }
}
