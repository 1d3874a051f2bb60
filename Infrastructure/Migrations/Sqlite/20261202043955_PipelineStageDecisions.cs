using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BranchBot.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PipelineStageDecisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DefenceScores",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SubjectId = table.Column<int>(type: "INTEGER", nullable: false),
                    StageSince = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ScorerId = table.Column<int>(type: "INTEGER", nullable: false),
                    Defence = table.Column<int>(type: "INTEGER", nullable: false),
                    DailyWork = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    BranchId = table.Column<int>(type: "INTEGER", nullable: false, defaultValue: 1)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DefenceScores", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DefenceScores_Members_ScorerId",
                        column: x => x.ScorerId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DefenceScores_Members_SubjectId",
                        column: x => x.SubjectId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StageDecisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SubjectId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    DecidedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ConfirmedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    NewEnd = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    RecordedById = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    BranchId = table.Column<int>(type: "INTEGER", nullable: false, defaultValue: 1)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StageDecisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StageDecisions_Members_RecordedById",
                        column: x => x.RecordedById,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_StageDecisions_Members_SubjectId",
                        column: x => x.SubjectId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DefenceScores_BranchId_SubjectId_StageSince_ScorerId",
                table: "DefenceScores",
                columns: new[] { "BranchId", "SubjectId", "StageSince", "ScorerId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DefenceScores_ScorerId",
                table: "DefenceScores",
                column: "ScorerId");

            migrationBuilder.CreateIndex(
                name: "IX_DefenceScores_SubjectId",
                table: "DefenceScores",
                column: "SubjectId");

            migrationBuilder.CreateIndex(
                name: "IX_StageDecisions_BranchId_IdempotencyKey",
                table: "StageDecisions",
                columns: new[] { "BranchId", "IdempotencyKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StageDecisions_RecordedById",
                table: "StageDecisions",
                column: "RecordedById");

            migrationBuilder.CreateIndex(
                name: "IX_StageDecisions_SubjectId_Kind",
                table: "StageDecisions",
                columns: new[] { "SubjectId", "Kind" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DefenceScores");

            migrationBuilder.DropTable(
                name: "StageDecisions");
        }
    }
}
