using FlashMentoring.Core.Roster;

namespace FlashMentoring.Core.Planning;

/// <summary>
/// Who sits where in every round. Mentors stay at their tables (table <c>k</c> is <c>Mentors[k - 1]</c>);
/// mentees move. Rounds are numbered from 1 in this API.
/// </summary>
public sealed class Rotation
{
    private readonly int[] seat;

    internal Rotation(IReadOnlyList<Person> mentees, IReadOnlyList<Person> mentors, int rounds, int seatsPerTable, int[] seat, bool extraSeatWhenShort = false)
    {
        ExtraSeatWhenShort = extraSeatWhenShort;
        Mentees = mentees;
        Mentors = mentors;
        Rounds = rounds;
        SeatsPerTable = seatsPerTable;
        this.seat = seat;
    }

    /// <summary>People who move between tables.</summary>
    public IReadOnlyList<Person> Mentees { get; }

    /// <summary>Table hosts; index + 1 is the table number.</summary>
    public IReadOnlyList<Person> Mentors { get; }

    /// <summary>Number of rounds.</summary>
    public int Rounds { get; }

    /// <summary>Mentees a table is planned for.</summary>
    public int SeatsPerTable { get; }

    /// <summary>A table may take one mentee more than <see cref="SeatsPerTable"/> after changes on the day (<see cref="PlanSettings.ExtraSeatWhenShort"/>).</summary>
    public bool ExtraSeatWhenShort { get; }

    /// <summary>Most mentees a table may have: <see cref="SeatsPerTable"/>, plus one when the extra seat is allowed.</summary>
    public int MostAtTable => SeatsPerTable + (ExtraSeatWhenShort ? 1 : 0);

    /// <summary>The index of the mentor with this identity key in <see cref="Mentors"/>, or -1.</summary>
    public int MentorIndex(string key) => IndexOf(Mentors, key);

    /// <summary>The index of the mentee with this identity key in <see cref="Mentees"/>, or -1.</summary>
    public int MenteeIndex(string key) => IndexOf(Mentees, key);

    /// <summary>The mentor (index into <see cref="Mentors"/>) the mentee sits with in the round, or -1 when resting.</summary>
    public int MentorOf(int round, int mentee)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(round, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(round, Rounds);
        return seat[((round - 1) * Mentees.Count) + mentee];
    }

    /// <summary>Mentee indices at a mentor's table in the round, in mentee order.</summary>
    public IReadOnlyList<int> MenteesAt(int round, int mentor)
    {
        var list = new List<int>();
        for (var i = 0; i < Mentees.Count; i++)
        {
            if (MentorOf(round, i) == mentor)
            {
                list.Add(i);
            }
        }

        return list;
    }

    /// <summary>All tables of a round: for each mentor, the mentees seated there.</summary>
    public IReadOnlyList<IReadOnlyList<int>> Tables(int round)
    {
        var tables = Enumerable.Range(0, Mentors.Count).Select(_ => new List<int>()).ToArray();
        for (var i = 0; i < Mentees.Count; i++)
        {
            var j = MentorOf(round, i);
            if (j >= 0)
            {
                tables[j].Add(i);
            }
        }

        return tables;
    }

    /// <summary>Mentees who rest in the round.</summary>
    public IReadOnlyList<int> Resting(int round) =>
        Enumerable.Range(0, Mentees.Count).Where(i => MentorOf(round, i) < 0).ToList();

    private static int IndexOf(IReadOnlyList<Person> people, string key)
    {
        for (var k = 0; k < people.Count; k++)
        {
            if (people[k].Key == key)
            {
                return k;
            }
        }

        return -1;
    }

    /// <summary>A copy of the raw seating, for storage: index <c>(round - 1) * Mentees.Count + mentee</c>, -1 for a rest.</summary>
    public int[] CopySeats() => (int[])seat.Clone();
}
