using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BranchBot.Infrastructure.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Meetings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MeetingsMeetings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Kind = table.Column<int>(type: "int", nullable: false),
                    GroupId = table.Column<int>(type: "int", nullable: true),
                    ConvenerId = table.Column<int>(type: "int", nullable: false),
                    RecorderId = table.Column<int>(type: "int", nullable: false),
                    StartsAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Place = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Online = table.Column<bool>(type: "bit", nullable: false),
                    Topic = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Minutes = table.Column<string>(type: "nvarchar(max)", maxLength: 5000, nullable: true),
                    MinutedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    CancelledAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    IdempotencyKey = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false),
                    BranchId = table.Column<int>(type: "int", nullable: false, defaultValue: 1)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeetingsMeetings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MeetingsMeetings_Groups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "Groups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MeetingsMeetings_Members_ConvenerId",
                        column: x => x.ConvenerId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_MeetingsMeetings_Members_RecorderId",
                        column: x => x.RecorderId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MeetingsAttendees",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    MeetingId = table.Column<long>(type: "bigint", nullable: false),
                    MemberId = table.Column<int>(type: "int", nullable: false),
                    Answer = table.Column<int>(type: "int", nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    AnsweredAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeetingsAttendees", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MeetingsAttendees_MeetingsMeetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "MeetingsMeetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_MeetingsAttendees_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MeetingsAttendees_MeetingId_MemberId",
                table: "MeetingsAttendees",
                columns: new[] { "MeetingId", "MemberId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MeetingsAttendees_MemberId",
                table: "MeetingsAttendees",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_MeetingsMeetings_BranchId_IdempotencyKey",
                table: "MeetingsMeetings",
                columns: new[] { "BranchId", "IdempotencyKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MeetingsMeetings_ConvenerId",
                table: "MeetingsMeetings",
                column: "ConvenerId");

            migrationBuilder.CreateIndex(
                name: "IX_MeetingsMeetings_GroupId",
                table: "MeetingsMeetings",
                column: "GroupId");

            migrationBuilder.CreateIndex(
                name: "IX_MeetingsMeetings_Kind_StartsAt",
                table: "MeetingsMeetings",
                columns: new[] { "Kind", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_MeetingsMeetings_RecorderId",
                table: "MeetingsMeetings",
                column: "RecorderId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MeetingsAttendees");

            migrationBuilder.DropTable(
                name: "MeetingsMeetings");
        }
    }
}
