using FlashMentoring.Core.Planning;
using FlashMentoring.Core.Wording;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Online;

namespace FlashMentoring.Web.Live;

/// <summary>One round of a person's day: where to sit and with whom (a mentor's row lists the mentees coming).</summary>
/// <param name="Round">1-based round.</param>
/// <param name="Label">"Round 1", in English (the e-mails'); a page words <paramref name="Round"/> in its reader's language.</param>
/// <param name="Table">Table number; null while resting or on a break.</param>
/// <param name="Mentor">The table's mentor.</param>
/// <param name="MentorAgency">The mentor's agency.</param>
/// <param name="MentorExpertise">What the mentor can talk about.</param>
/// <param name="With">The other people at the table (for a mentor: the mentees).</param>
/// <param name="Summary">"4 mentees", for a mentor's table, in English (the e-mails'); a page words the count of <paramref name="With"/> itself.</param>
/// <param name="Asked">The mentee marked this table's mentor "must meet".</param>
/// <param name="Room">The table's video room, for a person taking part online whose table has one; null otherwise.</param>
/// <param name="Prompt">The round's conversation starter; null when the round has none.</param>
/// <param name="WithIds">For a mentor taking part online: the ids of the mentees in <paramref name="With"/>, in the same order, to report one missing.</param>
/// <param name="PromptKey">The prompt's text key when the round uses the format's default ("prompts.open.3"), for a page to word in its reader's language; null for the host's own text.</param>
public sealed record ItineraryRow(
    int Round, string Label, int? Table, string? Mentor, string? MentorAgency, IReadOnlyList<string> MentorExpertise, IReadOnlyList<string> With, string? Summary,
    bool Asked = false, string? Room = null, string? Prompt = null, IReadOnlyList<long>? WithIds = null, string? PromptKey = null);

/// <summary>What a phone shows: the person, their whole itinerary, and the clock.</summary>
/// <param name="Status">expected, arrived or absent: an absent person's phone says so and offers "I'm here".</param>
/// <param name="HereAsked">They said "I'm here" and the host has not confirmed yet.</param>
/// <param name="Mode">The event's mode: in-person, online or hybrid.</param>
/// <param name="Attends">in-person or online: an online person's phone shows video rooms instead of tables in the room.</param>
/// <param name="InRoomRound">The round in which they last said "I'm in the room" (0: never).</param>
/// <param name="RoundMinutes">A round's length: with the clock's end of this round, the phone tells when the next one starts.</param>
/// <param name="TransitionMinutes">The change of tables' length.</param>
/// <param name="Language">The language the person chose for their phone (en, es), or null when they never chose: their phone then follows its browser.</param>
public sealed record PersonalView(
    Guid EventId, string Title, DateTimeOffset StartsAt, long PersonId, string Name, string Role, string Status, IReadOnlyList<ItineraryRow> Rounds, ClockView? Clock,
    bool HereAsked = false, string Mode = EventRecord.InPerson, string Attends = EventRecord.InPerson, int InRoomRound = 0, int RoundMinutes = 0, int TransitionMinutes = 0,
    string? Language = null);

/// <summary>Builds a person's itinerary from a plan.</summary>
internal static class Itineraries
{
    /// <summary>Whether the plan has this person taking part online (false for someone not in it).</summary>
    public static bool IsOnline(PlanResult plan, string key)
    {
        var rotation = plan.Rotation;
        return rotation.MentorIndex(key) is var mentor and >= 0
            ? rotation.Mentors[mentor].Online
            : rotation.MenteeIndex(key) is var mentee and >= 0 && rotation.Mentees[mentee].Online;
    }

    /// <summary>The itinerary without rooms or prompts (the printed and e-mailed views that add their own).</summary>
    public static IReadOnlyList<ItineraryRow> For(PlanResult plan, string key) => For(plan, key, null);

    /// <summary>
    /// The itinerary with each round's prompt and, for someone taking part online, the video room of each table they
    /// sit at (a table is online when its mentor is). An online mentor's rows also carry their mentees' ids, from
    /// <paramref name="ids"/> (people's ids by key), so their phone can report one missing.
    /// </summary>
    public static IReadOnlyList<ItineraryRow> For(PlanResult plan, string key, EventRecord? e, IReadOnlyDictionary<string, long>? ids = null)
    {
        var rotation = plan.Rotation;
        var rows = new List<ItineraryRow>(rotation.Rounds);
        var mentor = rotation.MentorIndex(key);
        var mentee = rotation.MenteeIndex(key);
        if (mentor < 0 && mentee < 0)
        {
            return rows; // Registered after this plan was made: no rounds until the next one.
        }

        for (var round = 1; round <= rotation.Rounds; round++)
        {
            var label = $"Round {round.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
            if (mentor >= 0)
            {
                var hosting = plan.Attendance.MentorThere(mentor, round);
                var seated = hosting ? rotation.MenteesAt(round, mentor).Select(i => rotation.Mentees[i].Name).ToList() : [];
                var m = rotation.Mentors[mentor];
                rows.Add(hosting
                    ? new ItineraryRow(round, label, mentor + 1, m.Name, m.Agency, m.Expertise, seated, Say.Count(seated.Count, "mentee"))
                    : new ItineraryRow(round, label, null, null, null, [], [], null));
                continue;
            }

            var at = mentee >= 0 ? rotation.MentorOf(round, mentee) : -1;
            if (at < 0)
            {
                rows.Add(new ItineraryRow(round, label, null, null, null, [], [], null));
                continue;
            }

            var host = rotation.Mentors[at];
            var others = rotation.MenteesAt(round, at).Where(i => i != mentee).Select(i => rotation.Mentees[i].Name).ToList();
            rows.Add(new ItineraryRow(round, label, at + 1, host.Name, host.Agency, host.Expertise, others, null, rotation.Mentees[mentee].Prefers.Contains(host.Key)));
        }

        if (e is null)
        {
            return rows;
        }

        var online = IsOnline(plan, key);
        return rows.Select(r => r with
        {
            Room = online && r.Table is { } table ? OnlineRooms.LinkFor(e, table, rotation.Mentors[table - 1].Online) : null,
            Prompt = OnlineRooms.PromptFor(e, r.Round),
            PromptKey = OnlineRooms.PromptKeyFor(e, r.Round),
            WithIds = online && mentor >= 0 && ids is not null && r.Table is not null
                ? rotation.MenteesAt(r.Round, mentor).Select(i => ids.GetValueOrDefault(rotation.Mentees[i].Key)).ToList()
                : null,
        }).ToList();
    }
}
