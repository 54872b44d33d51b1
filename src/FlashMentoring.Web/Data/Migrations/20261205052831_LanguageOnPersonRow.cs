using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FlashMentoring.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class LanguageOnPersonRow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "People",
                type: "TEXT",
                maxLength: 8,
                nullable: true);

            // Moved, not lost: every person's language goes with them to their own row before the profile's column goes.
            migrationBuilder.Sql("UPDATE \"People\" SET \"Language\" = (SELECT \"Language\" FROM \"PersonProfiles\" WHERE \"PersonProfiles\".\"PersonRecordId\" = \"People\".\"Id\");");

            migrationBuilder.DropColumn(
                name: "Language",
                table: "PersonProfiles");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "PersonProfiles",
                type: "TEXT",
                maxLength: 8,
                nullable: true);

            migrationBuilder.Sql("UPDATE \"PersonProfiles\" SET \"Language\" = (SELECT \"Language\" FROM \"People\" WHERE \"People\".\"Id\" = \"PersonProfiles\".\"PersonRecordId\");");

            migrationBuilder.DropColumn(
                name: "Language",
                table: "People");
        }
    }
}
