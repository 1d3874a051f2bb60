using BranchBot.Domain;
using BranchBot.Domain.Dues;
using BranchBot.Domain.Transfers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BranchBot.Infrastructure.Persistence.Configurations;

internal sealed class DuesRateConfiguration : IEntityTypeConfiguration<DuesRate>
{
    public void Configure(EntityTypeBuilder<DuesRate> b)
    {
        b.ToTable("DuesRates");
        b.Property(r => r.Amount).HasPrecision(12, 2);
        b.HasOne<Member>().WithMany().HasForeignKey(r => r.MemberId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Member>().WithMany().HasForeignKey(r => r.SetById).OnDelete(DeleteBehavior.Restrict);
        // One rate per member and first month: setting it again changes it.
        b.HasIndex(r => new { r.MemberId, r.FromMonth }).IsUnique();
    }
}

internal sealed class DuesPaymentConfiguration : IEntityTypeConfiguration<DuesPayment>
{
    public void Configure(EntityTypeBuilder<DuesPayment> b)
    {
        b.ToTable("DuesPayments");
        b.Property(p => p.Amount).HasPrecision(12, 2);
        b.Property(p => p.Receipt).HasMaxLength(DuesPayment.ReceiptMaxLength);
        b.HasOne<Member>().WithMany().HasForeignKey(p => p.MemberId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Member>().WithMany().HasForeignKey(p => p.RecordedById).OnDelete(DeleteBehavior.Restrict);
        // One payment per member and month: a double click records one.
        b.HasIndex(p => new { p.MemberId, p.Month }).IsUnique();
        b.HasIndex(p => p.Month);
    }
}

internal sealed class DuesRemittanceConfiguration : IEntityTypeConfiguration<DuesRemittance>
{
    public void Configure(EntityTypeBuilder<DuesRemittance> b)
    {
        b.ToTable("DuesRemittances");
        b.Property<int>(StageChangeConfiguration.BranchId).HasDefaultValue(BranchSetting.SingletonId);
        b.Property(r => r.Amount).HasPrecision(14, 2);
        b.Property(r => r.Receipt).HasMaxLength(DuesPayment.ReceiptMaxLength);
        b.HasOne<Member>().WithMany().HasForeignKey(r => r.RecordedById).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(StageChangeConfiguration.BranchId, nameof(DuesRemittance.Month)).IsUnique();
    }
}

internal sealed class TransferConfiguration : IEntityTypeConfiguration<Transfer>
{
    public void Configure(EntityTypeBuilder<Transfer> b)
    {
        b.ToTable("TransfersTransfers");
        b.Property(t => t.Destination).HasMaxLength(Transfer.DestinationMaxLength);
        b.HasOne<Member>().WithMany().HasForeignKey(t => t.MemberId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Member>().WithMany().HasForeignKey(t => t.RecordedById).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Member>().WithMany().HasForeignKey(t => t.ReceiptRecordedById).OnDelete(DeleteBehavior.Restrict);
        // One transfer per member: a double click issues one letter.
        b.HasIndex(t => t.MemberId).IsUnique();
    }
}
