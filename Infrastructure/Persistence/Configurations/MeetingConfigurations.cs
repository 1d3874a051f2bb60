using BranchBot.Domain;
using BranchBot.Domain.Meetings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BranchBot.Infrastructure.Persistence.Configurations;

internal sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> b)
    {
        b.ToTable("MeetingsMeetings");
        b.Property<int>(StageChangeConfiguration.BranchId).HasDefaultValue(BranchSetting.SingletonId);
        b.Property(m => m.Place).HasMaxLength(Meeting.PlaceMaxLength);
        b.Property(m => m.Topic).HasMaxLength(Meeting.TopicMaxLength);
        b.Property(m => m.Minutes).HasMaxLength(Meeting.MinutesMaxLength);
        b.Property(m => m.IdempotencyKey).HasMaxLength(Columns.IdempotencyKeyLength);
        b.HasOne<Group>().WithMany().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Member>().WithMany().HasForeignKey(m => m.ConvenerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Member>().WithMany().HasForeignKey(m => m.RecorderId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(m => m.Attendees).WithOne().HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(m => m.Attendees).HasField("_attendees").UsePropertyAccessMode(PropertyAccessMode.Field);
        // One meeting per convener and scheduling card: a double click schedules one.
        b.HasIndex(StageChangeConfiguration.BranchId, nameof(Meeting.IdempotencyKey)).IsUnique();
        b.HasIndex(m => new { m.Kind, m.StartsAt });
        b.Property(m => m.Version).IsConcurrencyToken();
    }
}

internal sealed class MeetingAttendeeConfiguration : IEntityTypeConfiguration<MeetingAttendee>
{
    public void Configure(EntityTypeBuilder<MeetingAttendee> b)
    {
        b.ToTable("MeetingsAttendees");
        b.Property(a => a.Reason).HasMaxLength(500);
        b.HasOne<Member>().WithMany().HasForeignKey(a => a.MemberId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => new { a.MeetingId, a.MemberId }).IsUnique();
        b.HasIndex(a => a.MemberId);
    }
}
