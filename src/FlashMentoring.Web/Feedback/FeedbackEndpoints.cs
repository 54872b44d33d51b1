using System.Text.Json;
using FlashMentoring.Core.Feedback;
using FlashMentoring.Core.Live;
using FlashMentoring.Core.Wording;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Hosting;
using FlashMentoring.Web.Live;
using FlashMentoring.Web.Roster;
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
        var me = app.MapPersonalRoutes().WithTags("Feedback");
        me.MapPost("/answers", Answer).WithSummary("Rate a round or answer the survey");
        me.MapGet("/feedback", Mine).WithSummary("My ratings, the people I met and my matches");
        me.MapPut("/choices", Choose).WithSummary("Choose whom to keep in touch with");
        return app;
    }

    internal static async Task<Results<Ok<AnswerRequest>, ProblemHttpResult, ValidationProblem>> Answer(
        AnswerRequest answer, HttpRequest request, AppDb db, PersonalLinks links, Meetings meetings, FeedbackNotifier notifier, TimeProvider time, CancellationToken cancellationToken)
    {
        var texts = Languages.Of(request);
        if (await links.FindAsync(request, cancellationToken) is not var (person, record))
        {
            return NotYou(texts);
        }

        var errors = new Dictionary<string, string[]>();
        if (answer.ClientId == Guid.Empty)
        {
            errors["clientId"] = [texts.T("feedback.error.clientId")];
        }

        if (answer.Round < 0 || answer.Round > record.Rounds)
        {
            errors["round"] = [texts.T("feedback.error.round", ("rounds", record.Rounds), ("round", answer.Round))];
        }

        var survey = answer.Survey;
        var scores = new[] { answer.Rating, survey?.Match, survey?.Conversation, survey?.Logistics, survey?.Again };
        if (scores.Any(s => s is < 1 or > 5))
        {
            errors["rating"] = [texts.T("feedback.error.rating")];
        }

        if (answer.Note?.Length > AnswerRecord.MaxNote)
        {
            errors["note"] = [texts.T("feedback.error.note", ("max", AnswerRecord.MaxNote), ("length", answer.Note.Length))];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: texts.T("feedback.error.notSaved"));
        }

        if (await NotNow(texts, answer, person, record, meetings, time.GetUtcNow(), cancellationToken) is { } refusal)
        {
            return refusal;
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

        notifier.Changed(record.Id);
        return TypedResults.Ok(answer);
    }

    internal static async Task<Results<Ok<MyFeedback>, ProblemHttpResult>> Mine(HttpRequest request, AppDb db, PersonalLinks links, Meetings meetings, CancellationToken cancellationToken) =>
        await links.FindAsync(request, cancellationToken) is var (person, record)
            ? TypedResults.Ok(await FeedbackOf(db, meetings, person, record, cancellationToken))
            : NotYou(Languages.Of(request));

    internal static async Task<Results<Ok<MyFeedback>, ProblemHttpResult, ValidationProblem>> Choose(
        ChoicesRequest choices, HttpRequest request, AppDb db, PersonalLinks links, Meetings meetings, FeedbackNotifier notifier, TimeProvider time, CancellationToken cancellationToken)
    {
        var texts = Languages.Of(request);
        if (await links.FindAsync(request, cancellationToken) is not var (person, record))
        {
            return NotYou(texts);
        }

        if (!person.OwnDevice)
        {
            // Choices unlock contact details: they are made only on the person's own phone, like a signed note.
            return TypedResults.Problem(title: texts.T("feedback.error.ownPhone.title"), detail: texts.T("feedback.error.ownPhone.detail"), statusCode: StatusCodes.Status403Forbidden);
        }

        if (ClockStore.Now(record, time.GetUtcNow()).Phase != Phase.Finished)
        {
            return TypedResults.Problem(title: texts.T("feedback.error.choicesClosed.title"), detail: texts.T("feedback.error.choicesClosed.detail"), statusCode: StatusCodes.Status409Conflict);
        }

        var chosen = (choices.Chosen ?? []).Distinct().ToList();
        var max = person.Role == "mentor" ? MentorChoices : MenteeChoices;
        var met = await meetings.MetAsync(record, person, cancellationToken);
        if (chosen.Count > max || chosen.Any(id => met.All(m => m.Id != id)))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["chosen"] = [texts.T("feedback.error.chosen.detail", ("max", max))] },
                title: texts.T("feedback.error.chosen.title"));
        }

        // Replaced as a whole. Ranks are unique per chooser, so of two saves racing, the later one fails on the other's
        // rows and starts again from them: never more choices than the cap.
        for (var attempt = 1; ; attempt++)
        {
            db.Choices.RemoveRange(await db.Choices.Where(c => c.ChooserId == person.Id).ToListAsync(cancellationToken));
            db.Choices.AddRange(chosen.Select((id, k) => new ChoiceRecord { EventId = record.Id, ChooserId = person.Id, ChosenId = id, Rank = k + 1 }));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                break;
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                db.ChangeTracker.Clear();
            }
        }

        notifier.Changed(record.Id);
        return TypedResults.Ok(await FeedbackOf(db, meetings, person, record, cancellationToken, met));
    }

    /// <summary>
    /// Why an answer makes no sense now: a round is rated after it ended and only by someone who sat at a table in it,
    /// the survey after the last round, and a note is signed only from the author's own device (the one that claimed
    /// the link), so a link that reached someone else cannot put its owner's name to words.
    /// </summary>
    private static async Task<ProblemHttpResult?> NotNow(Texts texts, AnswerRequest answer, LinkedPerson person, EventRecord record, Meetings meetings, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var clock = ClockStore.Now(record, now);
        if (answer.Round == 0 && clock.Phase != Phase.Finished)
        {
            return TypedResults.Problem(title: texts.T("feedback.error.surveyClosed.title"), detail: texts.T("feedback.error.surveyClosed.detail"), statusCode: StatusCodes.Status409Conflict);
        }

        if (answer.Round > 0 && !Ended(clock, answer.Round))
        {
            return TypedResults.Problem(title: texts.T("feedback.error.notEnded.title", ("round", answer.Round)), detail: texts.T("feedback.error.notEnded.detail"), statusCode: StatusCodes.Status409Conflict);
        }

        if (answer.Round > 0 && !await meetings.SatInAsync(record, person, answer.Round, cancellationToken))
        {
            return TypedResults.Problem(title: texts.T("feedback.error.notSeated.title", ("round", answer.Round)), detail: texts.T("feedback.error.notSeated.detail"), statusCode: StatusCodes.Status409Conflict);
        }

        return answer.SignNote && !string.IsNullOrWhiteSpace(answer.Note) && !person.OwnDevice
            ? TypedResults.Problem(title: texts.T("feedback.error.signedNote.title"), detail: texts.T("feedback.error.signedNote.detail"), statusCode: StatusCodes.Status403Forbidden)
            : null;
    }

    /// <summary>True once round <paramref name="round"/> is over: a later round, its changeover, or the end.</summary>
    private static bool Ended(ClockState clock, int round) => (clock.Phase == Phase.Paused ? clock.PausedFrom : clock.Phase) switch
    {
        Phase.Finished => true,
        Phase.Transition => clock.Round >= round,
        Phase.Round => clock.Round > round,
        _ => false,
    };

    /// <summary>The person's rated rounds, whom they met and chose, and their mutual matches, with e-mail addresses only on their own phone.</summary>
    private static async Task<MyFeedback> FeedbackOf(AppDb db, Meetings meetings, LinkedPerson person, EventRecord record, CancellationToken cancellationToken, List<MetPerson>? met = null)
    {
        var answers = await db.Answers.AsNoTracking().Where(a => a.PersonId == person.Id).Select(a => a.Round).ToListAsync(cancellationToken);
        met ??= await meetings.MetAsync(record, person, cancellationToken);
        var mine = await db.Choices.AsNoTracking().Where(c => c.ChooserId == person.Id).ToDictionaryAsync(c => c.ChosenId, c => c.Rank, cancellationToken);
        var chosenMe = await db.Choices.AsNoTracking().Where(c => c.ChosenId == person.Id).Select(c => c.ChooserId).ToListAsync(cancellationToken);
        var confirmed = await db.Pairs.AsNoTracking().Where(p => p.MentorId == person.Id || p.MenteeId == person.Id)
            .Select(p => p.MentorId == person.Id ? p.MenteeId : p.MentorId).ToListAsync(cancellationToken);
        var mutual = met.Where(m => mine.ContainsKey(m.Id) && chosenMe.Contains(m.Id)).Select(m => m.Id).ToList();
        var contacts = await db.People.AsNoTracking().Where(p => mutual.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var matches = met.Where(m => contacts.ContainsKey(m.Id))
            .Select(m => new Match(m.Name, person.OwnDevice ? contacts[m.Id].Profile.Email : null, contacts[m.Id].Profile.Agency, confirmed.Contains(m.Id))).ToList();
        return new MyFeedback(
            answers.Where(r => r > 0).Order().ToList(), answers.Contains(0), person.Role == "mentor" ? MentorChoices : MenteeChoices,
            met.Select(m => m with { Rank = mine.TryGetValue(m.Id, out var rank) ? rank : null }).ToList(), matches);
    }

    private static ProblemHttpResult NotYou(Texts texts) =>
        TypedResults.Problem(title: texts.T("feedback.error.link.title"), detail: texts.T("feedback.error.link.detail"), statusCode: StatusCodes.Status404NotFound);
}
