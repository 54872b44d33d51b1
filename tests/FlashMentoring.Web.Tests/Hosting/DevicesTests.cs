using FlashMentoring.Web.Data;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FlashMentoring.Web.Tests.Hosting;

public sealed class DevicesTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("fm-devices-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task APhoneIsStillTheSameDeviceAfterTheAppRestarts()
    {
        string cookie;
        using (var before = new TestApp { DataFolder = folder })
        {
            var first = await before.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false }).GetAsync("/join");
            cookie = first.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        }

        using var after = new TestApp { DataFolder = folder };
        var client = after.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        var again = await client.GetAsync("/join");
        var forged = after.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        forged.DefaultRequestHeaders.Add("Cookie", "fm-device=made-up");
        var refused = await forged.GetAsync("/join");

        cookie.Should().StartWith("fm-device=");
        if (TestPostgres.Selected)
        {
            using var scope = after.Services.CreateScope();
            (await scope.ServiceProvider.GetRequiredService<AppDb>().DataProtectionKeys.CountAsync()).Should().BePositive("the signing keys live with the data, in the database every node reads");
        }
        else
        {
            Directory.EnumerateFiles(Path.Combine(folder, "keys"), "*.xml").Should().NotBeEmpty("the signing keys live with the data: one folder to mount or back up");
        }

        again.Headers.Contains("Set-Cookie").Should().BeFalse("the restarted app still knows the phone's cookie, so its allowances and claims stay its own");
        refused.Headers.Contains("Set-Cookie").Should().BeTrue("a cookie the app did not sign is no device: it gets a new one");
    }
}
