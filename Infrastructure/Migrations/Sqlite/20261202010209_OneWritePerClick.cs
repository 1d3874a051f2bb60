using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BranchBot.Infrastructure.Migrations.Sqlite
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
            // SQLite treats NULL owners as distinct in a unique index, so only owned excuses can collide.
            migrationBuilder.Sql("""
                DELETE FROM "Excuses"
                WHERE "OwnerId" IS NOT NULL AND EXISTS (
                    SELECT 1 FROM "Excuses" AS "Earlier"
                    WHERE "Earlier"."SubjectId" = "Excuses"."SubjectId" AND "Earlier"."Kind" = "Excuses"."Kind"
                      AND "Earlier"."PeriodKey" = "Excuses"."PeriodKey" AND "Earlier"."OwnerId" = "Excuses"."OwnerId"
                      AND "Earlier"."Id" < "Excuses"."Id");
                """);
            migrationBuilder.Sql("""
                DELETE FROM "Extensions"
                WHERE "Status" = 1 AND EXISTS (
                    SELECT 1 FROM "Extensions" AS "Earlier"
                    WHERE "Earlier"."MemberId" = "Extensions"."MemberId" AND "Earlier"."Kind" = "Extensions"."Kind"
                      AND "Earlier"."PeriodKey" = "Extensions"."PeriodKey" AND "Earlier"."Status" = 1
                      AND "Earlier"."Id" < "Extensions"."Id");
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
