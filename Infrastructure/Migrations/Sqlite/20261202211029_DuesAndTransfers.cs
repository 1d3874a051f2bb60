using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BranchBot.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DuesAndTransfers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "GraduatesOn",
                table: "Members",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "TransferredOn",
                table: "Members",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DuesPayments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MemberId = table.Column<int>(type: "INTEGER", nullable: false),
                    Month = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    Receipt = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PaidOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RecordedById = table.Column<int>(type: "INTEGER", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DuesPayments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DuesPayments_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_DuesPayments_Members_RecordedById",
                        column: x => x.RecordedById,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DuesRates",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MemberId = table.Column<int>(type: "INTEGER", nullable: false),
                    FromMonth = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 12, scale: 2, nullable: false),
                    SetById = table.Column<int>(type: "INTEGER", nullable: false),
                    SetAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DuesRates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DuesRates_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_DuesRates_Members_SetById",
                        column: x => x.SetById,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DuesRemittances",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Month = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Amount = table.Column<decimal>(type: "TEXT", precision: 14, scale: 2, nullable: false),
                    Receipt = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RemittedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RecordedById = table.Column<int>(type: "INTEGER", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    BranchId = table.Column<int>(type: "INTEGER", nullable: false, defaultValue: 1)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DuesRemittances", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DuesRemittances_Members_RecordedById",
                        column: x => x.RecordedById,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TransfersTransfers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MemberId = table.Column<int>(type: "INTEGER", nullable: false),
                    LetterIssuedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Destination = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ReceiptOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RecordedById = table.Column<int>(type: "INTEGER", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReceiptRecordedById = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TransfersTransfers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TransfersTransfers_Members_MemberId",
                        column: x => x.MemberId,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_TransfersTransfers_Members_ReceiptRecordedById",
                        column: x => x.ReceiptRecordedById,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TransfersTransfers_Members_RecordedById",
                        column: x => x.RecordedById,
                        principalTable: "Members",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DuesPayments_MemberId_Month",
                table: "DuesPayments",
                columns: new[] { "MemberId", "Month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DuesPayments_Month",
                table: "DuesPayments",
                column: "Month");

            migrationBuilder.CreateIndex(
                name: "IX_DuesPayments_RecordedById",
                table: "DuesPayments",
                column: "RecordedById");

            migrationBuilder.CreateIndex(
                name: "IX_DuesRates_MemberId_FromMonth",
                table: "DuesRates",
                columns: new[] { "MemberId", "FromMonth" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DuesRates_SetById",
                table: "DuesRates",
                column: "SetById");

            migrationBuilder.CreateIndex(
                name: "IX_DuesRemittances_BranchId_Month",
                table: "DuesRemittances",
                columns: new[] { "BranchId", "Month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DuesRemittances_RecordedById",
                table: "DuesRemittances",
                column: "RecordedById");

            migrationBuilder.CreateIndex(
                name: "IX_TransfersTransfers_MemberId",
                table: "TransfersTransfers",
                column: "MemberId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TransfersTransfers_ReceiptRecordedById",
                table: "TransfersTransfers",
                column: "ReceiptRecordedById");

            migrationBuilder.CreateIndex(
                name: "IX_TransfersTransfers_RecordedById",
                table: "TransfersTransfers",
                column: "RecordedById");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DuesPayments");

            migrationBuilder.DropTable(
                name: "DuesRates");

            migrationBuilder.DropTable(
                name: "DuesRemittances");

            migrationBuilder.DropTable(
                name: "TransfersTransfers");

            migrationBuilder.DropColumn(
                name: "GraduatesOn",
                table: "Members");

            migrationBuilder.DropColumn(
                name: "TransferredOn",
                table: "Members");
        }
    }
}
