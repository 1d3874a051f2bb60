using BranchBot.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BranchBot.Infrastructure.Persistence.Configurations;

internal sealed class GroupConfiguration : IEntityTypeConfiguration<Group>
{
    public void Configure(EntityTypeBuilder<Group> b)
    {
        b.Property(g => g.Name).HasMaxLength(64);
        b.HasIndex(g => g.Name).IsUnique();
    }
}

internal sealed class MemberConfiguration : IEntityTypeConfiguration<Member>
{
    public void Configure(EntityTypeBuilder<Member> b)
    {
        b.Property(m => m.StudentNumber).HasMaxLength(32);
        b.Property(m => m.Name).HasMaxLength(64);
        b.Property(m => m.Email).HasMaxLength(256);
        b.Property(m => m.AadObjectId).HasMaxLength(64);
        // Unique indexes on nullable columns: SQLite lets NULLs repeat, and EF filters them out on SQL Server.
        b.HasIndex(m => m.StudentNumber).IsUnique();
        b.HasIndex(m => m.Email).IsUnique();
        b.HasIndex(m => m.AadObjectId).IsUnique();
        b.HasOne<Group>().WithMany().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(m => m.Mentors).WithOne().HasForeignKey(a => a.MenteeId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(m => m.Mentors).HasField("_mentors").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasMany(m => m.StageChanges).WithOne().HasForeignKey(c => c.MemberId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(m => m.StageChanges).HasField("_stageChanges").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.Ignore(m => m.Stages);
    }
}

// One deployment will serve several branches: a new table carries its branch in a BranchId column. Today there is one
// branch, BranchSetting.SingletonId, which the column defaults to (no foreign key: the setting row is created lazily).
internal sealed class StageChangeConfiguration : IEntityTypeConfiguration<StageChange>
{
    public const string BranchId = "BranchId";

    public void Configure(EntityTypeBuilder<StageChange> b)
    {
        b.Property<int>(BranchId).HasDefaultValue(BranchSetting.SingletonId);
    }
}

internal sealed class MentorAssignmentConfiguration : IEntityTypeConfiguration<MentorAssignment>
{
    public void Configure(EntityTypeBuilder<MentorAssignment> b)
    {
        b.HasOne<Member>().WithMany().HasForeignKey(a => a.MentorId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(a => new { a.MenteeId, a.MentorId }).IsUnique();
    }
}
