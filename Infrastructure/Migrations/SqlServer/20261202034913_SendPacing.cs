using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BranchBot.Infrastructure.Migrations.SqlServer
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
                    BranchId = table.Column<int>(type: "int", nullable: false),
                    TenantId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    NextSlotTicks = table.Column<long>(type: "bigint", nullable: false),
                    PausedUntilTicks = table.Column<long>(type: "bigint", nullable: false)
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
