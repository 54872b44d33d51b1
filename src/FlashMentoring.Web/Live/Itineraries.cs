using FlashMentoring.Core.Planning;
using FlashMentoring.Core.Wording;

namespace FlashMentoring.Web.Live;

/// <summary>One round of a person's day: where to sit and with whom (a mentor's row lists the mentees coming).</summary>
/// <param name="Round">1-based round.</param>
/// <param name="Label">"Round 1": the phone lists rounds under this name, as the board and the printed itinerary say it.</param>
/// <param name="Table">Table number; null while resting or on a break.</param>
/// <param name="Mentor">The table's mentor.</param>
/// <param name="MentorAgency">The mentor's agency.</param>
/// <param name="MentorExpertise">What the mentor can talk about.</param>
/// <param name="With">The other people at the table (for a mentor: the mentees).</param>
/// <param name="Summary">"4 mentees", for a mentor's table.</param>
/// <param name="Asked">The mentee marked this table's mentor "must meet".</param>
public sealed record ItineraryRow(int Round, string Label, int? Table, string? Mentor, string? MentorAgency, IReadOnlyList<string> MentorExpertise, IReadOnlyList<string> With, string? Summary, bool Asked = false);

/// <summary>What a phone shows: the person, their whole itinerary, and the clock.</summary>
/// <param name="Status">expected, arrived or absent: an absent person's phone says so and offers "I'm here".</param>
/// <param name="HereAsked">They said "I'm here" and the host has not confirmed yet.</param>
public sealed record PersonalView(Guid EventId, string Title, DateTimeOffset StartsAt, long PersonId, string Name, string Role, string Status, IReadOnlyList<ItineraryRow> Rounds, ClockView? Clock, bool HereAsked = false);

/// <summary>Builds a person's itinerary from a plan.</summary>
internal static class Itineraries
{
    public static IReadOnlyList<ItineraryRow> For(PlanResult plan, string key)
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

        return rows;
    }
}
