using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BranchBot.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SelectionEvaluationsTab : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Evaluations_SubjectId_Kind_PeriodKey",
                table: "Evaluations");

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FriendlyName = table.Column<string>(type: "TEXT", nullable: true),
                    Xml = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "EvaluationRounds",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SubjectId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProbationSince = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    PeersNeeded = table.Column<int>(type: "INTEGER", nullable: false),
                    OpenedById = table.Column<int>(type: "INTEGER", nullable: false),
                    OpenedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Score = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: true),
                    Passed = table.Column<bool>(type: "INTEGER", nullable: true),
                    BranchId = table.Column<int>(type: "INTEGER", nullable: false, defaultValue: 1)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluationRounds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvaluationRounds_Members_OpenedById",
                        column: x => x.OpenedById,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_EvaluationRounds_Members_SubjectId",
                        column: x => x.SubjectId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PartySchoolNominations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MemberId = table.Column<int>(type: "INTEGER", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Month = table.Column<int>(type: "INTEGER", nullable: false),
                    NominatedById = table.Column<int>(type: "INTEGER", nullable: false),
                    NominatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CompletedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CompletionRecordedById = table.Column<int>(type: "INTEGER", nullable: true),
                    BranchId = table.Column<int>(type: "INTEGER", nullable: false, defaultValue: 1)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PartySchoolNominations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PartySchoolNominations_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PartySchoolNominations_Members_NominatedById",
                        column: x => x.NominatedById,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Selections",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SubjectId = table.Column<int>(type: "INTEGER", nullable: false),
                    RecommendedBy = table.Column<int>(type: "INTEGER", nullable: false),
                    RecommenderId = table.Column<int>(type: "INTEGER", nullable: true),
                    DecidedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    NoticeStartsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    NoticeEndsOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RecordedById = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Outcome = table.Column<int>(type: "INTEGER", nullable: true),
                    OutcomeOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    FiledUpwardOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ConcludedById = table.Column<int>(type: "INTEGER", nullable: true),
                    BranchId = table.Column<int>(type: "INTEGER", nullable: false, defaultValue: 1)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Selections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Selections_Members_ConcludedById",
                        column: x => x.ConcludedById,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Selections_Members_RecommenderId",
                        column: x => x.RecommenderId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Selections_Members_RecordedById",
                        column: x => x.RecordedById,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Selections_Members_SubjectId",
                        column: x => x.SubjectId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EvaluationRatings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoundId = table.Column<int>(type: "INTEGER", nullable: false),
                    Part = table.Column<int>(type: "INTEGER", nullable: false),
                    RaterId = table.Column<int>(type: "INTEGER", nullable: false),
                    Slot = table.Column<int>(type: "INTEGER", nullable: false),
                    Score = table.Column<decimal>(type: "TEXT", precision: 5, scale: 2, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluationRatings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvaluationRatings_EvaluationRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "EvaluationRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_EvaluationRatings_Members_RaterId",
                        column: x => x.RaterId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SelectionObjections",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SelectionId = table.Column<long>(type: "INTEGER", nullable: false),
                    ObjectorId = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Resolution = table.Column<int>(type: "INTEGER", nullable: true),
                    ResolutionNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    ResolvedById = table.Column<int>(type: "INTEGER", nullable: true),
                    ResolvedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ResolvedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SelectionObjections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SelectionObjections_Members_ObjectorId",
                        column: x => x.ObjectorId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SelectionObjections_Members_ResolvedById",
                        column: x => x.ResolvedById,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SelectionObjections_Selections_SelectionId",
                        column: x => x.SelectionId,
                        principalTable: "Selections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Evaluations_SubjectId_Kind_PeriodKey",
                table: "Evaluations",
                columns: new[] { "SubjectId", "Kind", "PeriodKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationRatings_RaterId",
                table: "EvaluationRatings",
                column: "RaterId");

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationRatings_RoundId_Part_Slot",
                table: "EvaluationRatings",
                columns: new[] { "RoundId", "Part", "Slot" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationRounds_BranchId_SubjectId_ProbationSince_Number",
                table: "EvaluationRounds",
                columns: new[] { "BranchId", "SubjectId", "ProbationSince", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationRounds_OpenedById",
                table: "EvaluationRounds",
                column: "OpenedById");

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationRounds_SubjectId",
                table: "EvaluationRounds",
                column: "SubjectId");

            migrationBuilder.CreateIndex(
                name: "IX_PartySchoolNominations_BranchId_MemberId_Year_Month",
                table: "PartySchoolNominations",
                columns: new[] { "BranchId", "MemberId", "Year", "Month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PartySchoolNominations_MemberId",
                table: "PartySchoolNominations",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_PartySchoolNominations_NominatedById",
                table: "PartySchoolNominations",
                column: "NominatedById");

            migrationBuilder.CreateIndex(
                name: "IX_SelectionObjections_ObjectorId",
                table: "SelectionObjections",
                column: "ObjectorId");

            migrationBuilder.CreateIndex(
                name: "IX_SelectionObjections_ResolvedById",
                table: "SelectionObjections",
                column: "ResolvedById");

            migrationBuilder.CreateIndex(
                name: "IX_SelectionObjections_SelectionId_IdempotencyKey",
                table: "SelectionObjections",
                columns: new[] { "SelectionId", "IdempotencyKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Selections_BranchId_IdempotencyKey",
                table: "Selections",
                columns: new[] { "BranchId", "IdempotencyKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Selections_ConcludedById",
                table: "Selections",
                column: "ConcludedById");

            migrationBuilder.CreateIndex(
                name: "IX_Selections_RecommenderId",
                table: "Selections",
                column: "RecommenderId");

            migrationBuilder.CreateIndex(
                name: "IX_Selections_RecordedById",
                table: "Selections",
                column: "RecordedById");

            migrationBuilder.CreateIndex(
                name: "IX_Selections_SubjectId_Outcome",
                table: "Selections",
                columns: new[] { "SubjectId", "Outcome" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "EvaluationRatings");

            migrationBuilder.DropTable(
                name: "PartySchoolNominations");

            migrationBuilder.DropTable(
                name: "SelectionObjections");

            migrationBuilder.DropTable(
                name: "EvaluationRounds");

            migrationBuilder.DropTable(
                name: "Selections");

            migrationBuilder.DropIndex(
                name: "IX_Evaluations_SubjectId_Kind_PeriodKey",
                table: "Evaluations");

            migrationBuilder.CreateIndex(
                name: "IX_Evaluations_SubjectId_Kind_PeriodKey",
                table: "Evaluations",
                columns: new[] { "SubjectId", "Kind", "PeriodKey" });
        }
    }
}
