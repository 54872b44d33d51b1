using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using FlashMentoring.Web.Tests.Mail;
using FlashMentoring.Web.Registration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace FlashMentoring.Web.Tests.Registration;

/// <summary>The public registration link: who may register, when, and what becomes of it.</summary>
public class RegistrationTests
{
    private static object Form(string name = "Ann Lee", string email = "ann.lee@nih.hhs.gov", string role = "mentee", bool consent = true, string goals = "Lead a team") =>
        new { name, email, role, agency = "HHS/NIH", location = "Bethesda, MD", grade = "GS-12", formats = new[] { "Online" }, expertise = Array.Empty<string>(), needs = new[] { "Public Speaking", "Budget" }, goals, consent };

    [Fact]
    public async Task ANewRegistrantIsStoredAndGetsAConfirmationEmailWithTheirPersonalLink()
    {
        using var app = RegistrationDriver.NewApp(new FakeTimeProvider(RegistrationDriver.Now), mail: true);
        var driver = await RegistrationDriver.OpenAsync(app, new { open = true, domains = "hhs.gov, va.gov" });

        var answer = await driver.RegisterAsync(Form());

        answer.StatusCode.Should().Be(HttpStatusCode.Created, await answer.Content.ReadAsStringAsync());
        var body = await answer.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("status").GetString().Should().Be("registered");
        body.GetProperty("emailed").GetBoolean().Should().BeTrue();
        body.GetProperty("token").ValueKind.Should().Be(JsonValueKind.Null, "the link goes to the mailbox, so only its owner can change the profile");
        var (person, mail) = await driver.ReadAsync(async db => (await db.People.SingleAsync(p => p.EventId == driver.Id), await db.Mail.SingleAsync(m => m.EventId == driver.Id)));
        person.Source.Should().Be("registration");
        person.Key.Should().Be("ann.lee@nih.hhs.gov");
        person.Role.Should().Be("mentee");
        person.Profile.Declared.Should().Be("mentee");
        person.Profile.Needs.Should().Equal("Public Speaking", "Budget");
        person.Profile.Formats.Should().Equal("Online");
        person.Profile.RegisteredAt.Should().NotBeNull();
        person.Profile.ConsentedAt.Should().NotBeNull();
        person.Seating.Seats.Should().BeEmpty("nobody is planned by registering");
        mail.To.Should().Be("ann.lee@nih.hhs.gov");
        mail.Kind.Should().Be("confirmation");
        mail.PersonId.Should().Be(person.Id);
        mail.Status.Should().Be("queued");
        mail.Text.Should().MatchRegex($"https?://[^/\\s]+/profile#t={person.Token}", "the e-mail carries the absolute personal link");

        var profile = await driver.Person(person.Token).GetFromJsonAsync<JsonElement>("/api/me/profile");
        profile.GetProperty("name").GetString().Should().Be("Ann Lee");
        profile.GetProperty("event").GetProperty("registrationOpen").GetBoolean().Should().BeTrue();
        profile.GetProperty("planned").GetBoolean().Should().BeFalse();
        var me = await driver.Person(person.Token).GetFromJsonAsync<JsonElement>("/api/me");
        me.GetProperty("rounds").GetArrayLength().Should().Be(0, "the phone view opens for someone registered and not yet planned");
    }

