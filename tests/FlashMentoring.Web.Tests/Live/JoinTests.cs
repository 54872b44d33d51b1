using System.Net;
using System.Net.Http.Json;
using System.Text;
using FlashMentoring.Web.Events;
using FlashMentoring.Web.Hosting;
using FlashMentoring.Web.Live;
using FlashMentoring.Web.Roster;

namespace FlashMentoring.Web.Tests.Live;

/// <summary>The join code is public (on the board, on every itinerary): it must open names, never identities.</summary>
public class JoinTests
{
    private static string Roster(int mentors, int mentees) =>
        "role,name,email,agency\n" +
        string.Concat(Enumerable.Range(1, mentors).Select(k => $"mentor,Mentor Number{k},mentor{k}@hhs.gov,HHS\n")) +
        string.Concat(Enumerable.Range(1, mentees).Select(k => $"mentee,Mentee Number{k},mentee{k}@va.gov,VA\n"));

    private static async Task<(CreatedEvent Event, HttpClient Host)> Planned(TestApp app, int mentors = 2, int mentees = 4, bool firstNames = false)
    {
        var created = (await (await app.CreateClient().PostAsJsonAsync("/api/events",
            new { title = "Spring", startsAt = "2026-12-01T09:00:00-05:00", rounds = 2, seatsPerTable = 4, boardFirstNamesOnly = firstNames }))
            .Content.ReadFromJsonAsync<CreatedEvent>())!;
        var host = app.HostClient(created.HostKey);
        (await host.PutAsync($"/api/events/{created.Id}/roster", new StringContent(Roster(mentors, mentees), Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        return (created, host);
    }

    // A phone as a browser is one: it loads the join page first (and keeps the device cookie it gets).
    private static async Task<HttpClient> Phone(TestApp app)
    {
        var phone = app.CreateClient();
        (await phone.GetAsync("/join")).EnsureSuccessStatusCode();
        return phone;
    }

    private static async Task<HttpResponseMessage> Pick(HttpClient phone, CreatedEvent e, string name)
    {
        var list = (await phone.GetFromJsonAsync<JoinEventView>($"/api/join/{e.JoinCode}"))!;
        return await phone.PostAsync($"/api/join/{e.JoinCode}/people/{list.People.Single(p => p.Name == name).Pick}", null);
    }

    [Fact]
    public async Task ANameGoesToTheFirstPhoneThatPicksItAndNoOtherPhoneGetsItsLink()
    {
        using var app = new TestApp();
        var (e, host) = await Planned(app);
        var ann = await Phone(app);
        var stranger = await Phone(app);

        var first = await Pick(ann, e, "Mentee Number1");
        var again = await Pick(ann, e, "Mentee Number1");
        var second = await Pick(stranger, e, "Mentee Number1");
        var list = (await stranger.GetFromJsonAsync<JoinEventView>($"/api/join/{e.JoinCode}"))!;
        var people = (await host.GetFromJsonAsync<List<HostPersonView>>($"/api/events/{e.Id}/people"))!;

        first.StatusCode.Should().Be(HttpStatusCode.OK);
        var link = (await first.Content.ReadFromJsonAsync<PersonalLink>())!;
        (await again.Content.ReadFromJsonAsync<PersonalLink>())!.Token.Should().Be(link.Token, "the same phone may join again after clearing its storage");
        second.StatusCode.Should().Be(HttpStatusCode.Conflict);
        var refusal = await second.Content.ReadAsStringAsync();
        refusal.Should().NotContain(link.Token).And.Contain("personal link").And.Contain("ask the host");
        list.People.Single(p => p.Name == "Mentee Number1").Taken.Should().BeTrue();
        people.Single(p => p.Name == "Mentee Number1").ClaimedAt.Should().NotBeNull("the host sees who has joined");
        people.Single(p => p.Name == "Mentee Number2").ClaimedAt.Should().BeNull();
    }

    [Fact]
    public async Task OpeningThePrintedLinkClaimsTheNameSoTheJoinListCannotHandItOutLater()
    {
        using var app = new TestApp();
        var (e, host) = await Planned(app);
        var people = (await host.GetFromJsonAsync<List<HostPersonView>>($"/api/events/{e.Id}/people"))!;
        var ann = await Phone(app);
        ann.DefaultRequestHeaders.Add(PersonalLinks.TokenHeader, people.Single(p => p.Name == "Mentee Number1").Link!["/me#t=".Length..]);

        (await ann.GetAsync("/api/me")).EnsureSuccessStatusCode(); // Ann scans the QR on her itinerary.
        var thief = await Pick(await Phone(app), e, "Mentee Number1");

        thief.StatusCode.Should().Be(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task TheHostReleasesANameTakenByTheWrongPhoneTheOldLinkStopsAndOnlyTheNewLinkClaimsIt()
    {
        using var app = new TestApp();
        var (e, host) = await Planned(app);
        var thief = await Phone(app);
        var stolen = (await (await Pick(thief, e, "Mentee Number1")).Content.ReadFromJsonAsync<PersonalLink>())!;
        var ann = (await host.GetFromJsonAsync<List<HostPersonView>>($"/api/events/{e.Id}/people"))!.Single(p => p.Name == "Mentee Number1");

        var stranger = await app.CreateClient().PostAsync($"/api/events/{e.Id}/people/{ann.Id}/release", null);
        var released = (await (await host.PostAsync($"/api/events/{e.Id}/people/{ann.Id}/release", null)).Content.ReadFromJsonAsync<HostPersonView>())!;
        thief.DefaultRequestHeaders.Add(PersonalLinks.TokenHeader, stolen.Token);
        var thiefNow = await thief.GetAsync("/api/me");
        var pollingScript = await Pick(await Phone(app), e, "Mentee Number1");
        var qr = await host.GetAsync($"/api/events/{e.Id}/people/{ann.Id}/link-qr.svg");
        var annsPhone = await Phone(app);
        annsPhone.DefaultRequestHeaders.Add(PersonalLinks.TokenHeader, released.Link!["/me#t=".Length..]);
        var annOpens = await annsPhone.GetAsync("/api/me"); // She scans the QR the host shows her.
        var after = (await host.GetFromJsonAsync<List<HostPersonView>>($"/api/events/{e.Id}/people"))!.Single(p => p.Name == "Mentee Number1");

        stranger.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        released.ClaimedAt.Should().BeNull();
        released.NewLinkPending.Should().BeTrue();
        released.Link.Should().NotContain(stolen.Token);
        thiefNow.StatusCode.Should().Be(HttpStatusCode.NotFound, "the released link no longer opens anything");
        pollingScript.StatusCode.Should().Be(HttpStatusCode.Conflict, "a released name waits for its new link; the join list does not hand it out");
        (await pollingScript.Content.ReadAsStringAsync()).Should().Contain("new personal link");
        qr.Content.Headers.ContentType!.MediaType.Should().Be("image/svg+xml");
        annOpens.StatusCode.Should().Be(HttpStatusCode.OK);
        after.ClaimedAt.Should().NotBeNull();
        after.NewLinkPending.Should().BeFalse();
    }

    [Fact]
    public async Task TheJoinListHonoursFirstNamesOnlyAndCarriesNoIdsOrEmails()
    {
        using var app = new TestApp();
        var (e, host) = await Planned(app, firstNames: true);
        var ids = (await host.GetFromJsonAsync<List<HostPersonView>>($"/api/events/{e.Id}/people"))!.Select(p => p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var raw = await app.CreateClient().GetStringAsync($"/api/join/{e.JoinCode}");
        var list = System.Text.Json.JsonSerializer.Deserialize<JoinEventView>(raw, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!;

        list.People.Select(p => p.Name).Should().Contain("Mentee N.").And.NotContain(n => n.Contains("Number", StringComparison.Ordinal));
        raw.Should().NotContain("@").And.NotContain("\"id\"");
        list.People.Select(p => p.Pick).Should().NotIntersectWith(ids, "the list is no directory of the ids other routes take");
    }

    [Fact]
    public async Task AScriptedHarvestWithTheCodeAloneGetsNoLinkBeyondTheFirstClaimOfEachNameAndNoEmail()
    {
        using var app = new TestApp();
        var (e, _) = await Planned(app, mentors: 5, mentees: 20);
        var names = (await app.CreateClient().GetFromJsonAsync<JoinEventView>($"/api/join/{e.JoinCode}"))!.People;
        // Half the room joined before the script started.
        foreach (var person in names.Take(names.Count / 2))
        {
            (await (await Phone(app)).PostAsync($"/api/join/{e.JoinCode}/people/{person.Pick}", null)).EnsureSuccessStatusCode();
        }

        // 2,000 requests: a fresh cookie-less client for each (so no device allowance is ever used up), every name in turn.
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        var bodies = new StringBuilder();
        var statuses = new List<HttpStatusCode>();
        for (var k = 0; k < 2000; k++)
        {
            var script = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });
            var response = k % 4 == 0
                ? await script.GetAsync($"/api/join/{e.JoinCode}")
                : await script.PostAsync($"/api/join/{e.JoinCode}/people/{names[k % names.Count].Pick}", null);
            statuses.Add(response.StatusCode);
            var body = await response.Content.ReadAsStringAsync();
            bodies.Append(body);
            if (response.StatusCode == HttpStatusCode.OK && body.Contains("\"token\"", StringComparison.Ordinal))
            {
                tokens.Add((await response.Content.ReadFromJsonAsync<PersonalLink>())!.Token);
            }
        }

        tokens.Count.Should().BeLessThanOrEqualTo(names.Count - (names.Count / 2), "the script can only be first to the names nobody had picked yet");
        bodies.ToString().Should().NotContain("@", "no e-mail address leaks through the join routes");
        statuses.Should().Contain(HttpStatusCode.TooManyRequests, "claiming from one address is slowed down");
    }

    [Fact]
    public async Task AScriptedHarvestWithAFreshDeviceForEveryClaimGetsNoMoreLinksThanTheEventsClaimAllowanceAndNoEmail()
    {
        using var app = new TestApp();
        // More names than the room's burst of claims, so the event's allowance, not the names, is what stops the script.
        var (e, _) = await Planned(app, mentors: 160, mentees: 640);
        var names = (await app.CreateClient().GetFromJsonAsync<JoinEventView>($"/api/join/{e.JoinCode}"))!.People;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var early = names.Take(10).Select(n => n.Pick).ToHashSet(StringComparer.Ordinal);
        foreach (var pick in early)
        {
            (await (await Phone(app)).PostAsync($"/api/join/{e.JoinCode}/people/{pick}", null)).EnsureSuccessStatusCode();
        }

        // 2,000 requests: 1,000 times a cookie-less list (which hands the script a new device cookie) and a claim with
        // that cookie, so no device allowance is ever used up; every name once and the first 200 twice.
        var script = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });
        var claimed = new Dictionary<string, (string Token, string Cookie)>(StringComparer.Ordinal);
        var handedTwice = 0;
        var bodies = new List<string>();
        var statuses = new List<HttpStatusCode>();
        for (var k = 0; k < 1000; k++)
        {
            var list = await script.GetAsync($"/api/join/{e.JoinCode}");
            bodies.Add(await list.Content.ReadAsStringAsync());
            var cookie = list.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(Devices.Cookie + "=", StringComparison.Ordinal)).Split(';')[0];
            var pick = names[k % names.Count].Pick;
            using var claim = new HttpRequestMessage(HttpMethod.Post, $"/api/join/{e.JoinCode}/people/{pick}") { Headers = { { "Cookie", cookie } } };
            var response = await script.SendAsync(claim);
            statuses.Add(response.StatusCode);
            bodies.Add(await response.Content.ReadAsStringAsync());
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var token = (await response.Content.ReadFromJsonAsync<PersonalLink>())!.Token;
                handedTwice += early.Contains(pick) || !claimed.TryAdd(pick, (token, cookie)) ? 1 : 0;
            }
        }

        // The room's allowance: its burst, and what its bucket refilled while the script ran (five a second).
        var allowance = Attempts.ClaimsPerEventBurst + (int)Math.Ceiling(clock.Elapsed.TotalMinutes * Attempts.ClaimsPerEventPerMinute);
        foreach (var (token, cookie) in claimed.Values)
        {
            foreach (var path in new[] { "/api/me", "/api/me/feedback" })
            {
                using var read = new HttpRequestMessage(HttpMethod.Get, path) { Headers = { { "Cookie", cookie }, { PersonalLinks.TokenHeader, token } } };
                var response = await script.SendAsync(read);
                response.StatusCode.Should().Be(HttpStatusCode.OK, "the harvested link opens its view: that is what is checked for e-mails");
                bodies.Add(await response.Content.ReadAsStringAsync());
            }
        }

        handedTwice.Should().Be(0, "no name's link goes to a second device");
        (claimed.Count + early.Count).Should().BeLessThanOrEqualTo(allowance, "fresh devices do not get past the event's own limit on claims");
        statuses.Should().Contain(HttpStatusCode.TooManyRequests).And.Contain(HttpStatusCode.Conflict);
        bodies.Where(b => b.Contains('@', StringComparison.Ordinal)).Take(1).Should().BeEmpty("no e-mail address leaks through the join list, the claims or the harvested links");
    }

    [Fact]
    public async Task TwoHundredPhonesBehindOneAddressAllJoinWhileAGuesserThereTriesCodes()
    {
        using var app = new TestApp();
        var (e, _) = await Planned(app, mentors: 40, mentees: 160);
        var guesser = await Phone(app);
        var cookieless = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false });
        var names = (await guesser.GetFromJsonAsync<JoinEventView>($"/api/join/{e.JoinCode}"))!.People;

