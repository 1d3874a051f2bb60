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

internal sealed class SelectionConfiguration : IEntityTypeConfiguration<Selection>
{
    public void Configure(EntityTypeBuilder<Selection> b)
    {
        b.Property<int>(StageChangeConfiguration.BranchId).HasDefaultValue(BranchSetting.SingletonId);
        b.Property(s => s.IdempotencyKey).HasMaxLength(Columns.IdempotencyKeyLength);
        // Two committee members concluding (or upholding) at once: the second save finds the outcome changed.
        b.Property(s => s.Outcome).IsConcurrencyToken();
        b.HasOne<Member>().WithMany().HasForeignKey(s => s.SubjectId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Member>().WithMany().HasForeignKey(s => s.RecommenderId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Member>().WithMany().HasForeignKey(s => s.RecordedById).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Member>().WithMany().HasForeignKey(s => s.ConcludedById).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(s => s.Objections).WithOne().HasForeignKey(o => o.SelectionId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(s => s.Objections).HasField("_objections");
        b.HasIndex(StageChangeConfiguration.BranchId, nameof(Selection.IdempotencyKey)).IsUnique();
        b.HasIndex(s => new { s.SubjectId, s.Outcome });
    }
}

internal sealed class SelectionObjectionConfiguration : IEntityTypeConfiguration<SelectionObjection>
{
    public void Configure(EntityTypeBuilder<SelectionObjection> b)
    {
        b.Property(o => o.Reason).HasMaxLength(SelectionObjection.MaxReasonLength);
        b.Property(o => o.ResolutionNote).HasMaxLength(500);
        b.Property(o => o.IdempotencyKey).HasMaxLength(Columns.IdempotencyKeyLength);
        // Two resolutions at once: the second save finds the objection resolved.
        b.Property(o => o.Resolution).IsConcurrencyToken();
        b.HasOne<Member>().WithMany().HasForeignKey(o => o.ObjectorId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Member>().WithMany().HasForeignKey(o => o.ResolvedById).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(o => new { o.SelectionId, o.IdempotencyKey }).IsUnique();
        b.Ignore(o => o.IsOpen);
    }
}
