using System.Text.Json;
using FlashMentoring.Core.Feedback;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Events;
using FlashMentoring.Web.Live;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace FlashMentoring.Web.Feedback;

/// <summary>End-of-event survey answers, each 1 to 5.</summary>
public sealed record SurveyAnswers(int? Match, int? Conversation, int? Logistics, int? Again);

/// <summary>A rating a phone sends: <c>ClientId</c> makes a resend count once.</summary>
public sealed record AnswerRequest(Guid ClientId, int Round, int? Rating, string? Note = null, bool SignNote = false, SurveyAnswers? Survey = null);

/// <summary>Someone a person met and may choose to keep in touch with.</summary>
public sealed record MetPerson(long Id, string Name, string Role, int? Rank);

/// <summary>A mutual choice: contact details are shown only for these.</summary>
public sealed record Match(string Name, string? Email, string Agency, bool Confirmed);

/// <summary>What the phone's feedback screen needs.</summary>
public sealed record MyFeedback(IReadOnlyList<int> RatedRounds, bool SurveyDone, int MaxChoices, IReadOnlyList<MetPerson> Met, IReadOnlyList<Match> Matches);

/// <summary>The people chosen, best first.</summary>
public sealed record ChoicesRequest(IReadOnlyList<long>? Chosen);

/// <summary>Ratings, survey and keep-in-touch choices from phones; mutual matches back to them.</summary>
public static class FeedbackEndpoints
{
    /// <summary>How many people a mentee may rank (HHS lets a mentee ask up to three mentors).</summary>
    public const int MenteeChoices = 3;

    /// <summary>How many mentees a mentor may mark.</summary>
    public const int MentorChoices = 10;

    public static IEndpointRouteBuilder MapFeedback(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/me").WithTags("Feedback");
        me.MapPost("/answers", Answer);
        me.MapGet("/feedback", Mine);
        me.MapPut("/choices", Choose);
        return app;
    }

    internal static async Task<Results<Ok<AnswerRequest>, ProblemHttpResult, ValidationProblem>> Answer(AnswerRequest answer, HttpRequest request, AppDb db, TimeProvider time, CancellationToken cancellationToken)
    {
        var (person, record) = await Caller(db, request, cancellationToken);
        if (person is null || record is null)
        {
            return NotYou();
        }

        var errors = new Dictionary<string, string[]>();
        if (answer.ClientId == Guid.Empty)
        {
            errors["clientId"] = ["Send a clientId (a new GUID per answer) so a resend counts once."];
        }

        if (answer.Round < 0 || answer.Round > record.Rounds)
        {
            errors["round"] = [$"round must be 1 to {record.Rounds}, or 0 for the end-of-event survey; got {answer.Round}."];
        }

        var survey = answer.Survey;
        var scores = new[] { answer.Rating, survey?.Match, survey?.Conversation, survey?.Logistics, survey?.Again };
        if (scores.Any(s => s is < 1 or > 5))
        {
            errors["rating"] = ["Ratings go from 1 (poor) to 5 (excellent)."];
        }

        if (answer.Note?.Length > AnswerRecord.MaxNote)
        {
            errors["note"] = [$"A note can be up to {AnswerRecord.MaxNote} characters; this one has {answer.Note.Length}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The answer was not saved");
        }

        var existing = await db.Answers.FirstOrDefaultAsync(a => a.PersonId == person.Id && a.Round == answer.Round, cancellationToken);
        if (existing?.ClientId == answer.ClientId)
        {
            return TypedResults.Ok(answer); // The same answer again: already counted.
        }

        existing ??= db.Answers.Add(new AnswerRecord { EventId = record.Id, PersonId = person.Id, Round = answer.Round }).Entity;
        existing.ClientId = answer.ClientId;
        existing.Rating = answer.Round == 0 ? survey?.Match : answer.Rating;
        existing.Note = string.IsNullOrWhiteSpace(answer.Note) ? null : answer.Note.Trim();
        existing.NoteSigned = answer.SignNote && existing.Note is not null;
        existing.SurveyJson = survey is null ? null : JsonSerializer.Serialize(survey);
        existing.ReceivedAt = time.GetUtcNow();
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two copies of a first answer raced; the other one was saved, which is the same answer.
        }

