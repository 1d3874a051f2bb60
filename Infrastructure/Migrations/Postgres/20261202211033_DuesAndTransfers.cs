using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace BranchBot.Infrastructure.Migrations.Postgres
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
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "TransferredOn",
                table: "Members",
                type: "date",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DuesPayments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MemberId = table.Column<int>(type: "integer", nullable: false),
                    Month = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    Receipt = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PaidOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RecordedById = table.Column<int>(type: "integer", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MemberId = table.Column<int>(type: "integer", nullable: false),
                    FromMonth = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: false),
                    SetById = table.Column<int>(type: "integer", nullable: false),
                    SetAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Month = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Amount = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    Receipt = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RemittedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    RecordedById = table.Column<int>(type: "integer", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    BranchId = table.Column<int>(type: "integer", nullable: false, defaultValue: 1)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MemberId = table.Column<int>(type: "integer", nullable: false),
                    LetterIssuedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Destination = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ReceiptOn = table.Column<DateOnly>(type: "date", nullable: true),
                    RecordedById = table.Column<int>(type: "integer", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReceiptRecordedById = table.Column<int>(type: "integer", nullable: true)
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
