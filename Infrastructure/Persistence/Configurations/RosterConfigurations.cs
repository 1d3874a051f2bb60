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
