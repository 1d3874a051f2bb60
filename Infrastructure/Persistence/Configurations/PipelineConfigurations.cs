using BranchBot.Domain;
using BranchBot.Domain.Pipeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BranchBot.Infrastructure.Persistence.Configurations;

internal sealed class StageDecisionConfiguration : IEntityTypeConfiguration<StageDecision>
{
    public void Configure(EntityTypeBuilder<StageDecision> b)
    {
        b.Property<int>(StageChangeConfiguration.BranchId).HasDefaultValue(BranchSetting.SingletonId);
        b.Property(d => d.IdempotencyKey).HasMaxLength(Columns.IdempotencyKeyLength);
        b.Property(d => d.Note).HasMaxLength(500);
        b.HasOne<Member>().WithMany().HasForeignKey(d => d.SubjectId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Member>().WithMany().HasForeignKey(d => d.RecordedById).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(StageChangeConfiguration.BranchId, nameof(StageDecision.IdempotencyKey)).IsUnique();
        b.HasIndex(d => new { d.SubjectId, d.Kind });
    }
}

internal sealed class DefenceScoreConfiguration : IEntityTypeConfiguration<DefenceScore>
{
    public void Configure(EntityTypeBuilder<DefenceScore> b)
    {
        b.Property<int>(StageChangeConfiguration.BranchId).HasDefaultValue(BranchSetting.SingletonId);
        b.HasOne<Member>().WithMany().HasForeignKey(s => s.SubjectId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Member>().WithMany().HasForeignKey(s => s.ScorerId).OnDelete(DeleteBehavior.Restrict);
        // One set of marks per scorer for one defence; re-scoring updates it.
        b.HasIndex(StageChangeConfiguration.BranchId, nameof(DefenceScore.SubjectId), nameof(DefenceScore.StageSince), nameof(DefenceScore.ScorerId)).IsUnique();
        b.Ignore(s => s.Marks);
    }
}
