using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FlashMentoring.Browser.Tests.Registration;

/// <summary>Someone who fills in the registration form.</summary>
/// <param name="Role">The role as the form labels it, whole: "Mentor: I share my experience".</param>
public sealed record Registrant(string Name, string Email, string Role, string Agency, string Opdiv, string Location, string Grade, string[] Expertise, string[] Needs);

/// <summary>The registration page and the checks every new page of registration must pass, as a participant meets them.</summary>
public static class RegistrationPage
{
    /// <summary>Fills the form (everything but the consent box) from the person's details.</summary>
    public static async Task FillAsync(this IPage page, Registrant who)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(who);
        await page.GetByLabel("Your name").FillAsync(who.Name);
        await page.GetByLabel("Work e-mail").FillAsync(who.Email);
        await page.GetByRole(AriaRole.Radio, new() { Name = who.Role, Exact = true }).CheckAsync();
        await page.GetByLabel("Agency", new() { Exact = true }).FillAsync(who.Agency);
        await page.GetByLabel("OPDIV or office (optional)").FillAsync(who.Opdiv);
        await page.GetByLabel("Location", new() { Exact = true }).FillAsync(who.Location);
        await page.GetByLabel("Grade", new() { Exact = true }).FillAsync(who.Grade);
        foreach (var expertise in who.Expertise)
        {
            await page.GetByRole(AriaRole.Group, new() { Name = "Your expertise" }).GetByLabel(expertise, new() { Exact = true }).CheckAsync();
        }

        foreach (var need in who.Needs)
        {
            await page.GetByRole(AriaRole.Group, new() { Name = "What you want to grow in" }).GetByLabel(need, new() { Exact = true }).CheckAsync();
        }
    }

    /// <summary>Registers through the page at <paramref name="path"/> and waits for "You are registered".</summary>
    public static async Task RegisterAsync(this IPage page, string path, Registrant who)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync(path);
        await page.FillAsync(who);
        await page.GetByLabel("I have read the privacy notice and agree.").CheckAsync();
        await page.ExplainingAsync($"{who.Name} was not registered", async () =>
        {
            await page.GetByRole(AriaRole.Button, new() { Name = "Register" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You are registered" })).ToBeVisibleAsync();
        });
    }

    /// <summary>How far the page runs off the side of its screen, in CSS pixels (0 when nothing does).</summary>
    public static Task<int> SidewaysOverflowAsync(this IPage page) =>
        page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
}
