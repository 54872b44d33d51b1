using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;

namespace FlashMentoring.Web.Tests.Registration;

/// <summary>The event's time zone in the registration settings: a place is kept, a Windows name becomes its place, an abbreviation is refused with the place to write.</summary>
public class TimeZoneFieldTests
{
    [Fact]
    public async Task AnAbbreviationIsRefusedWithThePlaceAndAWindowsNameIsStoredAsItsPlace()
    {
        using var app = RegistrationDriver.NewApp(new FakeTimeProvider(RegistrationDriver.Now));
        var driver = await RegistrationDriver.OpenAsync(app);

        var abbreviated = await driver.Host.PutAsJsonAsync($"/api/events/{driver.Id}/registration", new { timeZone = "EST" });
        var windows = await driver.Host.PutAsJsonAsync($"/api/events/{driver.Id}/registration", new { timeZone = "Eastern Standard Time" });

        abbreviated.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await abbreviated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("timeZone")[0].GetString().Should().Contain("EST").And.Contain("write America/New_York");
        windows.StatusCode.Should().Be(HttpStatusCode.OK, await windows.Content.ReadAsStringAsync());
        (await windows.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("timeZone").GetString().Should().Be("America/New_York");
    }
}