    [Fact]
    public async Task TheConfirmationReachesTheRelayWithAPersonalLinkThatOpensTheirProfile()
    {
        await using var relay = await SmtpSink.StartAsync();
        using var app = new TestApp { Time = new FakeTimeProvider(RegistrationDriver.Now), Settings = relay.MailSettings() };
        var driver = await RegistrationDriver.OpenAsync(app);

        (await driver.RegisterAsync(Form())).StatusCode.Should().Be(HttpStatusCode.Created);
        var letter = (await relay.WaitForAsync(1)).Should().ContainSingle().Subject;
        var link = Regex.Match(letter.Text, @"(https?://\S+)/profile#t=(\S+)");
        link.Success.Should().BeTrue("the letter carries the personal link: {0}", letter.Text);
        var page = await app.CreateClient().GetAsync(new Uri(link.Groups[1].Value + "/profile"));
        var token = link.Groups[2].Value;
        var profile = await driver.Person(token).GetFromJsonAsync<JsonElement>("/api/me/profile");
        var someoneElse = await driver.Person(token[..^1] + (token[^1] == 'A' ? 'B' : 'A')).GetAsync("/api/me/profile");

        letter.Recipients.Should().Equal(["ann.lee@nih.hhs.gov"]);
        letter.Message.To.Mailboxes.Single().Address.Should().Be("ann.lee@nih.hhs.gov");
        letter.Message.Subject.Should().Contain("Autumn Flash Mentoring");
        page.StatusCode.Should().Be(HttpStatusCode.OK, "the link's page is the profile page");
        (await page.Content.ReadAsStringAsync()).Should().Contain("profile.js");
        profile.GetProperty("name").GetString().Should().Be("Ann Lee", "the link's token opens her own profile");
        profile.GetProperty("email").GetString().Should().Be("ann.lee@nih.hhs.gov");
        someoneElse.StatusCode.Should().Be(HttpStatusCode.NotFound, "only the token in her letter opens it");
        letter.Calendar.Should().BeNull("nothing is planned yet");
    }

    [Fact]
    public async Task WithoutEmailTheRegistrantIsShownTheirLinkAndItOpensTheirProfile()
    {
        using var app = RegistrationDriver.NewApp(new FakeTimeProvider(RegistrationDriver.Now));
        var driver = await RegistrationDriver.OpenAsync(app);

        var answer = await driver.RegisterAsync(Form());

        answer.StatusCode.Should().Be(HttpStatusCode.Created);
        var body = await answer.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("emailed").GetBoolean().Should().BeFalse();
        var token = body.GetProperty("token").GetString()!;
        body.GetProperty("link").GetString().Should().Be("/profile#t=" + token);
        var profile = await driver.Person(token).GetFromJsonAsync<JsonElement>("/api/me/profile");
        profile.GetProperty("email").GetString().Should().Be("ann.lee@nih.hhs.gov");
        // Her profile form offers the whole lists to tick, not only what she ticked when registering.
        profile.GetProperty("lists").GetProperty("competencies").EnumerateArray().Select(c => c.GetString()).Should().Contain(["Data Analytics", "Negotiation"]);
        profile.GetProperty("lists").GetProperty("formats").EnumerateArray().Select(c => c.GetString()).Should().Contain(["Online", "Reverse mentoring"]);
        (await driver.ReadAsync(db => db.Mail.CountAsync())).Should().Be(0, "no e-mail is queued without a relay");
        (await driver.Host.GetAsync($"/api/events/{driver.Id}/registration/qr.svg")).Content.Headers.ContentType!.MediaType.Should().Be("image/svg+xml", "the host can put the link's QR code on a poster");
        var settings = await driver.Host.GetFromJsonAsync<JsonElement>($"/api/events/{driver.Id}/registration");
        settings.GetProperty("registered").GetInt32().Should().Be(1);
        settings.GetProperty("link").GetString().Should().EndWith("/register/" + driver.Code);
    }

    [Fact]
    public async Task ALinkTheHostClosedOrWhoseClosingTimePassedTakesNobody()
    {
        var time = new FakeTimeProvider(RegistrationDriver.Now);
        using var app = RegistrationDriver.NewApp(time);
        var driver = await RegistrationDriver.OpenAsync(app, new { open = true, closesAt = "2026-11-20T17:00:00-05:00" });
        (await driver.RegisterAsync(Form(email: "early@nih.gov"))).StatusCode.Should().Be(HttpStatusCode.Created, "the link is open before its closing time");

        time.SetUtcNow(new DateTimeOffset(2026, 11, 20, 22, 0, 1, TimeSpan.Zero));
        var late = await driver.RegisterAsync(Form(email: "late@nih.gov"));
        var page = await app.CreateClient().GetFromJsonAsync<JsonElement>($"/api/register/{driver.Code}");

        late.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await late.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString().Should().Be("Registration is closed");
        page.GetProperty("open").GetBoolean().Should().BeFalse("the page says it is closed");

        (await driver.Host.PutAsJsonAsync($"/api/events/{driver.Id}/registration", new { closesAt = "2026-11-25T17:00:00-05:00" })).EnsureSuccessStatusCode();
        (await driver.RegisterAsync(Form(email: "extended@nih.gov"))).StatusCode.Should().Be(HttpStatusCode.Created, "the host gave a later closing time");
        (await driver.Host.PutAsJsonAsync($"/api/events/{driver.Id}/registration", new { open = false })).EnsureSuccessStatusCode();
        (await driver.RegisterAsync(Form(email: "closed@nih.gov"))).StatusCode.Should().Be(HttpStatusCode.Forbidden, "the host closed it");
        var settings = await driver.Host.GetFromJsonAsync<JsonElement>($"/api/events/{driver.Id}/registration");
        settings.GetProperty("closesAt").GetDateTimeOffset().Should().Be(new DateTimeOffset(2026, 11, 25, 17, 0, 0, TimeSpan.FromHours(-5)), "closing the link keeps its other settings");
        settings.GetProperty("openNow").GetBoolean().Should().BeFalse();
        (await driver.ReadAsync(db => db.People.CountAsync(p => p.EventId == driver.Id))).Should().Be(2, "only those who came while it was open are stored");
    }

