using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using FlashMentoring.Core.Planning;
using FlashMentoring.Core.Roster;
using FlashMentoring.Core.Wording;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Hosting;
using FlashMentoring.Web.Mail;
using FlashMentoring.Web.Plans;
using FlashMentoring.Web.Roster;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace FlashMentoring.Web.Registration;

/// <summary>
/// Self-registration before the event: the host's link settings, the public registration page, the host's review of
/// everyone stored (edit, remove, a CSV imported on top) and planning from them. What the public routes answer is worded
/// in the reader's language; the host's routes answer in English, but for the field errors of a person's edit.
/// </summary>
public static partial class RegistrationEndpoints
{
    public static IServiceCollection AddRegistration(this IServiceCollection services)
    {
        services.AddScoped<Registrations>();
        services.AddScoped<LinkedProfiles>();
        return services.AddSingleton<RegistrationLimits>();
    }

    // What a registration answers when the link went by e-mail, to a new person and to an address already registered alike.
    private static RegistrationResult Emailed(Texts texts) => new("registered", null, null, true, texts.T("register.answer.emailed"));

    public static IEndpointRouteBuilder MapRegistration(this IEndpointRouteBuilder app)
    {
        var host = app.MapHostRoutes().WithTags("Registration");
        host.MapGet("/registration", Settings).WithSummary("Read the registration link's settings");
        host.MapGet("/registration/qr.svg", LinkQr).WithSummary("The registration link as a QR code").ProducesFile("image/svg+xml");
        host.MapPut("/registration", ChangeSettings).WithSummary("Open or close registration, its closing time and e-mail domains");
        host.MapGet("/registrations", Review).WithSummary("Everyone stored, with what is missing and how much each mentor is asked for");
        host.MapPut("/people/{personId:long}", EditPerson).WithSummary("Change a person's profile");
        host.MapDelete("/people/{personId:long}", DeletePerson).WithSummary("Remove a person before the event").AsHeavyWork("Remove a person");
        host.MapPost("/people/import", Import).WithSummary("Add and update people from a roster CSV, removing nobody").AcceptsRosterCsv();
        host.MapPost("/plan", PlanEveryone).WithSummary("Plan the event from everyone stored").AsHeavyWork("Plan from people");

        var open = app.MapGroup("/api/register/{code}").WithTags("Registration");
        open.MapGet("/", Page).WithSummary("The registration page's event, lists and privacy notice");
        // A form is a few kilobytes: an anonymous request is refused long before it could fill memory.
        open.MapPost("/", Register).WithSummary("Register for the event").DisableAntiforgery().WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(64 * 1024));
        return app;
    }

    internal static async Task<Results<Ok<RegistrationSettingsView>, NotFound>> Settings(Guid id, HttpRequest request, AppDb db, Registrations registrations, CancellationToken cancellationToken)
    {
        var record = await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        return record is null ? TypedResults.NotFound() : TypedResults.Ok(await registrations.SettingsAsync(record, request, cancellationToken));
    }

    /// <summary>The registration link as a QR code, for a poster or a slide; 404 until registration was first opened.</summary>
    internal static async Task<Results<ContentHttpResult, NotFound>> LinkQr(Guid id, HttpRequest request, AppDb db, Registrations registrations, CancellationToken cancellationToken)
    {
        var record = await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        var link = record is null ? null : (await registrations.SettingsAsync(record, request, cancellationToken)).Link;
        return link is null ? TypedResults.NotFound() : TypedResults.Content(Live.JoinLinks.QrSvg(link), "image/svg+xml");
    }

    /// <summary>Changes the link's settings; a property left out keeps its value. First opening makes the link's code.</summary>
    internal static async Task<Results<Ok<RegistrationSettingsView>, NotFound, ValidationProblem>> ChangeSettings(
        Guid id, RegistrationSettingsChange change, HttpRequest request, AppDb db, Registrations registrations, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        DateTimeOffset? closesAt = null;
        if (change.ClosesAt.ValueKind == JsonValueKind.String)
        {
            var text = change.ClosesAt.GetString()!;
            if (!OffsetPattern().IsMatch(text) || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
            {
                errors["closesAt"] = [$"\"{text}\" is not a date and time with its offset; write it like 2026-11-20T17:00:00-05:00."];
            }
            else
            {
                closesAt = parsed;
            }
        }
        else if (change.ClosesAt.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
        {
            errors["closesAt"] = ["Give the closing time as text, like 2026-11-20T17:00:00-05:00, or null for none."];
        }

        var (domains, badDomain) = change.Domains.ValueKind == JsonValueKind.Undefined ? (null, null) : Registrations.ParseDomains(change.Domains);
        if (badDomain is not null)
        {
            errors["domains"] = [badDomain];
        }

        string? timeZone = null;
        if (change.TimeZone.ValueKind == JsonValueKind.String && change.TimeZone.GetString()!.Trim() is { Length: > 0 } zone)
        {
            timeZone = PersonFields.ReadTimeZone(zone, out var zoneProblem);
            if (zoneProblem is not null)
            {
                errors["timeZone"] = [zoneProblem];
            }
        }
        else if (change.TimeZone.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined or JsonValueKind.String))
        {
            errors["timeZone"] = ["Give the time zone as text, like America/New_York, or null."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The registration settings were not changed");
        }

        for (var attempt = 1; ; attempt++)
        {
            var record = await db.Events.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
            if (record is null)
            {
                return TypedResults.NotFound();
            }

            var r = record.Registration;
            if (change.Open is { } isOpen)
            {
                r.Open = isOpen;
                r.Code ??= isOpen ? Secrets.Random(12) : null;
            }

            if (change.ClosesAt.ValueKind != JsonValueKind.Undefined)
            {
                r.ClosesAt = closesAt;
            }

            if (domains is not null)
            {
                r.Domains = domains;
            }

            if (change.TimeZone.ValueKind != JsonValueKind.Undefined)
            {
                record.TimeZone = timeZone;
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return TypedResults.Ok(await registrations.SettingsAsync(record, request, cancellationToken));
            }
            catch (DbUpdateConcurrencyException) when (attempt < 3)
            {
                db.ChangeTracker.Clear(); // The clock or a plan saved the event meanwhile: apply the change to what it is now.
            }
        }
    }

    /// <summary>What the public page shows; an unknown code counts as a guess against the device.</summary>
    internal static async Task<Results<Ok<RegistrationPage>, ProblemHttpResult>> Page(string code, HttpContext http, AppDb db, Attempts attempts, Registrations registrations, CancellationToken cancellationToken)
    {
        var texts = Languages.Of(http.Request);
        var (record, refusal) = await FindByCode(code, http, db, attempts, texts, cancellationToken);
        if (record is null)
        {
            return refusal!;
        }

        var r = record.Registration;
        return TypedResults.Ok(new RegistrationPage(record.Title, record.StartsAt, record.TimeZone, registrations.OpenNow(record), r.ClosesAt, r.Domains,
            ProfileLists.Standard.Competencies, ProfileLists.Standard.Formats, Registrations.PrivacyNotice(texts), record.Mode));
    }

    /// <summary>
    /// A registration. A new e-mail becomes a person with a personal link (sent by e-mail when e-mail is on, else shown
    /// to the registrant, who made it); an e-mail already registered changes nothing until its owner confirms the new
    /// details from their own link, and the answer says nothing of the profile it has.
    /// </summary>
    internal static async Task<Results<Created<RegistrationResult>, Accepted<RegistrationResult>, ValidationProblem, ProblemHttpResult>> Register(
        string code, ProfileForm form, HttpContext http, AppDb db, Attempts attempts, Registrations registrations, RegistrationLimits limits, MailQueue mail,
        TimeProvider time, CancellationToken cancellationToken)
    {
        var texts = Languages.Of(http.Request);
        var (record, refusal) = await FindByCode(code, http, db, attempts, texts, cancellationToken);
        if (record is null)
        {
            return refusal!;
        }

        if (!registrations.OpenNow(record))
        {
            var why = Registrations.Started(record) ? texts.T("register.problem.closedStarted")
                : record.Registration.ClosesAt is { } closed && closed <= time.GetUtcNow() ? texts.T("register.problem.closedTime")
                : texts.T("register.problem.closedHost");
            return TypedResults.Problem(detail: why, statusCode: StatusCodes.Status403Forbidden, title: texts.T("register.problem.closedTitle"));
        }

        var (profile, errors) = ProfileRules.Check(form, emailRequired: true, texts);
        if (form.Consent != true)
        {
            errors.TryAdd("consent", [texts.T("register.problem.consent")]);
        }

        if (profile is null || errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: texts.T("register.problem.notSent"));
        }

        if (!Registrations.InDomains(record.Registration.Domains, profile.Email!))
        {
            return Unprocessable("email", texts.T("register.problem.domain", ("domains", string.Join(", ", record.Registration.Domains))), texts.T("register.problem.domainTitle"));
        }

        if (limits.Take(http) is { } tooMany)
        {
            return InWords(tooMany, http, texts, "register.problem.tooManyRegistrations");
        }

        var key = Person.KeyOf(profile.Email, profile.Name);
        var now = time.GetUtcNow();
        for (var attempt = 1; ; attempt++)
        {
            var existing = await db.People.FirstOrDefaultAsync(p => p.EventId == record.Id && p.Key == key, cancellationToken);
            if (existing is not null)
            {
                existing.Profile.PendingUpdate = ProfileRules.Serialize(profile);
                // One message an hour at most: resending the form must not flood someone's inbox through the relay.
                var mailedLately = (await db.Mail.AsNoTracking().Where(m => m.PersonId == existing.Id && m.Kind == "pending").Select(m => m.CreatedAt).ToListAsync(cancellationToken))
                    .Any(at => at > now.AddHours(-1));
                var pendingMail = mailedLately ? null : registrations.QueueLinkMail(record, existing, "pending", http.Request);
                await db.SaveChangesAsync(cancellationToken);
                mail.Wake();
                if (mail.Enabled)
                {
                    // The same answer as a new registration's: the page must not tell whether an address is registered.
                    return TypedResults.Created((string?)null, Emailed(texts));
                }

                return TypedResults.Accepted((string?)null, new RegistrationResult("pending", null, null, false, texts.T("register.answer.pending")));
            }

            var count = await db.People.CountAsync(p => p.EventId == record.Id, cancellationToken);
            if (count >= PlanLimits.Event.MaxPeople)
            {
                return TypedResults.Problem(detail: texts.T("register.problem.full", ("count", count.ToString("N0", texts.Culture))), statusCode: StatusCodes.Status409Conflict, title: texts.T("register.problem.fullTitle"));
            }

            var order = (await db.People.Where(p => p.EventId == record.Id).MaxAsync(p => (int?)p.Order, cancellationToken) ?? 0) + 1;
            var person = People.NewRecord(record.Id, ProfileRules.ToPerson(profile, order), "registration", order);
            ProfileRules.Apply(person, profile);
            person.Role = profile.Role == "mentor" ? "mentor" : "mentee";
            person.Profile.RegisteredAt = now;
            person.Profile.ConsentedAt = now;
            db.People.Add(person);
            var sent = registrations.QueueLinkMail(record, person, "confirmation", http.Request);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // The same e-mail registered at the same moment (the unique key refused this row): it is a duplicate.
                db.ChangeTracker.Clear();
                continue;
            }

            if (sent is not null)
            {
                sent.PersonId = person.Id; // Known once the person is saved.
                await db.SaveChangesAsync(cancellationToken);
                mail.Wake();
                return TypedResults.Created((string?)null, Emailed(texts));
            }

            return TypedResults.Created((string?)null, new RegistrationResult("registered", person.Token, Registrations.ProfilePath(person.Token), false, texts.T("register.answer.registered")));
        }
    }

    internal static async Task<Results<Ok<ReviewView>, NotFound>> Review(Guid id, AppDb db, CancellationToken cancellationToken)
    {
        if (!await db.Events.AnyAsync(e => e.Id == id, cancellationToken))
        {
            return TypedResults.NotFound();
        }

        var people = await db.People.AsNoTracking().Where(p => p.EventId == id).OrderBy(p => p.Order).ThenBy(p => p.Id).ToListAsync(cancellationToken);
        return TypedResults.Ok(Registrations.Review(people));
    }

    /// <summary>The host changes a person's profile (their e-mail too: the new one is their identity from then on).</summary>
    internal static async Task<Results<Ok<ReviewPerson>, NotFound, ValidationProblem, ProblemHttpResult>> EditPerson(
        Guid id, long personId, ProfileForm form, HttpRequest request, AppDb db, Registrations registrations, CancellationToken cancellationToken)
    {
        var texts = Languages.Of(request);
        var record = await db.Events.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        var people = record is null ? [] : await registrations.PeopleAsync(id, cancellationToken);
        var person = people.FirstOrDefault(p => p.Id == personId);
        if (record is null || person is null)
        {
            return TypedResults.NotFound();
        }

        if (Registrations.Started(record))
        {
            return Started("Profiles are fixed once the rounds have begun; use check-in and walk-ins instead.");
        }

        var (profile, errors) = ProfileRules.Check(form, emailRequired: false, texts);
        if (profile is not null && ProfileRules.ChangesSeatedMode(record, person, profile))
        {
            errors["attends"] = [$"{person.Name} is seated at tables of the other kind. Switch them in the check-in list instead: that moves them to tables of their new kind."];
        }

        if (profile is null || errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: texts.T("profile.problem.hostNotChanged"));
        }

        var newKey = profile.Email == person.Profile.Email ? person.Key : Person.KeyOf(profile.Email, profile.Name);
        var rekeyed = newKey != person.Key;
        if (!await registrations.RekeyAsync(person, newKey, cancellationToken))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["email"] = [$"Another person of this event has {profile.Email ?? "this name and no e-mail"}. Edit or remove that person first."] }, title: "The profile was not changed");
        }

        // A plan is read once per version: one that seats this person is read again with their new details.
        if ((ProfileRules.Apply(person, profile) || rekeyed) && ProfileRules.Planned(person))
        {
            record.PlanVersion++;
        }

        if (await SaveOrRefuse(db, cancellationToken) is { } refused)
        {
            return refused;
        }

        return TypedResults.Ok(Registrations.Review(people).People.Single(p => p.Id == personId));
    }

    /// <summary>
    /// Removes a person before the event. Someone the plan seats as a mentee leaves a free seat and nobody else moves;
    /// a mentor's table would leave its mentees without one, so the event is planned again from everyone left.
    /// </summary>
    internal static async Task<Results<NoContent, NotFound, ProblemHttpResult>> DeletePerson(Guid id, long personId, AppDb db, Registrations registrations, CancellationToken cancellationToken)
    {
        var record = await db.Events.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        var people = record is null ? [] : await registrations.PeopleAsync(id, cancellationToken);
        var person = people.FirstOrDefault(p => p.Id == personId);
        if (record is null || person is null)
        {
            return TypedResults.NotFound();
        }

        if (Registrations.Started(record))
        {
            return Started($"{person.Name} stays in the records of an event under way; mark them absent instead.");
        }

        var stored = await db.Plans.FirstOrDefaultAsync(p => p.EventId == id, cancellationToken);
        db.People.Remove(person);
        db.Mail.RemoveRange(await db.Mail.Where(m => m.EventId == id && m.PersonId == personId && m.Status == "queued").ToListAsync(cancellationToken));
        var left = people.Where(p => p.Id != personId).ToList();
        if (ProfileRules.Planned(person) && stored is not null)
        {
            stored.Pins = stored.Pins.Where(p => p.Mentee != person.Key && p.Mentor != person.Key).ToList();
            stored.Forbids = stored.Forbids.Where(p => p.Mentee != person.Key && p.Mentor != person.Key).ToList();
            stored.Undo = null; // It would put them back.
            if (person.Seating.Table is null)
            {
                record.PlanVersion++;
            }
            else
            {
                var (plan, problem) = PlanFrom(record, stored, await PlanStore.HistoryOf(db, record.Id, cancellationToken), left, cancellationToken);
                if (problem is not null)
                {
                    return TypedResults.Problem(detail: $"Without {person.Name} the plan would have {problem}. Add people first, or upload a new roster.", statusCode: StatusCodes.Status409Conflict, title: "Not removed");
                }

                PlanStore.Write(record, stored, left, plan!);
            }
        }

        return await SaveOrRefuse(db, cancellationToken) is { } refused ? refused : TypedResults.NoContent();
    }

    /// <summary>
    /// A roster CSV on top of the people stored: a line whose e-mail (or name, without one) is someone's updates them and
    /// keeps their personal link; other lines add people; nobody is removed and no plan is made.
    /// </summary>
    internal static async Task<Results<Ok<ImportResult>, NotFound, ProblemHttpResult>> Import(Guid id, HttpRequest request, AppDb db, Registrations registrations, CancellationToken cancellationToken)
    {
        var record = await db.Events.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (record is null)
        {
            return TypedResults.NotFound();
        }

        if (Registrations.Started(record))
        {
            return Started("Add people who come now as walk-ins.");
        }

        var (roster, problem) = await RosterUpload.ReadAsync(request, PlanLimits.Event, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var people = await registrations.PeopleAsync(id, cancellationToken);
        var byKey = people.ToDictionary(p => p.Key, StringComparer.Ordinal);
        var adding = roster!.People.Count(p => !byKey.ContainsKey(p.Key));
        if (people.Count + adding > PlanLimits.Event.MaxPeople)
        {
            return TypedResults.Problem(detail: $"The event has {people.Count:N0} people and the file adds {adding:N0}; the most one event takes is {PlanLimits.Event.MaxPeople:N0}.", statusCode: StatusCodes.Status413PayloadTooLarge, title: "Too many people");
        }

        var order = people.Select(p => p.Order).DefaultIfEmpty(0).Max();
        int added = 0, updated = 0;
        var seated = false;
        var warnings = roster.Warnings.ToList();
        foreach (var person in roster.People)
        {
            if (byKey.TryGetValue(person.Key, out var kept))
            {
                var merged = People.KeepOwnChoices(person, kept);
                // Only a re-plan moves someone to the other kind of table, and an import makes none: the desk's switch does.
                if (ProfileRules.ChangesSeatedMode(record, kept, People.AttendsName(merged.SaidOnline)))
                {
                    warnings.Add(new RosterWarning(person.Line, $"{person.Name} is seated at tables {(merged.SaidOnline == true ? "in the room" : "online")}, so how they take part was kept. To change it, switch them at the check-in desk: that moves them to tables of their new kind."));
                    merged = merged with { SaidOnline = People.SaidOnline(kept.Profile.Attends) };
                }

                People.SetProfile(kept, merged, kept.Source, kept.Order);
                seated |= ProfileRules.Planned(kept);
                updated++;
            }
            else
            {
                db.People.Add(People.NewRecord(id, person, "roster", ++order));
                added++;
            }
        }

        if (seated)
        {
            record.PlanVersion++; // The plan is read again with the new details of the people it seats.
        }

        if (await SaveOrRefuse(db, cancellationToken) is { } refused)
        {
            return refused;
        }

        return TypedResults.Ok(new ImportResult(added, updated, roster.Rejected, warnings.OrderBy(w => w.Line).ToList()));
    }

    /// <summary>Plans the event from everyone stored, with the host's pins and forbids: registrations, imports and roster alike.</summary>
    internal static async Task<Results<Ok<PlanResponse>, NotFound, ProblemHttpResult>> PlanEveryone(Guid id, AppDb db, Registrations registrations, CancellationToken cancellationToken)
    {
        var record = await db.Events.FirstOrDefaultAsync(e => e.Id == id, cancellationToken);
        if (record is null)
        {
            return TypedResults.NotFound();
        }

        if (Registrations.Started(record))
        {
            return Started("The plan changes now through check-in, walk-ins and the host's adjustments.");
        }

        var people = await registrations.PeopleAsync(id, cancellationToken);
        var stored = await db.Plans.FirstOrDefaultAsync(p => p.EventId == id, cancellationToken);
        if (stored is null)
        {
            stored = new PlanRecord { EventId = id };
            db.Plans.Add(stored);
        }

        var (plan, problem) = PlanFrom(record, stored, await PlanStore.HistoryOf(db, id, cancellationToken), people, cancellationToken);
        if (problem is not null)
        {
            return TypedResults.Problem(detail: $"The event has {problem}. Open registration, import a roster or add people, then plan.", statusCode: StatusCodes.Status422UnprocessableEntity, title: "Nothing to plan");
        }

        // The notes of an earlier roster file are about its lines, not about this plan.
        stored.Rejected = [];
        stored.Warnings = [];
        PlanStore.Write(record, stored, people, plan!);
        return await SaveOrRefuse(db, cancellationToken) is { } refused ? refused : TypedResults.Ok(PlanResponse.From(plan!, [], []));
    }

    /// <summary>A plan of these people with the event's settings, the host's pins and forbids and the earlier events, or what is missing for one.</summary>
    private static (PlanResult? Plan, string? Missing) PlanFrom(EventRecord record, PlanRecord stored, HistoryRecord? history, IReadOnlyList<PersonRecord> people, CancellationToken cancellationToken)
    {
        var settings = PlanStore.Settings(record);
        var roles = RoleAssignment.From(people.Select(p => People.ToCore(record, p)).ToList(), settings.SeatsPerTable);
        if (roles.Mentors.Count == 0 || roles.Mentees.Count == 0)
        {
            return (null, $"{Say.Count(roles.Mentors.Count, "mentor")} and {Say.Count(roles.Mentees.Count, "mentee")}");
        }

        return (RotationEngine.Plan(roles, settings, PlanStore.Constraints(stored, history), cancellationToken), null);
    }

    // The event's plan version and clock are concurrency tokens: a plan or the clock saved meanwhile refuses this save.
    private static async Task<ProblemHttpResult?> SaveOrRefuse(AppDb db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return TypedResults.Problem(detail: "The event changed while this was being saved (a plan, or the clock), so nothing was saved. Reload and try again.", statusCode: StatusCodes.Status409Conflict, title: "Changed meanwhile");
        }
    }

    private static ProblemHttpResult Started(string what) =>
        TypedResults.Problem(detail: $"The event has started. {what}", statusCode: StatusCodes.Status409Conflict, title: "The event has started");

    private static ProblemHttpResult NoSuchLink(Texts texts) =>
        TypedResults.Problem(title: texts.T("register.noSuchLink"), detail: texts.T("register.problem.noSuchLink"), statusCode: StatusCodes.Status404NotFound);

    /// <summary>
    /// A 429 of the shared limits (Attempts, RegistrationLimits: English, for every route that uses them), worded again
    /// for a registrant; the wait is the one they set in Retry-After.
    /// </summary>
    private static ProblemHttpResult InWords(ProblemHttpResult tooMany, HttpContext http, Texts texts, string key)
    {
        var seconds = int.TryParse(http.Response.Headers.RetryAfter.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var wait) ? wait : 60;
        tooMany.ProblemDetails.Title = texts.T("register.problem.slowDown");
        tooMany.ProblemDetails.Detail = texts.T(key, ("seconds", seconds));
        return tooMany;
    }

    /// <summary>A validation problem answered 422: the form is fine, but this value cannot be taken here.</summary>
    internal static ProblemHttpResult Unprocessable(string field, string message, string title) =>
        TypedResults.Problem(new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] }) { Title = title, Status = StatusCodes.Status422UnprocessableEntity });

    /// <summary>The event a registration link opens, or the refusal: a device that guesses codes is slowed like on the join page.</summary>
    private static async Task<(EventRecord? Record, ProblemHttpResult? Refusal)> FindByCode(string code, HttpContext http, AppDb db, Attempts attempts, Texts texts, CancellationToken cancellationToken)
    {
        if (attempts.Blocked(http, AttemptKind.WrongCode))
        {
            return (null, InWords(Attempts.TooMany(http, AttemptKind.WrongCode), http, texts, "register.problem.tooManyCodes"));
        }

        var trimmed = code.Trim();
        var record = trimmed.Length is 0 or > 24 ? null : await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Registration.Code == trimmed, cancellationToken);
        if (record is null)
        {
            attempts.Failed(http, AttemptKind.WrongCode);
            return (null, NoSuchLink(texts));
        }

        return (record, null);
    }

    [GeneratedRegex("(Z|z|[+-][0-9]{2}:?[0-9]{2})$")]
    private static partial Regex OffsetPattern();
}
