using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BranchBot.Infrastructure.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class StageHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "StageChanges",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    MemberId = table.Column<int>(type: "int", nullable: false),
                    Stage = table.Column<int>(type: "int", nullable: false),
                    Since = table.Column<DateOnly>(type: "date", nullable: false),
                    Source = table.Column<int>(type: "int", nullable: false),
                    RecordedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    BranchId = table.Column<int>(type: "int", nullable: false, defaultValue: 1)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StageChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StageChanges_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_StageChanges_MemberId",
                table: "StageChanges",
                column: "MemberId");

            // The stage each person holds and its date become the first entry of their history, as an import
            // (the only way a stage was set before), recorded on an unknown day.
            migrationBuilder.Sql("""
                INSERT INTO [StageChanges] ([MemberId], [Stage], [Since], [Source], [RecordedOn], [BranchId])
                SELECT [Id], [Stage], [StageSince], 1, NULL, 1 FROM [Members] ORDER BY [Id];
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StageChanges");
        }
    }
}
