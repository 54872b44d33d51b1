using FlashMentoring.Core.Wording;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Hosting;
using FlashMentoring.Web.Roster;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace FlashMentoring.Web.Registration;

/// <summary>
/// What a personal link opens before the event: the person's own profile (and a registration waiting for their
/// confirmation), the mentor search with must-meet and no-thanks choices, and for a mentor, who asked for them. Every
/// refusal is worded in the reader's language (the page's, which it sends as Accept-Language).
/// </summary>
public static class ProfileEndpoints
{
    public static IEndpointRouteBuilder MapProfiles(this IEndpointRouteBuilder app)
    {
        var me = app.MapPersonalRoutes().WithTags("Registration");
        me.MapGet("/profile", Profile).WithSummary("My profile and my mentor choices");
        me.MapPut("/profile", EditProfile).WithSummary("Change my profile");
        me.MapPost("/profile/pending", DecidePending).WithSummary("Confirm or discard the details sent again with my e-mail");
        me.MapGet("/mentors", Mentors).WithSummary("Search the event's mentors");
        // Not /choices: that is the keep-in-touch choice after the event (Feedback).
        me.MapPut("/mentor-choices", Choose).WithSummary("Choose mentors I must meet, and mentors I would rather not");
        me.MapGet("/askers", Askers).WithSummary("The mentees who asked to meet me, once the plan is published");
        return app;
    }

    internal static async Task<Results<Ok<ProfileView>, ProblemHttpResult>> Profile(HttpContext http, LinkedProfiles found, Registrations registrations, CancellationToken cancellationToken)
    {
        if (await found.PersonAsync(http, cancellationToken) is not var (record, person, everyone))
        {
            return NotYours(http);
        }

        return TypedResults.Ok(registrations.Profile(record, person, everyone));
    }

    /// <summary>Changes one's own profile until the event starts. The e-mail stays (it is who they are; the host changes it).</summary>
    internal static async Task<Results<Ok<ProfileView>, ValidationProblem, ProblemHttpResult>> EditProfile(
        ProfileForm form, HttpContext http, LinkedProfiles found, Registrations registrations, CancellationToken cancellationToken)
    {
        var texts = Languages.Of(http.Request);
        if (await found.PersonAsync(http, cancellationToken) is not var (record, person, everyone))
        {
            return NotYours(http);
        }

        if (Registrations.Started(record))
        {
            return Closed(texts);
        }

        var (profile, errors) = ProfileRules.Check(form with { Email = string.IsNullOrWhiteSpace(form.Email) ? person.Profile.Email : form.Email }, emailRequired: false, texts);
        if (profile is not null && profile.Email != person.Profile.Email)
        {
            errors["email"] = [texts.T("profile.problem.emailFixed")];
        }

        if (profile is not null && ProfileRules.ChangesSeatedMode(record, person, profile))
        {
            errors["attends"] = [texts.T("profile.problem.otherKind")];
        }

        if (profile is null || errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: texts.T("profile.problem.notChanged"));
        }

