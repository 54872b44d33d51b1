using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FlashMentoring.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Registration : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ConsentedAt",
                table: "PersonProfiles",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Formats",
                table: "PersonProfiles",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "PendingUpdate",
                table: "PersonProfiles",
                type: "TEXT",
                maxLength: 64000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RegisteredAt",
                table: "PersonProfiles",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CalendarSequence",
                table: "People",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "MailedItinerary",
                table: "People",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "InvitationsSentAt",
                table: "Events",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LinkOrigin",
                table: "Events",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "MailedPlanVersion",
                table: "Events",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "Registration_ClosesAt",
                table: "Events",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Registration_Code",
                table: "Events",
                type: "TEXT",
                maxLength: 24,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Registration_Domains",
                table: "Events",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<bool>(
                name: "Registration_Open",
                table: "Events",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "TimeZone",
                table: "Events",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Mail",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    EventId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PersonId = table.Column<long>(type: "INTEGER", nullable: true),
                    To = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false),
                    Calendar = table.Column<string>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    SentAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    MessageId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false)
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Mail");

            migrationBuilder.DropIndex(
                name: "IX_Events_Registration_Code",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "ConsentedAt",
                table: "PersonProfiles");

            migrationBuilder.DropColumn(
                name: "Formats",
                table: "PersonProfiles");

            migrationBuilder.DropColumn(
                name: "PendingUpdate",
                table: "PersonProfiles");

            migrationBuilder.DropColumn(
                name: "RegisteredAt",
                table: "PersonProfiles");

            migrationBuilder.DropColumn(
                name: "CalendarSequence",
                table: "People");

            migrationBuilder.DropColumn(
                name: "MailedItinerary",
                table: "People");

            migrationBuilder.DropColumn(
                name: "InvitationsSentAt",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "LinkOrigin",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "MailedPlanVersion",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "Registration_ClosesAt",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "Registration_Code",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "Registration_Domains",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "Registration_Open",
                table: "Events");

            migrationBuilder.DropColumn(
                name: "TimeZone",
                table: "Events");
        }
    }
}
