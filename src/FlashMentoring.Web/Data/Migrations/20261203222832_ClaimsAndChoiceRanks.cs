using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FlashMentoring.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ClaimsAndChoiceRanks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ClaimedAt",
                table: "People",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "ClaimedBy",
                table: "People",
                type: "BLOB",
                maxLength: 32,
                nullable: true);

            // Two saves racing could store a rank twice before this index existed: keep the later of each.
            migrationBuilder.Sql(
                "DELETE FROM Choices WHERE EXISTS (SELECT 1 FROM Choices AS later WHERE later.ChooserId = Choices.ChooserId AND later.Rank = Choices.Rank AND later.Id > Choices.Id);");

            migrationBuilder.CreateIndex(
                name: "IX_Choices_ChooserId_Rank",
                table: "Choices",
                columns: new[] { "ChooserId", "Rank" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Choices_ChooserId_Rank",
                table: "Choices");

            migrationBuilder.DropColumn(
                name: "ClaimedAt",
                table: "People");

            migrationBuilder.DropColumn(
                name: "ClaimedBy",
                table: "People");
        }
    }
}