    [Theory]
    [InlineData("ann@gmail.com", false)]
    [InlineData("ann@nothhs.gov", false)]
    [InlineData("ann@hhs.gov.evil.com", false)]
    [InlineData("ann@nih.hhs.gov", true)]
    [InlineData("ann@VA.GOV", true)]
    public async Task OnlyAddressesOfTheListedDomainsAndTheirSubdomainsMayRegister(string email, bool allowed)
    {
        using var app = RegistrationDriver.NewApp(new FakeTimeProvider(RegistrationDriver.Now));
        var driver = await RegistrationDriver.OpenAsync(app, new { open = true, domains = new[] { "hhs.gov", "va.gov" } });

        var answer = await driver.RegisterAsync(Form(email: email));

        if (allowed)
        {
            answer.StatusCode.Should().Be(HttpStatusCode.Created);
            return;
        }

        answer.StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        var problem = await answer.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").GetProperty("email")[0].GetString().Should().Contain("hhs.gov").And.Contain("va.gov", "the message says which domains may register");
        (await driver.ReadAsync(db => db.People.CountAsync())).Should().Be(0);
    }

    [Fact]
    public async Task TheSameEmailAgainMakesNoSecondPersonAndWaitsForItsOwnerToConfirm()
    {
        using var app = RegistrationDriver.NewApp(new FakeTimeProvider(RegistrationDriver.Now), mail: true);
        var driver = await RegistrationDriver.OpenAsync(app);
        (await driver.RegisterAsync(Form(goals: "Lead a team"))).EnsureSuccessStatusCode();

        var again = await driver.RegisterAsync(Form(name: "Ann B. Lee", email: " Ann.Lee@NIH.hhs.gov ", role: "both", goals: "Run a division"));

        var first = await (await driver.RegisterAsync(Form(email: "someone.new@nih.hhs.gov"))).Content.ReadAsStringAsync();
        again.StatusCode.Should().Be(HttpStatusCode.Created);
        var body = await again.Content.ReadAsStringAsync();
        body.Should().Be(first, "the answer does not tell whether an address is registered").And.NotContain("Lead a team").And.NotContain("Ann Lee");
        (await driver.RegisterAsync(Form(name: "Ann B. Lee", email: "ann.lee@nih.hhs.gov", role: "both", goals: "Run a division, really"))).StatusCode.Should().Be(HttpStatusCode.Created);
        var person = await driver.ReadAsync(db => db.People.SingleAsync(p => p.Key == "ann.lee@nih.hhs.gov"));
        person.Name.Should().Be("Ann Lee", "nothing changes until the owner confirms");
        person.Profile.PendingUpdate.Should().Contain("Run a division");
        person.Profile.PendingUpdate.Should().Contain("Run a division, really", "the latest details wait for confirmation");
        var mails = await driver.ReadAsync(db => db.Mail.Where(m => m.To != "someone.new@nih.hhs.gov").OrderBy(m => m.Id).ToListAsync());
        mails.Select(m => m.Kind).Should().Equal(["confirmation", "pending"], "one message an hour to an address, however often the form is sent again");
        mails[1].To.Should().Be("ann.lee@nih.hhs.gov");
        mails[1].Text.Should().Contain("/profile#t=" + person.Token, "the owner confirms from their own link");

        var owner = driver.Person(person.Token);
        var profile = await owner.GetFromJsonAsync<JsonElement>("/api/me/profile");
        profile.GetProperty("pendingUpdate").GetProperty("goals").GetString().Should().Be("Run a division, really");
        var applied = await owner.PostAsJsonAsync("/api/me/profile/pending", new { apply = true });

        applied.StatusCode.Should().Be(HttpStatusCode.OK);
        var after = await applied.Content.ReadFromJsonAsync<JsonElement>();
        after.GetProperty("name").GetString().Should().Be("Ann B. Lee");
        after.GetProperty("role").GetString().Should().Be("both");
        after.GetProperty("pendingUpdate").ValueKind.Should().Be(JsonValueKind.Null);
        (await driver.ReadAsync(db => db.People.CountAsync())).Should().Be(2, "Ann once, and the other address");
    }

