using System.Globalization;
using System.Text;

namespace FlashMentoring.Core.Roster;

/// <summary>
/// Makes synthetic rosters as CSV, for demos, benchmarks and property tests: realistic mixes of agencies,
/// grades, competencies and ranked preferences, with a share of people asking for the same popular mentors.
/// </summary>
public static class RosterGenerator
{
    /// <summary>The competency vocabulary (OPM's Executive Core Qualifications and friends).</summary>
    public static readonly IReadOnlyList<string> Competencies =
    [
        "Leading Change", "Leading People", "Results Driven", "Business Acumen", "Building Coalitions", "Budget",
        "Strategic Thinking", "Public Speaking", "Data Analytics", "Acquisition", "Negotiation", "Conflict Management",
        "Partnering", "Technical Credibility", "Human Capital", "Political Savvy", "Accountability", "Customer Service",
        "Writing", "Innovation",
    ];

    private static readonly string[] Agencies = ["OPM", "HHS/NIH", "HHS/CDC", "HHS/FDA", "VA", "USDA/FS", "DOE", "GSA"];
    private static readonly string[] Given = ["Ana", "Ben", "Chloé", "Dmitri", "Eun-ji", "Fatima", "Gabriel", "Hana", "Ivan", "Jamal", "Kai", "Lan", "María", "Nia", "Omar", "Priya", "Quinn", "Raúl", "Sofia", "Tomás", "Uma", "Zoë", "Łukasz", "Seán"];
    private static readonly string[] Family = ["Nguyễn", "O'Brien", "Smith", "Garcia", "Kim", "Patel", "Johnson", "Dubois", "Nowak", "Okafor", "Rossi", "Chen", "Haddad", "Silva", "Jones", "Brown"];

    /// <summary>Options for a generated roster.</summary>
    /// <param name="Mentees">How many mentees.</param>
    /// <param name="Mentors">How many mentors.</param>
    /// <param name="Seed">Same seed, same roster.</param>
    /// <param name="PreferShare">Share of mentees who list preferences.</param>
    /// <param name="AvoidShare">Share of mentees who avoid a mentor (their supervisor).</param>
    /// <param name="PopularMentors">Mentors that a third of the preferences go to.</param>
    /// <param name="PeerAvoidShare">Share of mentees who avoid another mentee (a colleague from their own office).</param>
    public sealed record Options(int Mentees, int Mentors, int Seed = 1, double PreferShare = 0.3, double AvoidShare = 0.02, int PopularMentors = 3, double PeerAvoidShare = 0);

    /// <summary>The roster as CSV text with the template header.</summary>
    public static string Csv(Options options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Mentees);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Mentors);
        var random = new Random(options.Seed);
        var sb = new StringBuilder(RosterParser.TemplateHeader).Append('\n');
        var mentorEmails = new List<string>();
        var menteeEmails = new List<string>();
        for (var j = 0; j < options.Mentors; j++)
        {
            var name = Name(random, j);
            var email = Email(name, "m", j);
            mentorEmails.Add(email);
            var grade = random.Next(4) == 0 ? "SES" : "GS-" + random.Next(13, 16).ToString(CultureInfo.InvariantCulture);
            Line(sb, "mentor", name, email, Pick(random, Agencies), "Washington, DC", grade, Some(random, 3, 4), "", "", "", "");
        }

        for (var i = 0; i < options.Mentees; i++)
        {
            var name = Name(random, options.Mentors + i);
            var email = Email(name, "e", i);
            menteeEmails.Add(email);
            var prefers = "";
            if (options.Mentors > 0 && random.NextDouble() < options.PreferShare)
            {
                var count = random.Next(1, 4);
                var chosen = new List<string>();
                for (var k = 0; k < count; k++)
                {
                    var j = random.NextDouble() < 0.35 ? random.Next(Math.Min(options.PopularMentors, options.Mentors)) : random.Next(options.Mentors);
                    if (!chosen.Contains(mentorEmails[j]))
                    {
                        chosen.Add(mentorEmails[j]);
                    }
                }

                prefers = string.Join(';', chosen);
            }

            var avoid = options.Mentors > 0 && random.NextDouble() < options.AvoidShare ? mentorEmails[random.Next(options.Mentors)] : "";
            if (i > 0 && random.NextDouble() < options.PeerAvoidShare)
            {
                var peer = menteeEmails[random.Next(i)];
                avoid = avoid.Length == 0 ? peer : avoid + ";" + peer;
            }
            var grade = "GS-" + random.Next(5, 14).ToString(CultureInfo.InvariantCulture);
            Line(sb, "mentee", name, email, Pick(random, Agencies), "Bethesda, MD", grade, "", Some(random, 1, 3),
                "Grow into " + Pick(random, Competencies).ToLowerInvariant(), prefers, avoid);
        }

        return sb.ToString();
    }

    private static string Name(Random random, int n) => $"{Pick(random, Given)} {Pick(random, Family)} {n + 1}";

    private static string Email(string name, string kind, int n)
    {
        var ascii = new string(name.Normalize(NormalizationForm.FormD).Where(c => c < 128 && char.IsLetter(c)).ToArray()).ToLowerInvariant();
        return $"{ascii}.{kind}{n + 1}@example.gov";
    }

    private static string Some(Random random, int min, int max) =>
        string.Join(';', Competencies.OrderBy(_ => random.Next()).Take(random.Next(min, max + 1)));

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static void Line(StringBuilder sb, params string[] fields)
    {
        sb.AppendJoin(',', fields.Select(Quote)).Append('\n');
    }

    /// <summary>Quotes a CSV field when it needs it.</summary>
    public static string Quote(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
    }
}
