using BranchBot.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BranchBot.Infrastructure.Persistence.Configurations;

internal sealed class ReportReviewConfiguration : IEntityTypeConfiguration<ReportReview>
{
    public void Configure(EntityTypeBuilder<ReportReview> b)
    {
        b.Property<int>(StageChangeConfiguration.BranchId).HasDefaultValue(BranchSetting.SingletonId);
        b.Property(r => r.Comment).HasMaxLength(500);
        b.HasOne<Submission>().WithMany().HasForeignKey(r => r.SubmissionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Member>().WithMany().HasForeignKey(r => r.ReviewerId).OnDelete(DeleteBehavior.Restrict);
        // One decision per version: of two reviewers deciding at once, one insert wins and the other is told.
        b.HasIndex(StageChangeConfiguration.BranchId, nameof(ReportReview.SubmissionId)).IsUnique();
    }
}

internal sealed class TalkConfirmationConfiguration : IEntityTypeConfiguration<TalkConfirmation>
{
    public void Configure(EntityTypeBuilder<TalkConfirmation> b)
    {
        b.Property<int>(StageChangeConfiguration.BranchId).HasDefaultValue(BranchSetting.SingletonId);
        b.Property(c => c.Note).HasMaxLength(500);
        b.HasOne<Talk>().WithMany().HasForeignKey(c => c.TalkId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Member>().WithMany().HasForeignKey(c => c.MenteeId).OnDelete(DeleteBehavior.Restrict);
        // One answer per talk: a double tap or a confirm racing a dispute stores one.
        b.HasIndex(StageChangeConfiguration.BranchId, nameof(TalkConfirmation.TalkId)).IsUnique();
    }
}
