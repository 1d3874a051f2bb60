using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BranchBot.Infrastructure.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "UnreachableSince",
                table: "TeamsUsers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "CreatedAt",
                table: "ReminderDeliveries",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "Note",
                table: "ReminderDeliveries",
                type: "TEXT",
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
