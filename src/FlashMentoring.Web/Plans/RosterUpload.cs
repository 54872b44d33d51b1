using FlashMentoring.Core.Planning;
using FlashMentoring.Core.Roster;
using FlashMentoring.Core.Wording;
using FlashMentoring.Web.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FlashMentoring.Web.Plans;

/// <summary>
/// A roster sent as the request body plus planning settings in the query string: the input of every endpoint
/// that plans from a CSV (the plan itself, and later the paper kit), with one set of limits and messages.
/// </summary>
internal static class RosterUpload
{
    public const long MaxBytes = 5 * 1024 * 1024;
    public const int MaxLines = 20_000;

    private static readonly string[] CsvTypes = ["text/csv", "text/plain", "application/csv", "application/vnd.ms-excel", "text/comma-separated-values"];

    /// <summary>Reads and parses the body, or says (as problem details, in the reader's language) why it cannot.</summary>
    public static async Task<(RosterImport? Roster, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, PlanLimits limits, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(limits);
        var texts = Languages.Of(request);
        var type = request.ContentType?.Split(';', 2)[0].Trim().ToLowerInvariant();
        if (type is null || !CsvTypes.Contains(type))
        {
            return (null, TypedResults.Problem(
                detail: texts.T("upload.notCsv", ("type", type ?? texts.T("upload.none"))),
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: texts.T("upload.notCsvTitle")));
        }

        if (request.ContentLength > MaxBytes)
        {
            return (null, TooLarge(texts, texts.T("upload.tooManyBytes", ("size", (request.ContentLength / (1024.0 * 1024))?.ToString("F1", texts.Culture)))));
        }

        // Read at most one byte past the limit so a body without Content-Length cannot run on.
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxBytes)
            {
                return (null, TooLarge(texts, texts.T("upload.overBytes")));
            }
        }

        buffer.Position = 0;
        var lines = CountLines(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        if (lines > limits.MaxPeople + 1)
        {
            (string, object?)[] numbers = [("lines", lines.ToString("N0", texts.Culture)), ("most", limits.MaxPeople.ToString("N0", texts.Culture))];
            return (null, TooLarge(texts, limits.ForEvent
                ? texts.T("upload.tooManyLines", numbers)
                : texts.T("upload.tooManyLinesWithoutEvent", numbers) + limits.AdviceIn(texts)));
        }

        var (text, latin1) = RosterParser.Decode(buffer.ToArray());
        return (RosterParser.Parse(text, new RosterLimits { MaxLines = limits.MaxPeople }, latin1), null);
    }

    /// <summary>Checks the query-string settings; errors name the parameter and the allowed values, in <paramref name="texts"/>' language (English when null).</summary>
    public static (PlanSettings? Settings, ValidationProblem? Problem) Settings(int rounds, int seatsPerTable, string? format, int seed, PlanLimits limits, Texts? texts = null)
    {
        ArgumentNullException.ThrowIfNull(limits);
        texts ??= Texts.English;
        var errors = new Dictionary<string, string[]>();
        if (rounds is < 1 || rounds > limits.MaxRounds)
        {
            var message = texts.T(limits.ForEvent ? "plan.settings.rounds" : "plan.settings.roundsWithoutEvent", ("most", limits.MaxRounds), ("got", rounds));
            errors["rounds"] = [message + (rounds > limits.MaxRounds ? limits.AdviceIn(texts) : "")];
        }

        if (seatsPerTable is < 1 || seatsPerTable > limits.MaxSeatsPerTable)
        {
            var message = texts.T(limits.ForEvent ? "plan.settings.seats" : "plan.settings.seatsWithoutEvent", ("most", limits.MaxSeatsPerTable), ("got", seatsPerTable));
            errors["seatsPerTable"] = [message + (seatsPerTable > limits.MaxSeatsPerTable ? limits.AdviceIn(texts) : "")];
        }

        var parsed = ParseFormat(format);
        if (parsed is null)
        {
            errors["format"] = [texts.T("plan.settings.format", ("got", format))];
        }

        return errors.Count > 0
            ? (null, TypedResults.ValidationProblem(errors, title: texts.T("plan.settings.title")))
            : (new PlanSettings(rounds, seatsPerTable, parsed!.Value, seed), null);
    }

    public static MentoringFormat? ParseFormat(string? format) => (format ?? "open").Trim().ToLowerInvariant() switch
    {
        "open" or "" => MentoringFormat.Open,
        "senior-to-junior" or "seniortojunior" => MentoringFormat.SeniorToJunior,
        "peer-to-peer" or "peertopeer" or "peer" => MentoringFormat.PeerToPeer,
        "reverse" => MentoringFormat.Reverse,
        _ => null,
    };

    private static int CountLines(ReadOnlySpan<byte> bytes)
    {
        var count = bytes.Count((byte)'\n');
        return bytes.Length > 0 && bytes[^1] != '\n' ? count + 1 : count;
    }

    private static ProblemHttpResult TooLarge(Texts texts, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status413PayloadTooLarge, title: texts.T("upload.tooLargeTitle"));
}
