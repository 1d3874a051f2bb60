using BranchBot.Domain;
using BranchBot.Domain.Calendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BranchBot.Infrastructure.Persistence.Configurations;

internal sealed class CalendarSpanConfiguration : IEntityTypeConfiguration<CalendarSpan>
{
    public void Configure(EntityTypeBuilder<CalendarSpan> b)
    {
        b.ToTable("CalendarSpans");
        b.Property<int>(StageChangeConfiguration.BranchId).HasDefaultValue(BranchSetting.SingletonId);
        b.Ignore(s => s.IsBreak);
        // The same span entered twice is one span.
        b.HasIndex(StageChangeConfiguration.BranchId, nameof(CalendarSpan.Kind), nameof(CalendarSpan.Start)).IsUnique();
    }
}

internal sealed class LeaveConfiguration : IEntityTypeConfiguration<Leave>
{
    public void Configure(EntityTypeBuilder<Leave> b)
    {
        b.ToTable("CalendarLeaves");
        b.Property<int>(StageChangeConfiguration.BranchId).HasDefaultValue(BranchSetting.SingletonId);
        b.Property(l => l.Reason).HasMaxLength(Leave.ReasonMaxLength);
        b.HasOne<Member>().WithMany().HasForeignKey(l => l.MemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Member>().WithMany().HasForeignKey(l => l.RecordedById).OnDelete(DeleteBehavior.Restrict);
        // One leave per person and first day: a double click or a second import records one.
        b.HasIndex(l => new { l.MemberId, l.Start }).IsUnique();
    }
}
