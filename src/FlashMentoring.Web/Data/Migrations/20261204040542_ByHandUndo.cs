using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FlashMentoring.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class ByHandUndo : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Undo",
                table: "Plans",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Undo",
                table: "Plans");
        }
    }
}