    [Fact]
    public async Task DiscardingTheDetailsSentAgainKeepsTheProfile()
    {
        using var app = RegistrationDriver.NewApp(new FakeTimeProvider(RegistrationDriver.Now));
        var driver = await RegistrationDriver.OpenAsync(app);
        var token = await driver.RegisterAsync("Ann Lee", "ann@nih.gov", "mentee");
        (await driver.RegisterAsync(Form(name: "Mallory", email: "ann@nih.gov"))).StatusCode.Should().Be(HttpStatusCode.Accepted);

        var discarded = await (await driver.Person(token).PostAsJsonAsync("/api/me/profile/pending", new { apply = false })).Content.ReadFromJsonAsync<JsonElement>();

        discarded.GetProperty("name").GetString().Should().Be("Ann Lee");
        discarded.GetProperty("pendingUpdate").ValueKind.Should().Be(JsonValueKind.Null);
    }

    public static TheoryData<string, object, string> HostileForms => new()
    {
        { "a blank name", new { name = " \u0001 ", email = "x@nih.gov", role = "mentee", consent = true }, "name" },
        { "a name over 200 characters", new { name = new string('N', 201), email = "x@nih.gov", role = "mentee", consent = true }, "name" },
        { "no e-mail", new { name = "Ann Lee", email = "", role = "mentee", consent = true }, "email" },
        { "an e-mail that is not one", new { name = "Ann Lee", email = "ann(at)nih.gov", role = "mentee", consent = true }, "email" },
        { "an unknown role", new { name = "Ann Lee", email = "x@nih.gov", role = "boss", consent = true }, "role" },
        { "no consent", new { name = "Ann Lee", email = "x@nih.gov", role = "mentee", consent = false }, "consent" },
        { "goals over 1,000 characters", new { name = "Ann Lee", email = "x@nih.gov", role = "mentee", goals = new string('g', 1001), consent = true }, "goals" },
        { "51 needs", new { name = "Ann Lee", email = "x@nih.gov", role = "mentee", needs = Enumerable.Range(1, 51).Select(i => $"Need {i}").ToArray(), consent = true }, "needs" },
    };

    [Theory]
    [MemberData(nameof(HostileForms))]
    public async Task AFormTheRosterWouldRejectIsRefusedFieldByField(string what, object form, string field)
    {
        using var app = RegistrationDriver.NewApp(new FakeTimeProvider(RegistrationDriver.Now));
        var driver = await RegistrationDriver.OpenAsync(app);

        var answer = await driver.RegisterAsync(form);

        answer.StatusCode.Should().Be(HttpStatusCode.BadRequest, what);
        var problem = await answer.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("errors").TryGetProperty(field, out var messages).Should().BeTrue($"the answer names the {field} field: {problem}");
        messages[0].GetString().Should().NotBeNullOrWhiteSpace();
        (await driver.ReadAsync(db => db.People.CountAsync())).Should().Be(0);
    }

