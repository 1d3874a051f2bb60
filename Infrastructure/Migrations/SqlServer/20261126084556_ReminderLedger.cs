using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BranchBot.Infrastructure.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ReminderLedger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "UnreachableReason",
                table: "TeamsUsers",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "UnreachableSince",
                table: "TeamsUsers",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "CreatedAt",
                table: "ReminderDeliveries",
                type: "datetimeoffset",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<string>(
                name: "Note",
                table: "ReminderDeliveries",
                type: "nvarchar(256)",
                maxLength: 256,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "UnreachableReason",
                table: "TeamsUsers");

            migrationBuilder.DropColumn(
                name: "UnreachableSince",
                table: "TeamsUsers");

            migrationBuilder.DropColumn(
                name: "CreatedAt",
                table: "ReminderDeliveries");

            migrationBuilder.DropColumn(
                name: "Note",
                table: "ReminderDeliveries");
        }
    }
}
