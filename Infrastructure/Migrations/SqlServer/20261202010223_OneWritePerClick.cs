using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BranchBot.Infrastructure.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class OneWritePerClick : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Excuses_SubjectId_Kind_PeriodKey",
                table: "Excuses");

            // Databases from before these unique indexes may hold racing duplicates: keep the earliest of each.
            // The excuse index is unfiltered, so NULL owners (the committee) collide with each other too.
            migrationBuilder.Sql("""
                DELETE [Later] FROM [Excuses] AS [Later]
                WHERE EXISTS (
                    SELECT 1 FROM [Excuses] AS [Earlier]
                    WHERE [Earlier].[SubjectId] = [Later].[SubjectId] AND [Earlier].[Kind] = [Later].[Kind]
                      AND [Earlier].[PeriodKey] = [Later].[PeriodKey]
                      AND ([Earlier].[OwnerId] = [Later].[OwnerId] OR ([Earlier].[OwnerId] IS NULL AND [Later].[OwnerId] IS NULL))
                      AND [Earlier].[Id] < [Later].[Id]);
                """);
            migrationBuilder.Sql("""
                DELETE [Later] FROM [Extensions] AS [Later]
                WHERE [Later].[Status] = 1 AND EXISTS (
                    SELECT 1 FROM [Extensions] AS [Earlier]
                    WHERE [Earlier].[MemberId] = [Later].[MemberId] AND [Earlier].[Kind] = [Later].[Kind]
                      AND [Earlier].[PeriodKey] = [Later].[PeriodKey] AND [Earlier].[Status] = 1
                      AND [Earlier].[Id] < [Later].[Id]);
                """);

            migrationBuilder.CreateIndex(
                name: "IX_Extensions_OnePendingRequest",
                table: "Extensions",
                columns: new[] { "MemberId", "Kind", "PeriodKey" },
                unique: true,
                filter: "Status = 1");

            migrationBuilder.CreateIndex(
                name: "IX_Excuses_SubjectId_Kind_PeriodKey_OwnerId",
                table: "Excuses",
                columns: new[] { "SubjectId", "Kind", "PeriodKey", "OwnerId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Extensions_OnePendingRequest",
                table: "Extensions");

            migrationBuilder.DropIndex(
                name: "IX_Excuses_SubjectId_Kind_PeriodKey_OwnerId",
                table: "Excuses");

            migrationBuilder.CreateIndex(
                name: "IX_Excuses_SubjectId_Kind_PeriodKey",
                table: "Excuses",
                columns: new[] { "SubjectId", "Kind", "PeriodKey" });
        }
    }
}
