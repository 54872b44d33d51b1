using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FlashMentoring.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class OnlineRooms : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Attends",
                table: "PersonProfiles",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TimeZone",
                table: "PersonProfiles",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "InRoomAt",
                table: "People",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "InRoomRound",
                table: "People",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "MissingReportedAt",
                table: "People",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "MissingRound",
                table: "People",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Mode",
                table: "Events",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "in-person");

            migrationBuilder.AddColumn<string>(
                name: "Prompts",
                table: "Events",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "Rooms",
                table: "Events",
                type: "TEXT",
                nullable: false,
                defaultValue: "{\"Links\":[],\"Pattern\":null,\"Secret\":null}");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Attends",
                table: "PersonProfiles");

            migrationBuilder.DropColumn(
                name: "TimeZone",
                table: "PersonProfiles");

            migrationBuilder.DropColumn(
                name: "InRoomAt",
                table: "People");

            migrationBuilder.DropColumn(
                name: "InRoomRound",
                table: "People");

            migrationBuilder.DropColumn(
                name: "MissingReportedAt",
                table: "People");

            migrationBuilder.DropColumn(
                name: "MissingRound",
                table: "People");

            migrationBuilder.DropColumn(
                name: "Mode",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "Prompts",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "Rooms",
                table: "Events");
        }
    }
}
