using BranchBot.Domain;
using BranchBot.Domain.Pipeline;
using BranchBot.Domain.Assessment;
using BranchBot.Domain.Evaluations;
using BranchBot.Domain.Meetings;
using BranchBot.Domain.Calendar;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using BranchBot.Domain.Dues;
using BranchBot.Domain.Transfers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace BranchBot.Infrastructure.Persistence;

// The branch's database. Each provider has its own subclass so that each keeps its own migration set
// (Migrations/Sqlite, Migrations/SqlServer, Migrations/Postgres); use cases take this base type.
public abstract class BranchDbContext(DbContextOptions options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<Group> Groups => Set<Group>();
    public DbSet<Member> Members => Set<Member>();
    public DbSet<MentorAssignment> MentorAssignments => Set<MentorAssignment>();
    public DbSet<StageChange> StageChanges => Set<StageChange>();
    public DbSet<Submission> Submissions => Set<Submission>();
    public DbSet<Talk> Talks => Set<Talk>();
    public DbSet<Excuse> Excuses => Set<Excuse>();
    public DbSet<Extension> Extensions => Set<Extension>();
    public DbSet<Evaluation> Evaluations => Set<Evaluation>();
    public DbSet<ReportReview> ReportReviews => Set<ReportReview>();
    public DbSet<TalkConfirmation> TalkConfirmations => Set<TalkConfirmation>();
    public DbSet<TeamsUser> TeamsUsers => Set<TeamsUser>();
    public DbSet<BranchSetting> BranchSettings => Set<BranchSetting>();
    public DbSet<ReminderDelivery> ReminderDeliveries => Set<ReminderDelivery>();
    public DbSet<PolicyChange> PolicyChanges => Set<PolicyChange>();
    public DbSet<StageDecision> StageDecisions => Set<StageDecision>();
    public DbSet<DefenceScore> DefenceScores => Set<DefenceScore>();
    // Selection of activists (公示)
    public DbSet<Selection> Selections => Set<Selection>();
    public DbSet<SelectionObjection> SelectionObjections => Set<SelectionObjection>();
    public DbSet<SendPacing> SendPacings => Set<SendPacing>();
    // Meetings (三会一课)
    public DbSet<Meeting> Meetings => Set<Meeting>();
    public DbSet<MeetingAttendee> MeetingAttendees => Set<MeetingAttendee>();
    // The academic calendar
    public DbSet<CalendarSpan> CalendarSpans => Set<CalendarSpan>();
    public DbSet<Leave> Leaves => Set<Leave>();
    // Evaluations (half-yearly comprehensive evaluation) and the Party school
    public DbSet<EvaluationRound> EvaluationRounds => Set<EvaluationRound>();
    public DbSet<EvaluationRating> EvaluationRatings => Set<EvaluationRating>();
    public DbSet<PartySchoolNomination> PartySchoolNominations => Set<PartySchoolNomination>();
    // The semester assessment sheet (考察表): branch duty and class conduct
    public DbSet<BranchDutyRecord> BranchDutyRecords => Set<BranchDutyRecord>();
    public DbSet<ConductRecord> ConductRecords => Set<ConductRecord>();
    // The tab's cookie and antiforgery keys, shared by every instance (ASP.NET Core Data Protection).
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    // Party dues (党费) and graduate transfers (组织关系转接)
    public DbSet<DuesRate> DuesRates => Set<DuesRate>();
    public DbSet<DuesPayment> DuesPayments => Set<DuesPayment>();
    public DbSet<DuesRemittance> DuesRemittances => Set<DuesRemittance>();
    public DbSet<Transfer> Transfers => Set<Transfer>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<Period>().HaveConversion<PeriodKeyConverter>().HaveMaxLength(16);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(BranchDbContext).Assembly);
}

public sealed class SqliteBranchDbContext(DbContextOptions<SqliteBranchDbContext> options) : BranchDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // SQLite has no datetimeoffset type: EF stores text it cannot compare or order in SQL. UTC ticks
        // keep "SubmittedAt < deadline" and ORDER BY in the database (the offset is not kept: reads are UTC).
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }
}

public sealed class SqlServerBranchDbContext(DbContextOptions<SqlServerBranchDbContext> options) : BranchDbContext(options);

public sealed class PostgresBranchDbContext(DbContextOptions<PostgresBranchDbContext> options) : BranchDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // timestamptz stores an instant and Npgsql refuses to write a non-zero offset: store UTC, read UTC (as SQLite).
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<ToUtcConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // PostgreSQL folds unquoted names to lower case, so the shared filter SQL would name no column.
        modelBuilder.Entity<Extension>().HasIndex(e => new { e.MemberId, e.Kind, e.Period }, "OnePendingRequest")
            .HasFilter($"\"Status\" = {(int)ExtensionStatus.Requested}");
        // As on SQL Server: a NULL owner (the committee) is one owner, so racing committee excuses store one.
        modelBuilder.Entity<Excuse>().HasIndex(e => new { e.SubjectId, e.Kind, e.Period, e.OwnerId }).AreNullsDistinct(false);
    }
}

internal sealed class PeriodKeyConverter() : ValueConverter<Period, string>(p => p.Key, key => Period.Parse(key));

internal sealed class ToUtcConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(v => v.ToUniversalTime(), v => v);

internal sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero));

// `dotnet ef` builds the contexts through these, so adding a migration needs no server and no host.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteBranchDbContext>
{
    public SqliteBranchDbContext CreateDbContext(string[] args) =>
        (SqliteBranchDbContext)BranchDbContextFactory.Create(DatabaseProvider.Sqlite, "Data Source=design-time.db");
}

internal sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerBranchDbContext>
{
    public SqlServerBranchDbContext CreateDbContext(string[] args) =>
        (SqlServerBranchDbContext)BranchDbContextFactory.Create(DatabaseProvider.SqlServer, BranchDbContextFactory.DesignTimeSqlServer);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresBranchDbContext>
{
    public PostgresBranchDbContext CreateDbContext(string[] args) =>
        (PostgresBranchDbContext)BranchDbContextFactory.Create(DatabaseProvider.Postgres, BranchDbContextFactory.DesignTimePostgres);
}
