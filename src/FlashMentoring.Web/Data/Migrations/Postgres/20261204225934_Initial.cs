using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace FlashMentoring.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FriendlyName = table.Column<string>(type: "text", nullable: true),
                    Xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Events",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    StartsAt = table.Column<string>(type: "character varying(48)", maxLength: 48, nullable: false),
                    Rounds = table.Column<int>(type: "integer", nullable: false),
                    RoundMinutes = table.Column<int>(type: "integer", nullable: false),
                    TransitionMinutes = table.Column<int>(type: "integer", nullable: false),
                    SeatsPerTable = table.Column<int>(type: "integer", nullable: false),
                    Format = table.Column<string>(type: "text", nullable: false),
                    BoardFirstNamesOnly = table.Column<bool>(type: "boolean", nullable: false),
                    ExtraSeatWhenShort = table.Column<bool>(type: "boolean", nullable: false),
                    Seed = table.Column<int>(type: "integer", nullable: false),
                    HostKeyHash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    HelperKeyHash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: true),
                    JoinCode = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    CreatedFrom = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    EndedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    PlanVersion = table.Column<int>(type: "integer", nullable: false),
                    ClockPhase = table.Column<string>(type: "text", nullable: false),
                    ClockRound = table.Column<int>(type: "integer", nullable: false),
                    ClockEndsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ClockRemainingMs = table.Column<long>(type: "bigint", nullable: true),
                    ClockPausedFrom = table.Column<string>(type: "text", nullable: true),
                    ClockVersion = table.Column<int>(type: "integer", nullable: false),
                    TimeZone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Registration_Code = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                    Registration_Open = table.Column<bool>(type: "boolean", nullable: false),
                    Registration_ClosesAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Registration_Domains = table.Column<List<string>>(type: "text[]", nullable: false),
                    InvitationsSentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    MailedPlanVersion = table.Column<int>(type: "integer", nullable: false),
                    LinkOrigin = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Mode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false, defaultValue: "in-person"),
                    Prompts = table.Column<List<string>>(type: "text[]", nullable: false),
                    Language = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false, defaultValue: "en"),
                    Rooms = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Events", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Answers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<long>(type: "bigint", nullable: false),
                    Round = table.Column<int>(type: "integer", nullable: false),
                    Rating = table.Column<int>(type: "integer", nullable: true),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    NoteSigned = table.Column<bool>(type: "boolean", nullable: false),
                    SurveyJson = table.Column<string>(type: "text", nullable: true),
                    ClientId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    ChooserId = table.Column<long>(type: "bigint", nullable: false),
                    ChosenId = table.Column<long>(type: "bigint", nullable: false),
                    Rank = table.Column<int>(type: "integer", nullable: false)
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
                name: "ClockLeases",
                columns: table => new
                {
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    Node = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UntilMs = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClockLeases", x => x.EventId);
                    table.ForeignKey(
                        name: "FK_ClockLeases_Events_EventId",
                        column: x => x.EventId,
                        principalTable: "Events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Histories",
                columns: table => new
                {
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    Meetings = table.Column<string>(type: "jsonb", nullable: true),
                    Sources = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Histories", x => x.EventId);
                    table.ForeignKey(
                        name: "FK_Histories_Events_EventId",
                        column: x => x.EventId,
                        principalTable: "Events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Mail",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<long>(type: "bigint", nullable: true),
                    To = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Subject = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Text = table.Column<string>(type: "text", nullable: false),
                    Calendar = table.Column<string>(type: "text", nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    NextAttemptAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastError = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    MessageId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Mail", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Mail_Events_EventId",
                        column: x => x.EventId,
                        principalTable: "Events",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Pairs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    MentorId = table.Column<long>(type: "bigint", nullable: false),
                    MenteeId = table.Column<long>(type: "bigint", nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    Key = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Role = table.Column<string>(type: "text", nullable: false),
                    Token = table.Column<string>(type: "text", nullable: false),
                    TokenHash = table.Column<byte[]>(type: "bytea", nullable: false),
                    Status = table.Column<string>(type: "text", nullable: false),
                    ClaimedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ClaimedBy = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: true),
                    HereAskedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    MailedItinerary = table.Column<string>(type: "text", nullable: true),
                    CalendarSequence = table.Column<int>(type: "integer", nullable: false),
                    InRoomRound = table.Column<int>(type: "integer", nullable: false),
                    InRoomAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    MissingRound = table.Column<int>(type: "integer", nullable: false),
                    MissingReportedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
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

            migrationBuilder.CreateTable(
                name: "Plans",
                columns: table => new
                {
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    UpperBound = table.Column<long>(type: "bigint", nullable: true),
                    Forbids = table.Column<string>(type: "jsonb", nullable: true),
                    Pins = table.Column<string>(type: "jsonb", nullable: true),
                    Rejected = table.Column<string>(type: "jsonb", nullable: true),
                    Undo = table.Column<string>(type: "jsonb", nullable: true),
                    Warnings = table.Column<string>(type: "jsonb", nullable: true)
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
                name: "PersonProfiles",
                columns: table => new
                {
                    PersonRecordId = table.Column<long>(type: "bigint", nullable: false),
                    Declared = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Email = table.Column<string>(type: "text", nullable: true),
                    Agency = table.Column<string>(type: "text", nullable: false),
                    Location = table.Column<string>(type: "text", nullable: false),
                    Grade = table.Column<string>(type: "text", nullable: false),
                    GradeRank = table.Column<int>(type: "integer", nullable: true),
                    Expertise = table.Column<List<string>>(type: "text[]", nullable: false),
                    Needs = table.Column<List<string>>(type: "text[]", nullable: false),
                    Goals = table.Column<string>(type: "text", nullable: false),
                    Prefers = table.Column<List<string>>(type: "text[]", nullable: false),
                    Avoid = table.Column<List<string>>(type: "text[]", nullable: false),
                    Breaks = table.Column<List<int>>(type: "integer[]", nullable: false),
                    Formats = table.Column<List<string>>(type: "text[]", nullable: false),
                    RegisteredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ConsentedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Attends = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    TimeZone = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Language = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    PendingUpdate = table.Column<string>(type: "character varying(64000)", maxLength: 64000, nullable: true)
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
                name: "Seating",
                columns: table => new
                {
                    PersonRecordId = table.Column<long>(type: "bigint", nullable: false),
                    Table = table.Column<int>(type: "integer", nullable: true),
                    Seats = table.Column<List<int>>(type: "integer[]", nullable: false),
                    Away = table.Column<List<int>>(type: "integer[]", nullable: false)
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
                name: "IX_Choices_ChooserId_Rank",
                table: "Choices",
                columns: new[] { "ChooserId", "Rank" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Choices_EventId",
                table: "Choices",
                column: "EventId");

            migrationBuilder.CreateIndex(
                name: "IX_ClockLeases_Node",
                table: "ClockLeases",
                column: "Node");

            migrationBuilder.CreateIndex(
                name: "IX_Events_CreatedBy",
                table: "Events",
                column: "CreatedBy");

            migrationBuilder.CreateIndex(
                name: "IX_Events_CreatedFrom",
                table: "Events",
                column: "CreatedFrom");

            migrationBuilder.CreateIndex(
                name: "IX_Events_JoinCode",
                table: "Events",
                column: "JoinCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Events_Registration_Code",
                table: "Events",
                column: "Registration_Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Mail_EventId",
                table: "Mail",
                column: "EventId");

            migrationBuilder.CreateIndex(
                name: "IX_Mail_Status_NextAttemptAt",
                table: "Mail",
                columns: new[] { "Status", "NextAttemptAt" });

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
                name: "ClockLeases");

            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "Histories");

            migrationBuilder.DropTable(
                name: "Mail");

            migrationBuilder.DropTable(
                name: "Pairs");

            migrationBuilder.DropTable(
                name: "PersonProfiles");

            migrationBuilder.DropTable(
                name: "Plans");

            migrationBuilder.DropTable(
                name: "Seating");

            migrationBuilder.DropTable(
                name: "People");

            migrationBuilder.DropTable(
                name: "Events");
        }
    }
}
