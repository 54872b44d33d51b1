using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FlashMentoring.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class CalendarItinerary : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CalendarItinerary",
                table: "People",
                type: "TEXT",
                nullable: true);

            // A calendar file went out with each invitation and update: the itinerary last mailed is the one it carried.
            migrationBuilder.Sql("UPDATE \"People\" SET \"CalendarItinerary\" = \"MailedItinerary\";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CalendarItinerary",
                table: "People");
        }
    }
}
