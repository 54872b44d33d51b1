using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FlashMentoring.Web.Events;
using Ical.Net;

namespace FlashMentoring.Web.Tests.Mail;

/// <summary>An event planned from a roster with e-mail addresses, as the mail tests use it.</summary>
public sealed class MailedEvent(TestApp app, CreatedEvent created, HttpClient host)
{
    /// <summary>Two mentors, five mentees; Nia has no e-mail.</summary>
    public const string Roster = "role,name,email\n" +
                                 "mentor,Mona Lisa,mona@hhs.gov\n" +
                                 "mentor,Omar Khayyam,omar@opm.gov\n" +
                                 "mentee,Ann Lee,ann@va.gov\n" +
                                 "mentee,Ben Okafor,ben@va.gov\n" +
                                 "mentee,Cy Diaz,cy@gsa.gov\n" +
                                 "mentee,Dee Walker,dee@gsa.gov\n" +
                                 "mentee,Nia Nomail,\n";

    /// <summary>
    /// Three mentors, five mentees, for two rounds: each mentee meets two of the three mentors, so a table they never
    /// meet has a seat for a move by hand (<see cref="MoveSomeoneAsync"/>).
    /// </summary>
    public const string MovableRoster = "role,name,email\nmentor,Mona Lisa,mona@hhs.gov\nmentor,Omar Khayyam,omar@opm.gov\nmentor,Pia Sun,pia@gsa.gov\n" +
                                        "mentee,Ann Lee,ann@va.gov\nmentee,Ben Okafor,ben@va.gov\nmentee,Cy Diaz,cy@gsa.gov\nmentee,Dee Walker,dee@gsa.gov\nmentee,Eve Ng,eve@gsa.gov\n";

    /// <summary>Everyone on <see cref="Roster"/> with an e-mail, by address.</summary>
    public static readonly IReadOnlyDictionary<string, string> Emails = new Dictionary<string, string>
    {
        ["mona@hhs.gov"] = "Mona Lisa", ["omar@opm.gov"] = "Omar Khayyam", ["ann@va.gov"] = "Ann Lee",
        ["ben@va.gov"] = "Ben Okafor", ["cy@gsa.gov"] = "Cy Diaz", ["dee@gsa.gov"] = "Dee Walker",
    };

    public Guid Id => created.Id;

    public string JoinCode => created.JoinCode;

    public HttpClient Host => host;

    public TestApp App => app;

    /// <summary>Creates an event (by default 3 rounds of 15 minutes, 2 to change, tables of 3, 9:00 New York time) and plans the roster.</summary>
    public static async Task<MailedEvent> PlanAsync(TestApp app, string roster = Roster, int rounds = 3)
    {
        ArgumentNullException.ThrowIfNull(app);
        var answer = await app.CreateClient().PostAsJsonAsync("/api/events", new { title = "Spring Flash Mentoring", startsAt = "2026-12-01T09:00:00-05:00", rounds, roundMinutes = 15, transitionMinutes = 2, seatsPerTable = 3 });
        answer.StatusCode.Should().Be(HttpStatusCode.Created, await answer.Content.ReadAsStringAsync());
        var created = (await answer.Content.ReadFromJsonAsync<CreatedEvent>())!;
        var mailed = new MailedEvent(app, created, app.HostClient(created.HostKey));
        await mailed.PutRosterAsync(roster);
        return mailed;
    }

    public async Task PutRosterAsync(string roster)
    {
        var answer = await host.PutAsync($"/api/events/{Id}/roster", new StringContent(roster, Encoding.UTF8, "text/csv"));
        answer.StatusCode.Should().Be(HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
    }

    /// <summary>Sends the invitations; the answer's body.</summary>
    public async Task<JsonElement> InviteAsync()
    {
        var answer = await host.PostAsync($"/api/events/{Id}/invitations", null);
        answer.StatusCode.Should().Be(HttpStatusCode.Accepted, await answer.Content.ReadAsStringAsync());
        return await answer.Content.ReadFromJsonAsync<JsonElement>();
    }

    public Task<JsonElement> MailStatusAsync() => host.GetFromJsonAsync<JsonElement>($"/api/events/{Id}/mail");

    /// <summary>Each person's personal-link token, by name.</summary>
    public async Task<Dictionary<string, string>> TokensAsync()
    {
        var people = await host.GetFromJsonAsync<JsonElement>($"/api/events/{Id}/people");
        return people.EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("link").GetString()!.Split("#t=")[1]);
    }

    /// <summary>A person's phone view (GET /api/me) by their token.</summary>
    public async Task<JsonElement> PhoneAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Add("X-Person-Token", token);
        var answer = await app.CreateClient().SendAsync(request);
        answer.StatusCode.Should().Be(HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
        return await answer.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The SEQUENCE of the calendar file (with rounds) a person's phone downloads; every VEVENT of it carries the same.</summary>
    public async Task<int> CalendarSequenceAsync(string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me/calendar.ics?rounds=true");
        request.Headers.Add("X-Person-Token", token);
        var answer = await app.CreateClient().SendAsync(request);
        answer.StatusCode.Should().Be(HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
        var calendar = Calendar.Load(await answer.Content.ReadAsStringAsync())!;
        return calendar.Events.Select(v => v.Sequence).Distinct().Should().ContainSingle().Which;
    }

    /// <summary>
    /// What each person's day is, as their phone shows it, by name: per round the table and the mentor (a mentee) or
    /// the mentees coming (a mentor). An e-mailed itinerary differs exactly when this does.
    /// </summary>
    public async Task<Dictionary<string, string>> DaysAsync()
    {
        var days = new Dictionary<string, string>();
        foreach (var (name, token) in await TokensAsync())
        {
            var view = await PhoneAsync(token);
            var mentor = view.GetProperty("role").GetString() == "mentor";
            days[name] = string.Join(" | ", view.GetProperty("rounds").EnumerateArray().Select(r =>
                $"{r.GetProperty("table")}:{(mentor ? string.Join(",", r.GetProperty("with").EnumerateArray().Select(w => w.GetString()).Order()) : r.GetProperty("mentor").ToString())}"));
        }

        return days;
    }

    /// <summary>
    /// Moves one mentee of <see cref="MovableRoster"/> by hand in round 2 to a table with a free seat whose mentor they
    /// do not meet: the mentee and the two mentors of the tables left and joined have a new day, nobody else.
    /// </summary>
    public async Task MoveSomeoneAsync()
    {
        foreach (var mentee in new[] { "ann@va.gov", "ben@va.gov", "cy@gsa.gov", "dee@gsa.gov", "eve@gsa.gov" })
        {
            for (var table = 1; table <= 3; table++)
            {
                var moved = await host.PostAsJsonAsync($"/api/events/{Id}/moves", new { mentee, round = 2, table });
                if (moved.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
        }

        throw new InvalidOperationException("No mentee could be moved by hand.");
    }
}
