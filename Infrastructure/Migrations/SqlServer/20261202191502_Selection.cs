using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BranchBot.Infrastructure.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Selection : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Evaluations_SubjectId_Kind_PeriodKey",
                table: "Evaluations");

            migrationBuilder.CreateTable(
                name: "Selections",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    SubjectId = table.Column<int>(type: "int", nullable: false),
                    RecommendedBy = table.Column<int>(type: "int", nullable: false),
                    RecommenderId = table.Column<int>(type: "int", nullable: true),
                    DecidedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    NoticeStartsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    NoticeEndsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RecordedById = table.Column<int>(type: "int", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    IdempotencyKey = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    Outcome = table.Column<int>(type: "int", nullable: true),
                    OutcomeOn = table.Column<DateOnly>(type: "date", nullable: true),
                    FiledUpwardOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ConcludedById = table.Column<int>(type: "int", nullable: true),
                    BranchId = table.Column<int>(type: "int", nullable: false, defaultValue: 1)
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
                name: "SelectionObjections",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    SelectionId = table.Column<long>(type: "bigint", nullable: false),
                    ObjectorId = table.Column<int>(type: "int", nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    IdempotencyKey = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    Resolution = table.Column<int>(type: "int", nullable: true),
                    ResolutionNote = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    ResolvedById = table.Column<int>(type: "int", nullable: true),
                    ResolvedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ResolvedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
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
                name: "SelectionObjections");

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
