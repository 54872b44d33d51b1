using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FlashMentoring.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class DropRosterText : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Forbids",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "MenteeAttendance",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "MentorAttendance",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "Pins",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "PlanSeats",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "PlanUpperBound",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "RosterCsv",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "WalkInsCsv",
                table: "Events");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Forbids",
                table: "Events",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MenteeAttendance",
                table: "Events",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MentorAttendance",
                table: "Events",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Pins",
                table: "Events",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PlanSeats",
                table: "Events",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "PlanUpperBound",
                table: "Events",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RosterCsv",
                table: "Events",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "WalkInsCsv",
                table: "Events",
                type: "TEXT",
                nullable: true);
        }
    }
}
