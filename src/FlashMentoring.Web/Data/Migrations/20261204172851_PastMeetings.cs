using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FlashMentoring.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class PastMeetings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "History",
                table: "Events",
                type: "TEXT",
                nullable: false,
                defaultValue: "{\"Meetings\":[],\"Sources\":[]}");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "History",
                table: "Events");
        }
    }
}
