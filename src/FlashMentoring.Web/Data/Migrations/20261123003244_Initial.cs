using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FlashMentoring.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Events",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    StartsAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    Rounds = table.Column<int>(type: "INTEGER", nullable: false),
                    RoundMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    TransitionMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    SeatsPerTable = table.Column<int>(type: "INTEGER", nullable: false),
                    Format = table.Column<string>(type: "TEXT", nullable: false),
                    BoardFirstNamesOnly = table.Column<bool>(type: "INTEGER", nullable: false),
                    Seed = table.Column<int>(type: "INTEGER", nullable: false),
                    RosterCsv = table.Column<string>(type: "TEXT", nullable: true),
                    HostKeyHash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    JoinCode = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    PlanSeats = table.Column<string>(type: "TEXT", nullable: true),
                    MenteeAttendance = table.Column<string>(type: "TEXT", nullable: true),
                    MentorAttendance = table.Column<string>(type: "TEXT", nullable: true),
                    PlanUpperBound = table.Column<long>(type: "INTEGER", nullable: true),
                    Pins = table.Column<string>(type: "TEXT", nullable: true),
                    Forbids = table.Column<string>(type: "TEXT", nullable: true),
                    WalkInsCsv = table.Column<string>(type: "TEXT", nullable: true),
                    PlanVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    ClockPhase = table.Column<string>(type: "TEXT", nullable: false),
                    ClockRound = table.Column<int>(type: "INTEGER", nullable: false),
                    ClockEndsAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    ClockRemainingMs = table.Column<long>(type: "INTEGER", nullable: true),
                    ClockPausedFrom = table.Column<string>(type: "TEXT", nullable: true),
                    ClockVersion = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Events", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Answers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EventId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<long>(type: "INTEGER", nullable: false),
                    Round = table.Column<int>(type: "INTEGER", nullable: false),
                    Rating = table.Column<int>(type: "INTEGER", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    NoteSigned = table.Column<bool>(type: "INTEGER", nullable: false),
                    SurveyJson = table.Column<string>(type: "TEXT", nullable: true),
                    ClientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Answers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Answers_Events_EventId",
                        column: x => x.EventId,
                        principalTable: "Events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Choices",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EventId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ChooserId = table.Column<long>(type: "INTEGER", nullable: false),
                    ChosenId = table.Column<long>(type: "INTEGER", nullable: false),
                    Rank = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Choices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Choices_Events_EventId",
                        column: x => x.EventId,
                        principalTable: "Events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Pairs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EventId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MentorId = table.Column<long>(type: "INTEGER", nullable: false),
                    MenteeId = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Pairs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Pairs_Events_EventId",
                        column: x => x.EventId,
                        principalTable: "Events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "People",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EventId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Key = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    Role = table.Column<string>(type: "TEXT", nullable: false),
                    Token = table.Column<string>(type: "TEXT", nullable: false),
                    TokenHash = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Status = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_People", x => x.Id);
                    table.ForeignKey(
                        name: "FK_People_Events_EventId",
                        column: x => x.EventId,
                        principalTable: "Events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Answers_EventId",
                table: "Answers",
                column: "EventId");

            migrationBuilder.CreateIndex(
                name: "IX_Answers_PersonId_Round",
                table: "Answers",
                columns: new[] { "PersonId", "Round" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Choices_ChooserId_ChosenId",
                table: "Choices",
                columns: new[] { "ChooserId", "ChosenId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Choices_EventId",
                table: "Choices",
                column: "EventId");

            migrationBuilder.CreateIndex(
                name: "IX_Events_JoinCode",
                table: "Events",
                column: "JoinCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Pairs_EventId",
                table: "Pairs",
                column: "EventId");

            migrationBuilder.CreateIndex(
                name: "IX_Pairs_MentorId_MenteeId",
                table: "Pairs",
                columns: new[] { "MentorId", "MenteeId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_People_EventId_Key",
                table: "People",
                columns: new[] { "EventId", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_People_TokenHash",
                table: "People",
                column: "TokenHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Answers");

            migrationBuilder.DropTable(
                name: "Choices");

            migrationBuilder.DropTable(
                name: "Pairs");

            migrationBuilder.DropTable(
                name: "People");

            migrationBuilder.DropTable(
                name: "Events");
        }
    }
}