        return await Save(found, registrations, record, person, everyone, profile, texts, cancellationToken);
    }

    /// <summary>Applies or discards the details a registration sent again with this person's e-mail.</summary>
    internal static async Task<Results<Ok<ProfileView>, ValidationProblem, ProblemHttpResult>> DecidePending(
        PendingDecision decision, HttpContext http, LinkedProfiles found, Registrations registrations, TimeProvider time, CancellationToken cancellationToken)
    {
        var texts = Languages.Of(http.Request);
        if (await found.PersonAsync(http, cancellationToken) is not var (record, person, everyone))
        {
            return NotYours(http);
        }

        var pending = ProfileRules.Pending(person);
        person.Profile.PendingUpdate = null;
        if (!decision.Apply || pending is null)
        {
            await found.Db.SaveChangesAsync(cancellationToken);
            return TypedResults.Ok(registrations.Profile(record, person, everyone));
        }

        if (Registrations.Started(record))
        {
            return Closed(texts);
        }

        var (profile, errors) = ProfileRules.Check(pending with { Email = person.Profile.Email }, emailRequired: false, texts);
        if (profile is null)
        {
            return TypedResults.ValidationProblem(errors, title: texts.T("profile.problem.notApplied"));
        }

        person.Profile.ConsentedAt = time.GetUtcNow(); // The form sent again carried its own consent.
        return await Save(found, registrations, record, person, everyone, profile, texts, cancellationToken);
    }

    internal static async Task<Results<Ok<MentorSearch>, ProblemHttpResult>> Mentors(
        HttpContext http, LinkedProfiles found, CancellationToken cancellationToken, string? q = null, string? agency = null, string? location = null, string? expertise = null)
    {
        if (await found.PersonAsync(http, cancellationToken) is not var (_, person, everyone))
        {
            return NotYours(http);
        }

        return ProfileRules.CanBeMentee(person) ? TypedResults.Ok(Registrations.Search(person, everyone, q, agency, location, expertise)) : MentorsOnly(Languages.Of(http.Request));
    }

    /// <summary>
    /// Stores a mentee's choices as what the engine takes: must meet as prefers (best first), no thanks as avoid (an
    /// avoid the host set on someone who is not a mentor stays). The next plan honours them.
    /// </summary>
    internal static async Task<Results<Ok<MentorChoicesView>, ProblemHttpResult>> Choose(
        MentorChoices choices, HttpContext http, LinkedProfiles found, CancellationToken cancellationToken)
    {
        var texts = Languages.Of(http.Request);
        if (await found.PersonAsync(http, cancellationToken) is not var (record, person, everyone))
        {
            return NotYours(http);
        }

        if (Registrations.Started(record))
        {
            return Closed(texts);
        }

        if (!ProfileRules.CanBeMentee(person))
        {
            return MentorsOnly(texts);
        }

        var mentors = everyone.Where(ProfileRules.CanMentor).ToDictionary(p => p.Id);
        var mustMeet = (choices.MustMeet ?? []).Distinct().ToList();
        var noThanks = (choices.NoThanks ?? []).Distinct().ToList();
        var errors = new Dictionary<string, string[]>();
        string? Wrong(IEnumerable<long> ids) => ids.Select(id =>
            id == person.Id ? texts.T("mentors.problem.self")
            : !mentors.ContainsKey(id) ? texts.T("mentors.problem.notMentor")
            : null).FirstOrDefault(e => e is not null);
        if (mustMeet.Count > 3)
        {
            errors["mustMeet"] = [texts.T("mentors.problem.tooMany", ("count", mustMeet.Count))];
        }
        else if (Wrong(mustMeet) is { } badMustMeet)
        {
            errors["mustMeet"] = [badMustMeet];
        }

        if (Wrong(noThanks) is { } badNoThanks)
        {
            errors["noThanks"] = [badNoThanks];
        }
        else if (mustMeet.Intersect(noThanks).FirstOrDefault() is var both && both != 0)
        {
            errors["noThanks"] = [texts.T("mentors.problem.both", ("name", mentors[both].Name))];
        }

        if (errors.Count > 0)
        {
            return TypedResults.Problem(new HttpValidationProblemDetails(errors) { Title = texts.T("mentors.problem.notSaved"), Status = StatusCodes.Status422UnprocessableEntity });
        }

        var mentorKeys = mentors.Values.Select(m => m.Key).ToHashSet(StringComparer.Ordinal);
        person.Profile.Prefers = mustMeet.Select(id => mentors[id].Key).ToList();
        person.Profile.Avoid = person.Profile.Avoid.Where(k => !mentorKeys.Contains(k)).Concat(noThanks.Select(id => mentors[id].Key)).ToList();
        await found.Db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(Registrations.Choices(person, everyone));
    }

    /// <summary>A mentor's askers: only once the plan is published (<see cref="Registrations.Published"/>), and only names and needs.</summary>
    internal static async Task<Results<Ok<AskersView>, ProblemHttpResult>> Askers(HttpContext http, LinkedProfiles found, Registrations registrations, CancellationToken cancellationToken)
    {
        if (await found.PersonAsync(http, cancellationToken) is not var (record, person, everyone))
        {
            return NotYours(http);
        }

        if (!registrations.Published(record))
        {
            return TypedResults.Ok(new AskersView(false, []));
        }

        var askers = everyone.Where(p => p.Id != person.Id && p.Profile.Prefers.Contains(person.Key))
            .OrderBy(p => p.Name, StringComparer.CurrentCultureIgnoreCase)
            .Select(p => new Asker(p.Name, p.Profile.Needs)).ToList();
        return TypedResults.Ok(new AskersView(true, askers));
    }

    private static async Task<Results<Ok<ProfileView>, ValidationProblem, ProblemHttpResult>> Save(
        LinkedProfiles found, Registrations registrations, EventRecord record, PersonRecord person, IReadOnlyList<PersonRecord> everyone, CleanProfile profile, Texts texts, CancellationToken cancellationToken)
    {
        // A plan is read once per version: one that seats this person is read again with their new details.
        if (ProfileRules.Apply(person, profile) && ProfileRules.Planned(person))
        {
            record.PlanVersion++;
        }

        try
        {
            await found.Db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return TypedResults.Problem(detail: texts.T("profile.problem.conflict"), statusCode: StatusCodes.Status409Conflict, title: texts.T("profile.problem.notSaved"));
        }

        return TypedResults.Ok(registrations.Profile(record, person, everyone));
    }

    private static ProblemHttpResult NotYours(HttpContext http)
    {
        var texts = Languages.Of(http.Request);
        return TypedResults.Problem(title: texts.T("profile.problem.notYoursTitle"), detail: texts.T("profile.problem.notYours"), statusCode: StatusCodes.Status404NotFound);
    }

    private static ProblemHttpResult Closed(Texts texts) =>
        TypedResults.Problem(title: texts.T("profile.problem.startedTitle"), detail: texts.T("profile.problem.started"), statusCode: StatusCodes.Status409Conflict);

    private static ProblemHttpResult MentorsOnly(Texts texts) =>
        TypedResults.Problem(title: texts.T("mentors.problem.menteesOnlyTitle"), detail: texts.T("mentors.problem.menteesOnly"), statusCode: StatusCodes.Status403Forbidden);
}