        return TypedResults.Ok(answer);
    }

    internal static async Task<Results<Ok<MyFeedback>, ProblemHttpResult>> Mine(HttpRequest request, AppDb db, CancellationToken cancellationToken)
    {
        var (person, record) = await Caller(db, request, cancellationToken);
        if (person is null || record is null)
        {
            return NotYou();
        }

        var answers = await db.Answers.AsNoTracking().Where(a => a.PersonId == person.Id).Select(a => a.Round).ToListAsync(cancellationToken);
        var met = await Met(db, record, person, cancellationToken);
        var mine = await db.Choices.AsNoTracking().Where(c => c.ChooserId == person.Id).ToDictionaryAsync(c => c.ChosenId, c => c.Rank, cancellationToken);
        var chosenMe = await db.Choices.AsNoTracking().Where(c => c.ChosenId == person.Id).Select(c => c.ChooserId).ToListAsync(cancellationToken);
        var confirmed = await db.Pairs.AsNoTracking().Where(p => p.MentorId == person.Id || p.MenteeId == person.Id)
            .Select(p => p.MentorId == person.Id ? p.MenteeId : p.MentorId).ToListAsync(cancellationToken);
        var mutual = met.Where(m => mine.ContainsKey(m.Id) && chosenMe.Contains(m.Id)).ToList();
        var contacts = EventPlans.Load(record) is { } loaded
            ? loaded.Plan.Rotation.Mentors.Concat(loaded.Plan.Rotation.Mentees).ToDictionary(p => p.Key)
            : [];
        var keys = await db.People.AsNoTracking().Where(p => p.EventId == record.Id).ToDictionaryAsync(p => p.Id, p => p.Key, cancellationToken);
        var matches = mutual.Select(m =>
        {
            var contact = contacts.GetValueOrDefault(keys[m.Id]);
            return new Match(m.Name, contact?.Email, contact?.Agency ?? "", confirmed.Contains(m.Id));
        }).ToList();
        return TypedResults.Ok(new MyFeedback(
            answers.Where(r => r > 0).Order().ToList(), answers.Contains(0), person.Role == "mentor" ? MentorChoices : MenteeChoices,
            met.Select(m => m with { Rank = mine.TryGetValue(m.Id, out var rank) ? rank : null }).ToList(), matches));
    }

    internal static async Task<Results<Ok<MyFeedback>, ProblemHttpResult, ValidationProblem>> Choose(ChoicesRequest choices, HttpRequest request, AppDb db, CancellationToken cancellationToken)
    {
        var (person, record) = await Caller(db, request, cancellationToken);
        if (person is null || record is null)
        {
            return NotYou();
        }

        var chosen = (choices.Chosen ?? []).Distinct().ToList();
        var max = person.Role == "mentor" ? MentorChoices : MenteeChoices;
        var met = (await Met(db, record, person, cancellationToken)).Select(m => m.Id).ToHashSet();
        if (chosen.Count > max || chosen.Any(id => !met.Contains(id)))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["chosen"] = [$"Choose up to {max} of the people you met at the event."] },
                title: "Those choices were not saved");
        }

        db.Choices.RemoveRange(await db.Choices.Where(c => c.ChooserId == person.Id).ToListAsync(cancellationToken));
        db.Choices.AddRange(chosen.Select((id, k) => new ChoiceRecord { EventId = record.Id, ChooserId = person.Id, ChosenId = id, Rank = k + 1 }));
        await db.SaveChangesAsync(cancellationToken);
        return (await Mine(request, db, cancellationToken)).Result switch
        {
            Ok<MyFeedback> ok => TypedResults.Ok(ok.Value!),
            _ => NotYou(),
        };
    }

    /// <summary>Everyone the person sat with as mentor and mentee, by the plan (a mentee's mentors; a mentor's mentees).</summary>
    internal static async Task<List<MetPerson>> Met(AppDb db, EventRecord record, PersonRecord person, CancellationToken cancellationToken)
    {
        if (EventPlans.Load(record) is not { } loaded)
        {
            return [];
        }

        var rotation = loaded.Plan.Rotation;
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var round = 1; round <= rotation.Rounds; round++)
        {
            var mentor = rotation.Mentors.ToList().FindIndex(m => m.Key == person.Key);
            if (mentor >= 0)
            {
                keys.UnionWith(rotation.MenteesAt(round, mentor).Select(i => rotation.Mentees[i].Key));
                continue;
            }

            var mentee = rotation.Mentees.ToList().FindIndex(m => m.Key == person.Key);
            if (mentee >= 0 && rotation.MentorOf(round, mentee) is var j and >= 0)
            {
                keys.Add(rotation.Mentors[j].Key);
            }
        }

        return await db.People.AsNoTracking().Where(p => p.EventId == record.Id && keys.Contains(p.Key)).OrderBy(p => p.Name)
            .Select(p => new MetPerson(p.Id, p.Name, p.Role, null)).ToListAsync(cancellationToken);
    }

    /// <summary>Mutual choices between mentees and mentors of an event, with ranks, for the assignment.</summary>
    internal static async Task<List<(PersonRecord Mentee, PersonRecord Mentor, MutualChoice Choice)>> Mutual(AppDb db, Guid eventId, CancellationToken cancellationToken)
    {
        var people = await db.People.AsNoTracking().Where(p => p.EventId == eventId).ToDictionaryAsync(p => p.Id, cancellationToken);
        var choices = await db.Choices.AsNoTracking().Where(c => c.EventId == eventId).ToListAsync(cancellationToken);
        var rank = choices.ToDictionary(c => (c.ChooserId, c.ChosenId), c => c.Rank);
        return choices
            .Where(c => people.TryGetValue(c.ChooserId, out var chooser) && chooser.Role == "mentee" && rank.ContainsKey((c.ChosenId, c.ChooserId)))
            .Select(c => (people[c.ChooserId], people[c.ChosenId], new MutualChoice(people[c.ChooserId].Key, people[c.ChosenId].Key, c.Rank, rank[(c.ChosenId, c.ChooserId)])))
            .ToList();
    }

    private static async Task<(PersonRecord? Person, EventRecord? Event)> Caller(AppDb db, HttpRequest request, CancellationToken cancellationToken)
    {
        var token = request.Headers[ParticipantEndpoints.PersonTokenHeader].FirstOrDefault();
        if (string.IsNullOrEmpty(token) || token.Length > 64)
        {
            return (null, null);
        }

        var hash = HostKeys.Hash(token);
        var person = await db.People.FirstOrDefaultAsync(p => p.TokenHash == hash, cancellationToken);
        var record = person is null ? null : await db.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == person.EventId, cancellationToken);
        return (person, record);
    }

    private static ProblemHttpResult NotYou() =>
        TypedResults.Problem(title: "This personal link is not (or no longer) valid", detail: "Open your personal link again, or join with the event's code.", statusCode: StatusCodes.Status404NotFound);
}
