using BranchBot.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BranchBot.Infrastructure.Persistence.Configurations;

internal sealed class TeamsUserConfiguration : IEntityTypeConfiguration<TeamsUser>
{
    public void Configure(EntityTypeBuilder<TeamsUser> b)
    {
        b.Property(u => u.AadObjectId).HasMaxLength(64);
        b.Property(u => u.TeamsUserId).HasMaxLength(256);
        b.Property(u => u.TenantId).HasMaxLength(64);
        b.Property(u => u.ServiceUrl).HasMaxLength(512);
        b.Property(u => u.ConversationId).HasMaxLength(512);
        b.Property(u => u.ClientLocale).HasMaxLength(16);
        b.Property(u => u.PreferredLanguage).HasMaxLength(16);
        b.Property(u => u.LastTypedLanguage).HasMaxLength(16);
        b.Property(u => u.UnreachableReason).HasMaxLength(64);
        b.HasIndex(u => u.AadObjectId).IsUnique();
        b.HasIndex(u => u.MemberId);
        b.HasOne<Member>().WithMany().HasForeignKey(u => u.MemberId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class BranchSettingConfiguration : IEntityTypeConfiguration<BranchSetting>
{
    public void Configure(EntityTypeBuilder<BranchSetting> b) =>
        b.Property(s => s.Id).ValueGeneratedNever();
}

internal sealed class PolicyChangeConfiguration : IEntityTypeConfiguration<PolicyChange>
{
    public void Configure(EntityTypeBuilder<PolicyChange> b)
    {
        b.Property(c => c.BranchId).HasDefaultValue(BranchSetting.SingletonId);
        b.HasOne<Member>().WithMany().HasForeignKey(c => c.ChangedById).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(c => new { c.BranchId, c.Version }).IsUnique();
    }
}

internal sealed class SendPacingConfiguration : IEntityTypeConfiguration<SendPacing>
{
    public void Configure(EntityTypeBuilder<SendPacing> b)
    {
        b.HasKey(p => new { p.BranchId, p.TenantId });
        b.Property(p => p.TenantId).HasMaxLength(64);
    }
}

internal sealed class ReminderDeliveryConfiguration : IEntityTypeConfiguration<ReminderDelivery>
{
    public void Configure(EntityTypeBuilder<ReminderDelivery> b)
    {
        b.Property(d => d.Period).HasColumnName(Columns.PeriodKey);
        b.Property(d => d.Step).HasMaxLength(80);
        b.Property(d => d.ClaimedBy).HasMaxLength(128);
        b.Property(d => d.LastError).HasMaxLength(2000);
        b.Property(d => d.ActivityId).HasMaxLength(256);
        b.Property(d => d.Note).HasMaxLength(256);
        b.HasOne<Member>().WithMany().HasForeignKey(d => d.MemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Member>().WithMany().HasForeignKey(d => d.SubjectId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(d => new { d.MemberId, d.Kind, d.Period, d.Step, d.SubjectId }).IsUnique();
        b.HasIndex(d => new { d.Status, d.ClaimedAt });
    }
}
