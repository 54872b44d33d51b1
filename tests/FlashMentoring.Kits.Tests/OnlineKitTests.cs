using System.Text.RegularExpressions;
using FlashMentoring.Core.Planning;
using FlashMentoring.Core.Roster;
using FlashMentoring.Kits.Layout;

namespace FlashMentoring.Kits.Tests;

/// <summary>The kit of an online or hybrid event: rooms per round, each person's own clock, conversation starters.</summary>
public class OnlineKitTests
{
    private const string Pattern = "https://meet.agency.gov/autumn-flash-mentoring-k7x2abcd1234-table-{0}";

    private static readonly KitEvent Autumn = new("Autumn Flash Mentoring", new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(-5)), 3, 15, 2, 3,
        "https://mentoring.agency.gov/join?code=ABC234", "ABC234") { Mode = KitEvent.Online, TimeZone = "America/New_York" };

    [Fact]
    public void AnOnlineMenteesPageGivesTheRoomOfEveryRoundInFull()
    {
        var model = Model(Autumn, People(3, 6, online: _ => true), Room);

        var kit = KitBuilder.Build(model, Paper.Letter, ["itineraries"]);

        kit.Pages.Should().Be(9, "a page for each of the 3 online mentors and 6 online mentees, none two to a sheet");
        foreach (var mentee in model.Mentees)
        {
            var page = PageOf(kit, model, mentee);
            page.Should().Contain("Times are Eastern Time (America/New_York).");
            foreach (var seat in mentee.Seats)
            {
                page.Should().Contain($"Round {seat.Round}, ").And.Contain($"Table {seat.Table} with {seat.With}");
                Flat(page).Should().Contain("Room: " + Link(seat.Table!.Value), $"{mentee.Name} opens Table {seat.Table}'s room in round {seat.Round}");
            }
        }

        foreach (var mentor in model.Mentors)
        {
            var table = mentor.Seats.First(s => s.Table is not null).Table!.Value;
            Flat(PageOf(kit, model, mentor)).Should().Contain("Your room" + Link(table)).And.Contain($"Online mentor, Table {table}");
        }

        kit.Report.Overflows.Should().BeEmpty();
    }

    [Theory]
    [InlineData("2026-10-28T09:00:00+01:00", "Europe/Madrid", "America/New_York", "4:00-4:15 AM", "Eastern Time")]
    [InlineData("2026-10-30T09:00:00-04:00", "America/New_York", "America/Denver", "7:00-7:15 AM", "Mountain Time")]
    [InlineData("2026-10-30T09:00:00-04:00", "America/New_York", "America/Phoenix", "6:00-6:15 AM", "Mountain Time")]
    [InlineData("2026-11-02T09:00:00-05:00", "America/New_York", "America/Denver", "7:00-7:15 AM", "Mountain Time")]
    [InlineData("2026-11-02T09:00:00-05:00", "America/New_York", "America/Phoenix", "7:00-7:15 AM", "Mountain Time")]
    public void TimesAreOnThePersonsOwnClockAcrossADaylightSavingChange(string startsAt, string eventZone, string personZone, string round1, string zoneName)
    {
        // Madrid is back on winter time on October 28 and New York not yet: 9:00 in Madrid is 4:00 there, not 3:00.
        // Denver leaves summer time on November 1 and Phoenix keeps none: an hour apart before, the same after.
        var e = Autumn with { StartsAt = DateTimeOffset.Parse(startsAt, System.Globalization.CultureInfo.InvariantCulture), TimeZone = eventZone };
        var model = Model(e, People(1, 2, online: _ => true, zone: i => i == 0 ? personZone : null), Room);

        var kit = KitBuilder.Build(model, Paper.Letter, ["itineraries"]);
        var theirs = PageOf(kit, model, model.Mentees.Single(m => m.TimeZone == personZone));
        var others = PageOf(kit, model, model.Mentees.Single(m => m.TimeZone is null));

        theirs.Should().Contain($"Round 1, {round1}").And.Contain($"Times are {zoneName} ({personZone}).");
        others.Should().Contain("Round 1, 9:00-9:15 AM", "someone without a zone of their own reads the event's clock").And.Contain($"({eventZone})");
    }

    [Fact]
    public void AnInPersonMenteeWithAClockOfTheirOwnIsToldWhichClockTheirTimesAreOn()
    {
        var e = Autumn with { Mode = KitEvent.InPerson };
        var model = Model(e, People(1, 2, online: _ => false, zone: i => i == 0 ? "America/Chicago" : null), Room);

        var text = Regex.Replace(Poppler.Text(KitBuilder.Build(model, Paper.Letter, ["itineraries"]).Pdf), @"\s+", " ");

        text.Should().Contain("8:00-8:15 AM").And.Contain("Times are Central Time (America/Chicago)").And.Contain("9:00-9:15 AM");
        Regex.Matches(text, "Times are").Should().HaveCount(1, "the zone is named for the one person whose clock differs from the event's");
    }

    [Fact]
    public void AHybridKitHasSignsForTheTablesInTheRoomOnlyEachWithTheRoundsStarters()
    {
        var e = Autumn with { Mode = KitEvent.Hybrid, Prompts = ["What brought you to public service?", "", "What will you do differently next week?"] };
        var model = Model(e, People(4, 8, online: i => i < 2, mentorOnline: j => j < 2), Room);

        var signs = KitBuilder.Build(model, Paper.Letter, ["signs"]);
        var mentorPage = Flat(PageOf(KitBuilder.Build(model, Paper.Letter, ["itineraries"]), model, model.Mentors[0]));

        signs.Pages.Should().Be(2, "tables 1 and 2 meet online; only tables 3 and 4 stand in the room");
        KitBuilder.EstimatePages(model, ["signs"]).Should().Be(2);
        for (var page = 1; page <= 2; page++)
        {
            var text = Poppler.Page(signs.Pdf, page);
            text.Should().Contain(model.Tables[page + 1].Mentor).And.Contain("Conversation starters")
                .And.Contain("Round 1: What brought you to public service?").And.Contain("Round 3: What will you do differently next week?")
                .And.NotContain("Round 2:", "round 2 has no starter");
        }

        mentorPage.Should().Contain("Your room" + Link(1)).And.Contain("What brought you to public service?", "an online table's starters are on its mentor's page");
        signs.Report.Overflows.Should().BeEmpty();
    }

    [Fact]
    public void TheHostGuideListsTheStartersAndHowToRunTheOnlineRooms()
    {
        var e = Autumn with { Mode = KitEvent.Hybrid, Prompts = ["What brought you to public service?", "What will you do differently next week?"] };
        var model = Model(e, People(4, 8, online: i => i < 2, mentorOnline: j => j < 2), Room);

        var guide = Flat(Poppler.Text(KitBuilder.Build(model, Paper.Letter, ["guide"]).Pdf));

        guide.Should().Contain("Conversation starters").And.Contain("What brought you to public service?").And.Contain("What will you do differently next week?")
            .And.Contain("Running the online rooms").And.Contain("table,link").And.Contain("Test one room").And.Contain("One minute before a round ends")
            .And.Contain("I'm in the room").And.Contain("A broken link").And.Contain("joins by phone")
            .And.Contain(Link(1)).And.Contain(Link(2)).And.NotContain(Link(3), "table 3 meets in the room");
        Flat(Poppler.Text(KitBuilder.Build(model with { Event = Autumn with { Mode = KitEvent.InPerson } }, Paper.Letter, ["guide"]).Pdf))
            .Should().NotContain("Running the online rooms", "an event in the room needs no rooms");
    }

    [Fact]
    public void LongWordsLongLinksAndManyLongStartersFitWithoutAnythingCut()
    {
        var teams = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_" + new string('x', 300) + "%40thread.v2/0?context=%7b%22Tid%22%3a%22" + new string('a', 60) + "%22%7d";
        var word = "Desinstitucionalizacionalmente";
        var starter = string.Join(' ', Enumerable.Repeat($"¿{word} internacionalización?", 6))[..200];
        var e = Autumn with { Mode = KitEvent.Hybrid, Rounds = 40, Prompts = [.. Enumerable.Repeat(starter, 40)] };
        var people = People(4, 8, online: i => i < 4, mentorOnline: j => j < 2, name: k => $"Maximiliana Esperanza {word}-Villaverde {k}");
        var model = Model(e, people, (table, online) => online ? teams + table : null, rounds: 40);

        var kit = KitBuilder.Build(model, Paper.Letter);

        kit.Report.Overflows.Should().BeEmpty();
        Regex.Replace(Poppler.Text(kit.Pdf), @"\s+", "").Should().Contain(teams + "1", "a long link wraps but is printed in full");
        AtARoundsSize(teams).Should().BeFalse("a link this long makes a code too dense to scan at a round's size, so the page prints the links only");

        static bool AtARoundsSize(string link) => QrBlock.Scannable(link, 64, 1.15);
    }

    private static string Link(int table) => string.Format(System.Globalization.CultureInfo.InvariantCulture, Pattern, table);

    private static string? Room(int table, bool online) => online ? Link(table) : null;

    private static string Flat(string text) => Regex.Replace(text, @"\s*\n\s*", "");

    // The page of an online person: online pages follow the in-person sheets, by family name.
    private static string PageOf(KitResult kit, KitModel model, KitPerson person)
    {
        var inPersonSheets = (model.MenteesToHandOut.Count(m => !m.Online) + 1) / 2;
        var index = model.OnlineToSend.ToList().IndexOf(person);
        index.Should().BeGreaterThanOrEqualTo(0, $"{person.Name} is online");
        var page = Poppler.Page(kit.Pdf, inPersonSheets + index + 1);
        page.Should().StartWith(person.Name);
        return page;
    }

    private static RoleAssignment People(int mentors, int mentees, Func<int, bool> online, Func<int, bool>? mentorOnline = null, Func<int, string?>? zone = null, Func<int, string>? name = null)
    {
        string Name(int k, string fallback) => name?.Invoke(k) ?? fallback;
        var m = Enumerable.Range(0, mentors).Select(j => Person.WalkIn(Name(j, $"Mentor {(char)('A' + j)} Lee"), Role.Mentor, $"mentor{j}@hhs.gov", "HHS") with
        {
            Expertise = ["Budget", "Leadership"], Online = (mentorOnline ?? online)(j),
        }).ToList();
        var e = Enumerable.Range(0, mentees).Select(i => Person.WalkIn(Name(100 + i, $"Mentee {(char)('A' + i)} Diaz"), Role.Mentee, $"mentee{i}@va.gov", "VA") with
        {
            Online = online(i), TimeZone = zone?.Invoke(i),
        }).ToList();
        return new RoleAssignment(m, e);
    }

    private static KitModel Model(KitEvent e, RoleAssignment people, Func<int, bool, string?> roomOf, int rounds = 3) =>
        KitModel.FromPlan(RotationEngine.Plan(people, new PlanSettings(rounds, e.SeatsPerTable)), e, key => "https://mentoring.agency.gov/me#t=" + key.Length, roomOf: roomOf);
}
