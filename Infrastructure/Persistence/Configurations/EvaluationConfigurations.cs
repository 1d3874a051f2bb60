using BranchBot.Domain;
using BranchBot.Domain.Evaluations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BranchBot.Infrastructure.Persistence.Configurations;

internal sealed class EvaluationRoundConfiguration : IEntityTypeConfiguration<EvaluationRound>
{
    public void Configure(EntityTypeBuilder<EvaluationRound> b)
    {
        b.Property<int>(StageChangeConfiguration.BranchId).HasDefaultValue(BranchSetting.SingletonId);
        b.Property(r => r.Score).HasPrecision(5, 2);
        // Of two last ratings saved at once, only one closes the round (and records the evaluation fact).
        b.Property(r => r.ClosedAt).IsConcurrencyToken();
        b.HasOne<Member>().WithMany().HasForeignKey(r => r.SubjectId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Member>().WithMany().HasForeignKey(r => r.OpenedById).OnDelete(DeleteBehavior.Restrict);
        // One round per member, probation and half year: a double click of "open" opens one.
        b.HasIndex(StageChangeConfiguration.BranchId, nameof(EvaluationRound.SubjectId), nameof(EvaluationRound.ProbationSince), nameof(EvaluationRound.Number)).IsUnique();
        b.Ignore(r => r.IsClosed);
        b.Ignore(r => r.Period);
    }
}

internal sealed class EvaluationRatingConfiguration : IEntityTypeConfiguration<EvaluationRating>
{
    public void Configure(EntityTypeBuilder<EvaluationRating> b)
    {
        b.Property(r => r.Score).HasPrecision(5, 2);
        b.Property(r => r.Text).HasMaxLength(2000);
        b.HasOne<EvaluationRound>().WithMany().HasForeignKey(r => r.RoundId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Member>().WithMany().HasForeignKey(r => r.RaterId).OnDelete(DeleteBehavior.Restrict);
        // One self-assessment, one branch part and one rating per peer (Slot: the peer, or 0).
        b.HasIndex(r => new { r.RoundId, r.Part, r.Slot }).IsUnique();
    }
}

internal sealed class PartySchoolNominationConfiguration : IEntityTypeConfiguration<PartySchoolNomination>
{
    public void Configure(EntityTypeBuilder<PartySchoolNomination> b)
    {
        b.Property<int>(StageChangeConfiguration.BranchId).HasDefaultValue(BranchSetting.SingletonId);
        b.HasOne<Member>().WithMany().HasForeignKey(n => n.MemberId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Member>().WithMany().HasForeignKey(n => n.NominatedById).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(StageChangeConfiguration.BranchId, nameof(PartySchoolNomination.MemberId), nameof(PartySchoolNomination.Year), nameof(PartySchoolNomination.Month)).IsUnique();
        b.Ignore(n => n.Session);
    }
}