        // The guesser, with and without a cookie, first uses up every allowance it has; then the room arrives while it goes on.
        for (var k = 0; k < Attempts.WrongCodeBurst + 5; k++)
        {
            await guesser.GetAsync($"/api/join/Q{k:00000}");
            await cookieless.GetAsync($"/api/join/R{k:00000}");
        }

        var joined = await Task.WhenAll(names.Select(async (person, k) =>
        {
            var phone = await Phone(app);
            await guesser.GetAsync($"/api/join/S{k:00000}");
            await cookieless.GetAsync($"/api/join/T{k:00000}");
            var list = await phone.GetAsync($"/api/join/{e.JoinCode}");
            var pick = await phone.PostAsync($"/api/join/{e.JoinCode}/people/{person.Pick}", null);
            return (list.StatusCode, pick.StatusCode);
        }));
        var guessed = await guesser.GetAsync($"/api/join/{e.JoinCode[..5]}Z");

        joined.Should().HaveCount(200).And.OnlyContain(j => j.Item1 == HttpStatusCode.OK && j.Item2 == HttpStatusCode.OK, "every phone in the room gets in");
        guessed.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "the guesser is held back");
        guessed.Headers.RetryAfter.Should().NotBeNull();
    }

    [Fact]
    public async Task EveryPersonalLinkPathRefusesADeviceThatKeepsGuessingLinks()
    {
        using var app = new TestApp();
        var (e, host) = await Planned(app);
        var guesser = await Phone(app);
        guesser.DefaultRequestHeaders.Add(PersonalLinks.TokenHeader, "AAAAAAAAAAAAAAAAAAAAAA");
        var ann = await Phone(app);
        ann.DefaultRequestHeaders.Add(PersonalLinks.TokenHeader, (await host.GetFromJsonAsync<List<HostPersonView>>($"/api/events/{e.Id}/people"))![0].Link!["/me#t=".Length..]);

        for (var k = 0; k < Attempts.UnknownTokenBurst; k++)
        {
            (await guesser.GetAsync("/api/me/feedback")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        }

        var me = await guesser.GetAsync("/api/me");
        var feedback = await guesser.GetAsync("/api/me/feedback");
        var answers = await guesser.PostAsJsonAsync("/api/me/answers", new { clientId = Guid.NewGuid(), round = 1, rating = 5 });
        var choices = await guesser.PutAsJsonAsync("/api/me/choices", new { chosen = Array.Empty<long>() });
        var annMeanwhile = await ann.GetAsync("/api/me");

        new[] { me, feedback, answers, choices }.Should().OnlyContain(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        annMeanwhile.StatusCode.Should().Be(HttpStatusCode.OK, "a phone with its own link is never slowed by a guesser nearby");
    }

    [Fact]
    public async Task ThrowingCookiesAwayBuysNoFreshAllowanceBeyondWhatARoomNeeds()
    {
        using var app = new TestApp();
        var noCookies = new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = false };
        var script = app.CreateClient(noCookies);

        var issued = 0;
        var asked = 2 * Attempts.NewDevicesBurst;
        for (var k = 0; k < asked; k++)
        {
            issued += (await script.GetAsync("/api/limits")).Headers.Contains("Set-Cookie") ? 1 : 0;
        }

        var guesses = new List<HttpStatusCode>();
        for (var k = 0; k <= Attempts.WrongCodeBurst; k++)
        {
            guesses.Add((await script.GetAsync($"/api/join/Q{k:00000}")).StatusCode);
        }

        // A room's worth of phones behind one router each get a device; beyond that only the trickle of one a second.
        issued.Should().BeGreaterThanOrEqualTo(Attempts.NewDevicesBurst).And.BeLessThan(asked - (Attempts.NewDevicesBurst / 2));
        guesses[^1].Should().Be(HttpStatusCode.TooManyRequests, "without a new cookie the script counts as its address, whose guesses are used up");
    }

    [Fact]
    public async Task OfTwentyPhonesRacingForOneNameOnTheRealStoreExactlyOneGetsIt()
    {
        var folder = Directory.CreateTempSubdirectory("fm-claims-").FullName;
        try
        {
            using var app = new TestApp { DataFolder = folder };
            var (e, host) = await Planned(app);
            var pick = (await app.CreateClient().GetFromJsonAsync<JoinEventView>($"/api/join/{e.JoinCode}"))!.People.Single(p => p.Name == "Mentee Number1").Pick;
            var phones = new List<HttpClient>();
            for (var k = 0; k < 20; k++)
            {
                phones.Add(await Phone(app));
            }

            var answers = await Task.WhenAll(phones.Select(p => p.PostAsync($"/api/join/{e.JoinCode}/people/{pick}", null)));

            answers.Count(a => a.StatusCode == HttpStatusCode.OK).Should().Be(1);
            answers.Count(a => a.StatusCode == HttpStatusCode.Conflict).Should().Be(19);
            (await host.GetFromJsonAsync<List<HostPersonView>>($"/api/events/{e.Id}/people"))!.Single(p => p.Name == "Mentee Number1").ClaimedAt.Should().NotBeNull();
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task ADeviceThatUsedUpItsClaimsCannotUseUpTheRooms()
    {
        using var app = new TestApp();
        var (e, _) = await Planned(app, mentors: 3, mentees: 10);
        var names = (await app.CreateClient().GetFromJsonAsync<JoinEventView>($"/api/join/{e.JoinCode}"))!.People;
        var greedy = await Phone(app);
        foreach (var name in names.Take(Attempts.ClaimsPerDeviceBurst))
        {
            (await greedy.PostAsync($"/api/join/{e.JoinCode}/people/{name.Pick}", null)).EnsureSuccessStatusCode();
        }

        var refused = 0;
        for (var k = 0; k < Attempts.ClaimsPerEventBurst + 10; k++)
        {
            refused += (await greedy.PostAsync($"/api/join/{e.JoinCode}/people/{names[^1].Pick}", null)).StatusCode == HttpStatusCode.TooManyRequests ? 1 : 0;
        }

        var latecomer = await (await Phone(app)).PostAsync($"/api/join/{e.JoinCode}/people/{names[^1].Pick}", null);

        refused.Should().BeGreaterThan(Attempts.ClaimsPerEventBurst);
        latecomer.StatusCode.Should().Be(HttpStatusCode.OK, "the room's allowance is untouched by one device's refused tries");
    }
}
