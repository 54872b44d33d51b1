using System.Net;
using System.Net.Http.Json;
using System.Text;
using FlashMentoring.Web.Tests.Mail;
using static FlashMentoring.Web.Tests.Online.RoomsEventForTests;

namespace FlashMentoring.Web.Tests.Online;

/// <summary>After the invitations went out, a room the host changes before the start is e-mailed to its people.</summary>
public class RoomMailTests
{
    private const string Roster = "role,name,email\nmentor,Mona,mona@hhs.gov\nmentor,Omar,omar@opm.gov\n" +
                                  "mentee,Ann,ann@va.gov\nmentee,Ben,ben@va.gov\nmentee,Cy,cy@gsa.gov\nmentee,Dee,dee@gsa.gov\n";

    private const string NewRoom = "https://teams.microsoft.com/l/meetup-join/table-one-new-room";

    [Theory]
    [InlineData("csv")]
    [InlineData("replace")]
    public async Task ARoomChangedBeforeTheStartIsMailedToThatTablesPeopleOnly(string how)
    {
        await using var relay = await SmtpSink.StartAsync();
        using var app = new TestApp { Settings = relay.MailSettings() };
        var (created, host) = await CreateAsync(app, Roster, rounds: 1);
        await SetModeAsync(host, created.Id, "online");
        (await host.PutAsJsonAsync($"/api/events/{created.Id}/rooms/pattern", new { pattern = "https://meet.agency.gov/{event}-table-{table}" })).EnsureSuccessStatusCode();
        var plan = await AttendsKit.PlanAsync(app, created.Id);
        (await host.PostAsync($"/api/events/{created.Id}/invitations", null)).StatusCode.Should().Be(HttpStatusCode.Accepted);
        await relay.WaitForAsync(6);

        var changed = how == "csv"
            ? await host.PutAsync($"/api/events/{created.Id}/rooms", new StringContent($"table,link\n1,{NewRoom}\n", Encoding.UTF8, "text/csv"))
            : await host.PutAsJsonAsync($"/api/events/{created.Id}/rooms/1", new { link = NewRoom });
        changed.EnsureSuccessStatusCode();
        var updates = (await relay.WaitForAsync(6 + 3)).Skip(6).ToList();

        var rotation = plan.Rotation;
        var atTableOne = rotation.Mentees.Where((_, i) => rotation.MentorOf(1, i) == 0).Append(rotation.Mentors[0]).Select(p => p.Name.ToLowerInvariant());
        updates.SelectMany(u => u.Recipients).Select(to => to.Split('@')[0]).Should().BeEquivalentTo(atTableOne, "the mentor of table 1 and its two mentees, and nobody else");
        updates.Should().OnlyContain(u => u.Text.Contains(NewRoom) && u.Message.Subject!.StartsWith("Change to your itinerary", StringComparison.Ordinal));
    }
}
