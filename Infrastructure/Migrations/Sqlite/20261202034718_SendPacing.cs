using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BranchBot.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SendPacing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SendPacings",
                columns: table => new
                {
                    BranchId = table.Column<int>(type: "INTEGER", nullable: false),
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    NextSlotTicks = table.Column<long>(type: "INTEGER", nullable: false),
                    PausedUntilTicks = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SendPacings", x => new { x.BranchId, x.TenantId });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SendPacings");
        }
    }
}
