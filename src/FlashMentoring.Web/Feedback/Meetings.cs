using FlashMentoring.Core.Feedback;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Plans;
using FlashMentoring.Web.Roster;
using Microsoft.EntityFrameworkCore;

namespace FlashMentoring.Web.Feedback;

/// <summary>Who met whom by the plan, and which keep-in-touch choices are mutual: the phones' feedback and the host's report share these.</summary>
public sealed class Meetings(AppDb db, PlanStore plans)
{
    /// <summary>Everyone the person sat with as mentor and mentee, by the plan (a mentee's mentors; a mentor's mentees).</summary>
    public async Task<List<MetPerson>> MetAsync(EventRecord record, LinkedPerson person, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (await plans.LoadAsync(record, cancellationToken) is not { } loaded)
        {
            return [];
        }

        var rotation = loaded.Plan.Rotation;
        var mentor = rotation.MentorIndex(person.Key);
        var mentee = rotation.MenteeIndex(person.Key);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var round = 1; round <= rotation.Rounds; round++)
        {
            if (mentor >= 0)
            {
                keys.UnionWith(rotation.MenteesAt(round, mentor).Select(i => rotation.Mentees[i].Key));
            }
            else if (mentee >= 0 && rotation.MentorOf(round, mentee) is var j and >= 0)
            {
                keys.Add(rotation.Mentors[j].Key);
            }
        }

        // Alphabetical as a person reads it, whichever store (their byte or collation orders differ).
        return (await db.People.AsNoTracking().Where(p => p.EventId == record.Id && keys.Contains(p.Key))
            .Select(p => new MetPerson(p.Id, p.Name, p.Role, null)).ToListAsync(cancellationToken)).OrderBy(p => p.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
    }

    /// <summary>True when the person sat at a table in the round (not resting, not on a break), by the plan.</summary>
    public async Task<bool> SatInAsync(EventRecord record, LinkedPerson person, int round, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (await plans.LoadAsync(record, cancellationToken) is not { } loaded || round < 1 || round > loaded.Plan.Rotation.Rounds)
        {
            return false;
        }

        var rotation = loaded.Plan.Rotation;
        return rotation.MentorIndex(person.Key) is var mentor and >= 0
            ? rotation.MenteesAt(round, mentor).Count > 0
            : rotation.MenteeIndex(person.Key) is var mentee and >= 0 && rotation.MentorOf(round, mentee) >= 0;
    }

    /// <summary>Mutual choices between mentees and mentors of an event, with ranks, for the long-term assignment.</summary>
    public async Task<List<(PersonRecord Mentee, PersonRecord Mentor, MutualChoice Choice)>> MutualAsync(Guid eventId, CancellationToken cancellationToken)
    {
        var people = await db.People.AsNoTracking().Where(p => p.EventId == eventId).ToDictionaryAsync(p => p.Id, cancellationToken);
        var choices = await db.Choices.AsNoTracking().Where(c => c.EventId == eventId).ToListAsync(cancellationToken);
        var rank = choices.ToDictionary(c => (c.ChooserId, c.ChosenId), c => c.Rank);
        return choices
            .Where(c => people.TryGetValue(c.ChooserId, out var chooser) && chooser.Role == "mentee" && people.ContainsKey(c.ChosenId) && rank.ContainsKey((c.ChosenId, c.ChooserId)))
            .Select(c => (people[c.ChooserId], people[c.ChosenId], new MutualChoice(people[c.ChooserId].Key, people[c.ChosenId].Key, c.Rank, rank[(c.ChosenId, c.ChooserId)])))
            .ToList();
    }
}
