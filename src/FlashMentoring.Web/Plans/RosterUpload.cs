using FlashMentoring.Core.Planning;
using FlashMentoring.Core.Roster;
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

    /// <summary>Reads and parses the body, or says (as problem details) why it cannot.</summary>
    public static async Task<(RosterImport? Roster, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, PlanLimits limits, CancellationToken cancellationToken)
    {
        var type = request.ContentType?.Split(';', 2)[0].Trim().ToLowerInvariant();
        if (type is null || !CsvTypes.Contains(type))
        {
            return (null, TypedResults.Problem(
                detail: $"Send the roster as the request body with Content-Type: text/csv (got {type ?? "none"}).",
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "The roster must be CSV"));
        }

        if (request.ContentLength > MaxBytes)
        {
            return (null, TooLarge($"The roster is {request.ContentLength / (1024.0 * 1024):F1} MB; the most is 5 MB."));
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
                return (null, TooLarge("The roster is over 5 MB."));
            }
        }

        buffer.Position = 0;
        var lines = CountLines(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
        if (lines > limits.MaxPeople + 1)
        {
            return (null, TooLarge(limits.ForEvent
                ? $"The roster has {lines:N0} lines; the most is {limits.MaxPeople:N0} people plus the header. Split it into several events."
                : $"The roster has {lines:N0} lines; without an event the most is {limits.MaxPeople:N0} people plus the header.{limits.Advice}"));
        }

        var (text, latin1) = RosterParser.Decode(buffer.ToArray());
        return (RosterParser.Parse(text, new RosterLimits { MaxLines = limits.MaxPeople }, latin1), null);
    }

    /// <summary>Checks the query-string settings; errors name the parameter and the allowed values.</summary>
    public static (PlanSettings? Settings, ValidationProblem? Problem) Settings(int rounds, int seatsPerTable, string? format, int seed, PlanLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var errors = new Dictionary<string, string[]>();
        var without = limits.ForEvent ? "" : " without an event";
        if (rounds is < 1 || rounds > limits.MaxRounds)
        {
            errors["rounds"] = [$"rounds must be between 1 and {limits.MaxRounds}{without}; got {rounds}.{(rounds > limits.MaxRounds ? limits.Advice : "")}"];
        }

        if (seatsPerTable is < 1 || seatsPerTable > limits.MaxSeatsPerTable)
        {
            errors["seatsPerTable"] = [$"seatsPerTable must be between 1 and {limits.MaxSeatsPerTable}{without}; got {seatsPerTable}.{(seatsPerTable > limits.MaxSeatsPerTable ? limits.Advice : "")}"];
        }

        var parsed = ParseFormat(format);
        if (parsed is null)
        {
            errors["format"] = [$"format must be one of open, senior-to-junior, peer-to-peer, reverse; got \"{format}\"."];
        }

        return errors.Count > 0
            ? (null, TypedResults.ValidationProblem(errors, title: "Some planning settings are out of range"))
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

    private static ProblemHttpResult TooLarge(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status413PayloadTooLarge, title: "The roster is too large");
}
