using System.Net.Http.Json;
using System.Text.Json;
using FlashMentoring.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FlashMentoring.Web.Tests.Registration;

/// <summary>An event with its registration link, and people registering through it as browsers would.</summary>
internal sealed class RegistrationDriver(TestApp app, Guid id, HttpClient host)
{
    /// <summary>A month before the event: registration time.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 1, 14, 0, 0, TimeSpan.Zero);

    public TestApp App => app;

    public Guid Id => id;

    public HttpClient Host => host;

    public string Code { get; private set; } = "";

    /// <summary>A TestApp whose clock the test drives; with an SMTP relay configured when <paramref name="mail"/> (nothing is sent without the worker).</summary>
    public static TestApp NewApp(FakeTimeProvider time, bool mail = false) => new()
    {
        Time = time,
        Settings = mail ? new() { ["Mail:Host"] = "localhost", ["Mail:From"] = "mentoring@hhs.gov" } : [],
    };

    /// <summary>Creates an event (3 rounds, tables of 2) and opens its registration link.</summary>
    public static async Task<RegistrationDriver> OpenAsync(TestApp app, object? settings = null, int rounds = 3, int seatsPerTable = 2)
    {
        ArgumentNullException.ThrowIfNull(app);
        var created = await (await app.CreateClient().PostAsJsonAsync("/api/events", new { title = "Autumn Flash Mentoring", startsAt = "2026-12-01T09:00:00-05:00", rounds, seatsPerTable }))
            .Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetGuid();
        var driver = new RegistrationDriver(app, id, app.HostClient(created.GetProperty("hostKey").GetString()!));
        var answer = await driver.Host.PutAsJsonAsync($"/api/events/{id}/registration", settings ?? new { open = true });
        answer.EnsureSuccessStatusCode();
        driver.Code = (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString()!;
        return driver;
    }

    /// <summary>A new browser opens the page (and gets its device cookie), then sends the form.</summary>
    public async Task<HttpResponseMessage> RegisterAsync(object form)
    {
        var browser = app.CreateClient();
        (await browser.GetAsync($"/api/register/{Code}")).EnsureSuccessStatusCode();
        return await browser.PostAsJsonAsync($"/api/register/{Code}", form);
    }

    /// <summary>Registers someone with the usual fields; their personal link's token (e-mail off).</summary>
    public async Task<string> RegisterAsync(string name, string email, string role, string agency = "HHS/NIH", string[]? expertise = null, string[]? needs = null, string location = "Bethesda, MD")
    {
        var answer = await RegisterAsync(new { name, email, role, agency, location, grade = "GS-13", expertise = expertise ?? [], needs = needs ?? [], goals = "", formats = new[] { "In person" }, consent = true });
        var body = await answer.Content.ReadFromJsonAsync<JsonElement>();
        ((int)answer.StatusCode).Should().Be(201, body.ToString());
        return body.GetProperty("token").GetString()!;
    }

    /// <summary>A phone or laptop opening a personal link.</summary>
    public HttpClient Person(string token)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Person-Token", token);
        return client;
    }

    /// <summary>Each person's personal-link token, by name, from the host's list (with e-mail on, a registration's answer has none: the link goes by mail).</summary>
    public async Task<Dictionary<string, string>> TokensAsync()
    {
        var people = await host.GetFromJsonAsync<JsonElement>($"/api/events/{id}/people");
        return people.EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("link").GetString()!.Split("#t=")[1]);
    }

    /// <summary>Reads the store directly (what an operator would find in the database).</summary>
    public async Task<T> ReadAsync<T>(Func<AppDb, Task<T>> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        await using var scope = app.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<AppDb>());
    }
}
