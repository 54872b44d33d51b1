using FlashMentoring.Core.Wording;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Hosting;
using FlashMentoring.Web.Roster;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace FlashMentoring.Web.Live;

/// <summary>The language a person picks on their phone: a code the app speaks (en, es).</summary>
public sealed record LanguageChoice(string? Language);

/// <summary>The language now stored for the person.</summary>
public sealed record MyLanguageView(string Language);

/// <summary>
/// The phone's language switch sticks to the personal link: the choice is stored on the person, so any device that opens
/// the link shows it, and whatever the app prints or sends for them can follow it.
/// </summary>
public static class MyLanguage
{
    public static IEndpointRouteBuilder MapMyLanguage(this IEndpointRouteBuilder app)
    {
        app.MapPersonalRoutes().WithTags("Join").MapPut("/language", Choose).WithSummary("Choose my language (my phone, and what is printed or sent to me)");
        return app;
    }

    internal static async Task<Results<Ok<MyLanguageView>, ValidationProblem, ProblemHttpResult>> Choose(
        LanguageChoice choice, HttpRequest request, AppDb db, PersonalLinks links, CancellationToken cancellationToken)
    {
        var texts = Languages.Of(request);
        if (await links.FindAsync(request, cancellationToken) is not var (person, _))
        {
            return PersonalLinks.NotValid(texts);
        }

        if (Languages.Clean(choice.Language) is not { } code)
        {
            var known = string.Join(", ", Texts.Languages.Select(l => l.Code));
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["language"] = [texts.T("phone.error.language.detail", ("languages", known))] },
                title: texts.T("phone.error.language.title"));
        }

        await db.QueuedWriteAsync(
            async () =>
            {
                var row = await db.People.FirstAsync(p => p.Id == person.Id, cancellationToken);
                row.Language = code;
                return await db.SaveChangesAsync(cancellationToken);
            },
            cancellationToken);
        return TypedResults.Ok(new MyLanguageView(code));
    }
}
