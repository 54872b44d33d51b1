using System.Net.Http.Json;
using System.Text.Json;
using FlashMentoring.Core.Roster;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Events;
using FlashMentoring.Web.Hosting;
using FlashMentoring.Web.Roster;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FlashMentoring.Web.Tests.Plans;

public class PlanStoreTests
{
    [Fact]
    public async Task APlanStoredUnderOtherNameRulesLoadsExactlyAsStoredBecauseSeatsAreDataNotAReparse()
    {
        // People as an importer with other rules stored them: one name keeps two spaces, one an accent in decomposed
        // form (NFD), and keys that today's rules would not make. Today's parser would clean both names.
        var twoSpaces = "Ann  Lee";
        var decomposed = "Rene\u0301e Diaz";
        var today = RosterParser.Parse($"role,name\nmentee,{twoSpaces}\nmentee,{decomposed}\n").People.Select(p => p.Name).ToList();
        today.Should().Equal("Ann Lee", "Ren\u00e9e Diaz");

        using var app = new TestApp();
        var created = (await (await app.CreateClient().PostAsJsonAsync("/api/events", new { title = "Rules", startsAt = "2026-12-01T09:00:00-05:00", rounds = 2, seatsPerTable = 2 }))
            .Content.ReadFromJsonAsync<CreatedEvent>())!;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDb>();
            PersonRecord Person(string key, string name, string role, int order, int? table, List<int> seats)
            {
                var (token, hash) = HostKeys.NewPersonToken();
                return new PersonRecord
                {
                    EventId = created.Id, Key = key, Name = name, Role = role, Order = order, Token = token, TokenHash = hash,
                    Profile = new PersonProfile { Declared = role },
                    Seating = new Seating { Table = table, Seats = seats },
                };
            }

            db.People.AddRange(
                Person("mona@hhs.gov", "Mona Lisa", "mentor", 1, 1, []),
                Person("omar@opm.gov", "Omar Khayyam", "mentor", 2, 2, []),
                Person("legacy:ann", twoSpaces, "mentee", 3, null, [2, 1]),
                Person("legacy:renee", decomposed, "mentee", 4, null, [1, 2]));
            db.Plans.Add(new PlanRecord { EventId = created.Id });
            var record = await db.Events.SingleAsync(e => e.Id == created.Id);
            record.PlanVersion = 1;
            await db.SaveChangesAsync();
        }

        var host = app.HostClient(created.HostKey);
        var plan = await host.GetFromJsonAsync<JsonElement>($"/api/events/{created.Id}/plan");
        var people = (await host.GetFromJsonAsync<List<HostPersonView>>($"/api/events/{created.Id}/people"))!;
        var phone = app.CreateClient();
        phone.DefaultRequestHeaders.Add(PersonalLinks.TokenHeader, people.Single(p => p.Name == twoSpaces).Link!["/me#t=".Length..]);
        var ann = await phone.GetFromJsonAsync<JsonElement>("/api/me");

        string[] Seated(int round, int table) => plan.GetProperty("rounds")[round - 1].GetProperty("tables").EnumerateArray()
            .Single(t => t.GetProperty("table").GetInt32() == table).GetProperty("mentees").EnumerateArray().Select(m => m.GetProperty("name").GetString()!).ToArray();
        Seated(1, 1).Should().Equal(decomposed);
        Seated(1, 2).Should().Equal(twoSpaces);
        Seated(2, 1).Should().Equal(twoSpaces);
        Seated(2, 2).Should().Equal(decomposed);
        plan.GetProperty("rounds")[0].GetProperty("tables")[1].GetProperty("mentees")[0].GetProperty("key").GetString().Should().Be("legacy:ann", "keys are stored, not made again");
        plan.GetProperty("quality").GetProperty("violations").GetArrayLength().Should().Be(0);
        ann.GetProperty("name").GetString().Should().Be(twoSpaces);
        ann.GetProperty("rounds").EnumerateArray().Select(r => r.GetProperty("table").GetInt32()).Should().Equal(2, 1);
        ann.GetProperty("rounds")[0].GetProperty("mentor").GetString().Should().Be("Omar Khayyam");
    }

    [Fact]
    public async Task DeletingAnEventDropsItsPlanAndItsPeopleFromMemoryAtOnce()
    {
        using var app = new TestApp();
        var created = (await (await app.CreateClient().PostAsJsonAsync("/api/events", new { title = "Gone", startsAt = "2026-12-01T09:00:00-05:00", rounds = 1, seatsPerTable = 2 }))
            .Content.ReadFromJsonAsync<CreatedEvent>())!;
        var host = app.HostClient(created.HostKey);
        (await host.PutAsync($"/api/events/{created.Id}/roster", new StringContent("role,name\nmentor,Mona\nmentee,Ann\n", System.Text.Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        (await app.CreateClient().GetAsync($"/api/events/{created.Id}/board")).EnsureSuccessStatusCode();
        var store = app.Services.GetRequiredService<Web.Plans.PlanStore>();
        store.Holds(created.Id).Should().BeTrue("the board's read keeps the plan in memory for the phones to come");

        (await host.DeleteAsync($"/api/events/{created.Id}")).StatusCode.Should().Be(System.Net.HttpStatusCode.NoContent);

        store.Holds(created.Id).Should().BeFalse("a deleted event's names and seats do not linger in memory");
        (await app.CreateClient().GetAsync($"/api/events/{created.Id}/board")).StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
    }
}
