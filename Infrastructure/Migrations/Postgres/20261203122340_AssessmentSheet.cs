using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace BranchBot.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AssessmentSheet : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BranchDutyRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MemberId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    RecordedById = table.Column<int>(type: "integer", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    BranchId = table.Column<int>(type: "integer", nullable: false, defaultValue: 1)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BranchDutyRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BranchDutyRecords_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_BranchDutyRecords_Members_RecordedById",
                        column: x => x.RecordedById,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ConductRecords",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MemberId = table.Column<int>(type: "integer", nullable: false),
                    SemesterStart = table.Column<DateOnly>(type: "date", nullable: false),
                    Rating = table.Column<int>(type: "integer", nullable: false),
                    Note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    RecordedById = table.Column<int>(type: "integer", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    BranchId = table.Column<int>(type: "integer", nullable: false, defaultValue: 1)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConductRecords", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConductRecords_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ConductRecords_Members_RecordedById",
                        column: x => x.RecordedById,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BranchDutyRecords_BranchId_MemberId_Kind_Date",
                table: "BranchDutyRecords",
                columns: new[] { "BranchId", "MemberId", "Kind", "Date" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BranchDutyRecords_MemberId",
                table: "BranchDutyRecords",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_BranchDutyRecords_RecordedById",
                table: "BranchDutyRecords",
                column: "RecordedById");

            migrationBuilder.CreateIndex(
                name: "IX_ConductRecords_BranchId_MemberId_SemesterStart",
                table: "ConductRecords",
                columns: new[] { "BranchId", "MemberId", "SemesterStart" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ConductRecords_MemberId",
                table: "ConductRecords",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_ConductRecords_RecordedById",
                table: "ConductRecords",
                column: "RecordedById");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BranchDutyRecords");

            migrationBuilder.DropTable(
                name: "ConductRecords");
        }
    }
}
