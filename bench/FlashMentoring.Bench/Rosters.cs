using FlashMentoring.Core.Planning;
using FlashMentoring.Core.Roster;

namespace FlashMentoring.Bench;

/// <summary>The benchmark cases: the sample roster where the issue names it, generated rosters for the large sizes.</summary>
internal static class Rosters
{
    public static readonly string[] Cases = ["100x25x6", "hybrid 100x25x6", "90x25x6", "100x100x8", "1000x250x8", "10000x2500x8"];

    public static (RoleAssignment Roles, PlanSettings Settings) Case(string name)
    {
        if (name.StartsWith("hybrid ", StringComparison.Ordinal))
        {
            var (inRoom, settings) = Case(name["hybrid ".Length..]);
            return (Hybrid(inRoom, settings.SeatsPerTable), settings);
        }

        var parts = name.Split('x').Select(int.Parse).ToArray();
        var (mentees, mentors, rounds) = (parts[0], parts[1], parts[2]);
        var seats = mentees == mentors ? 1 : 4;
        RosterImport import;
        if (mentors == 25)
        {
            // The realistic sample roster, trimmed to the size asked for.
            import = SampleWith(mentees);
        }
        else
        {
            import = RosterParser.Parse(RosterGenerator.Csv(new RosterGenerator.Options(mentees, mentors, Seed: 1)));
        }

        return (RoleAssignment.From(import.People, seats), new PlanSettings(rounds, seats));
    }

    /// <summary>The same people as a hybrid event: 10 of the mentors and 40 of the mentees take part online.</summary>
    public static RoleAssignment Hybrid(RoleAssignment inRoom, int seatsPerTable)
    {
        var online = inRoom.Mentors.Take(10).Concat(inRoom.Mentees.Take(40)).Select(p => p.Key).ToHashSet();
        var people = inRoom.Mentors.Concat(inRoom.Mentees).Select(p => online.Contains(p.Key) ? p with { Online = true } : p).ToList();
        return RoleAssignment.From(people, seatsPerTable);
    }

    /// <summary>
    /// The sample roster's 25 mentors with the first <paramref name="mentees"/> of its 100 mentees; past 100, generated
    /// mentees (no preferences, since they know none of the sample's mentors) make up the rest.
    /// </summary>
    public static RosterImport SampleWith(int mentees)
    {
        var sample = RosterParser.Parse(File.ReadAllText(Sample()));
        var extra = mentees > sample.Mentees.Count()
            ? RosterParser.Parse(RosterGenerator.Csv(new RosterGenerator.Options(mentees - sample.Mentees.Count(), 0, Seed: mentees))).Mentees
            : [];
        return sample with { People = [.. sample.People.Where(p => p.CanMentor), .. sample.Mentees.Take(mentees), .. extra] };
    }

    /// <summary>Re-plan 100x25x8 after round 3: 5 late arrivals, 1 mentor drop-out, 3 leavers.</summary>
    public static (PlanResult Plan, RosterChange[] Changes) ReplanCase()
    {
        var (roles, _) = Case("100x25x8");
        var plan = RotationEngine.Plan(roles, new PlanSettings(8, 4));
        var m = plan.Rotation.Mentees;
        RosterChange[] changes =
        [
            .. Enumerable.Range(0, 5).Select(i => new MenteeArrivesLate(m[i].Key, 5)),
            new MentorDropsOut(plan.Rotation.Mentors[3].Key, 4),
            .. Enumerable.Range(10, 3).Select(i => new MenteeLeaves(m[i].Key, 4)),
        ];
        return (plan, changes);
    }

    private static string Sample()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "samples", "roster-100x25.csv");
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException("samples/roster-100x25.csv not found above " + AppContext.BaseDirectory);
    }
}