    [Fact]
    public async Task ControlCharactersAreDroppedAndFormulasAndHtmlStayTextThatTheCsvExportNeutralises()
    {
        using var app = RegistrationDriver.NewApp(new FakeTimeProvider(RegistrationDriver.Now));
        var driver = await RegistrationDriver.OpenAsync(app);

        var answer = await driver.RegisterAsync(new
        {
            name = "=HYPERLINK(\"http://x\",\"Ann\")\u202E\u0007",
            email = "ann@nih.gov",
            role = "mentee",
            agency = "<script>alert(1)</script>",
            location = "Bethesda\r\n  MD",
            needs = new[] { "Budget", "budget", " Writing;Negotiation ", "\u0000" },
            consent = true,
        });

        answer.StatusCode.Should().Be(HttpStatusCode.Created, await answer.Content.ReadAsStringAsync());
        var person = await driver.ReadAsync(db => db.People.SingleAsync());
        person.Name.Should().Be("=HYPERLINK(\"http://x\",\"Ann\")", "control characters and direction overrides are dropped; the rest is kept as text");
        person.Profile.Agency.Should().Be("<script>alert(1)</script>", "HTML is text; the pages never insert it as markup");
        person.Profile.Location.Should().Be("Bethesda MD");
        person.Profile.Needs.Should().Equal("Budget", "Writing", "Negotiation");
        var csv = await driver.Host.GetStringAsync($"/api/events/{driver.Id}/roster.csv");
        csv.Should().Contain("\"'=HYPERLINK(").And.NotContain(",=HYPERLINK(", "a spreadsheet shows the name as text instead of running it");
    }

    [Fact]
    public async Task OneDeviceCannotRegisterPeopleByTheHundred()
    {
        using var app = RegistrationDriver.NewApp(new FakeTimeProvider(RegistrationDriver.Now));
        var driver = await RegistrationDriver.OpenAsync(app);
        var script = app.CreateClient();
        (await script.GetAsync($"/api/register/{driver.Code}")).EnsureSuccessStatusCode();

        var answers = new List<HttpStatusCode>();
        for (var k = 0; k <= RegistrationLimits.PerDeviceBurst; k++)
        {
            answers.Add((await script.PostAsJsonAsync($"/api/register/{driver.Code}", Form(name: $"Bot {k}", email: $"bot{k}@nih.gov"))).StatusCode);
        }

        answers.Take(RegistrationLimits.PerDeviceBurst).Should().OnlyContain(s => s == HttpStatusCode.Created);
        answers[^1].Should().Be(HttpStatusCode.TooManyRequests);
        (await driver.ReadAsync(db => db.People.CountAsync())).Should().Be(RegistrationLimits.PerDeviceBurst);

    }

    [Fact]
    public async Task AnUnknownLinkIsNotFoundAndRevealsNoEvent()
    {
        using var app = RegistrationDriver.NewApp(new FakeTimeProvider(RegistrationDriver.Now));
        var driver = await RegistrationDriver.OpenAsync(app);

        var unknown = await app.CreateClient().GetAsync("/api/register/not-a-code");
        var page = await app.CreateClient().GetStringAsync($"/api/register/{driver.Code}");

        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        page.Should().NotContain(driver.Id.ToString(), "the public page does not name the event's id").And.Contain("Leading Change", "the engine's competencies are offered");
    }

    [Fact]
    public async Task TheHostsSettingsAreCheckedFieldByField()
    {
        using var app = RegistrationDriver.NewApp(new FakeTimeProvider(RegistrationDriver.Now));
        var driver = await RegistrationDriver.OpenAsync(app);

        var answer = await driver.Host.PutAsJsonAsync($"/api/events/{driver.Id}/registration", new { domains = "hhs.gov, not a domain", timeZone = "Mars/Olympus", closesAt = "next friday" });
        var good = await driver.Host.PutAsJsonAsync($"/api/events/{driver.Id}/registration", new { domains = "@HHS.gov nih.gov", timeZone = "America/New_York" });

        answer.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var errors = (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.TryGetProperty("domains", out _).Should().BeTrue();
        errors.TryGetProperty("timeZone", out _).Should().BeTrue();
        errors.TryGetProperty("closesAt", out _).Should().BeTrue();
        var view = await good.Content.ReadFromJsonAsync<JsonElement>();
        view.GetProperty("domains").EnumerateArray().Select(d => d.GetString()).Should().Equal("hhs.gov", "nih.gov");
        view.GetProperty("timeZone").GetString().Should().Be("America/New_York");
        view.GetProperty("openNow").GetBoolean().Should().BeTrue("what was left out kept its value");
    }
}
