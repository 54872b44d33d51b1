using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FlashMentoring.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class PeopleAsRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Order",
                table: "People",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "Source",
                table: "People",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateTable(
                name: "PersonProfiles",
                columns: table => new
                {
                    PersonRecordId = table.Column<long>(type: "INTEGER", nullable: false),
                    Declared = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Email = table.Column<string>(type: "TEXT", nullable: true),
                    Agency = table.Column<string>(type: "TEXT", nullable: false),
                    Location = table.Column<string>(type: "TEXT", nullable: false),
                    Grade = table.Column<string>(type: "TEXT", nullable: false),
                    GradeRank = table.Column<int>(type: "INTEGER", nullable: true),
                    Expertise = table.Column<string>(type: "TEXT", nullable: false),
                    Needs = table.Column<string>(type: "TEXT", nullable: false),
                    Goals = table.Column<string>(type: "TEXT", nullable: false),
                    Prefers = table.Column<string>(type: "TEXT", nullable: false),
                    Avoid = table.Column<string>(type: "TEXT", nullable: false),
                    Breaks = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PersonProfiles", x => x.PersonRecordId);
                    table.ForeignKey(
                        name: "FK_PersonProfiles_People_PersonRecordId",
                        column: x => x.PersonRecordId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Plans",
                columns: table => new
                {
                    EventId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UpperBound = table.Column<long>(type: "INTEGER", nullable: true),
                    Forbids = table.Column<string>(type: "TEXT", nullable: true),
                    Pins = table.Column<string>(type: "TEXT", nullable: true),
                    Rejected = table.Column<string>(type: "TEXT", nullable: true),
                    Warnings = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Plans", x => x.EventId);
                    table.ForeignKey(
                        name: "FK_Plans_Events_EventId",
                        column: x => x.EventId,
                        principalTable: "Events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Seating",
                columns: table => new
                {
                    PersonRecordId = table.Column<long>(type: "INTEGER", nullable: false),
                    Table = table.Column<int>(type: "INTEGER", nullable: true),
                    Seats = table.Column<string>(type: "TEXT", nullable: false),
                    Away = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Seating", x => x.PersonRecordId);
                    table.ForeignKey(
                        name: "FK_Seating_People_PersonRecordId",
                        column: x => x.PersonRecordId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PersonProfiles");

            migrationBuilder.DropTable(
                name: "Plans");

            migrationBuilder.DropTable(
                name: "Seating");

            migrationBuilder.DropColumn(
                name: "Order",
                table: "People");

            migrationBuilder.DropColumn(
                name: "Source",
                table: "People");
        }
    }
}
