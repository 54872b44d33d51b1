using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using FlashMentoring.Core.Live;
using FlashMentoring.Core.Wording;
using FlashMentoring.Web.Data;
using FlashMentoring.Web.Live;
using FlashMentoring.Web.Mail;
using Microsoft.EntityFrameworkCore;

namespace FlashMentoring.Web.Registration;

/// <summary>
/// What registration, profiles, mentor search and the host's review share: the link's rules, the personal link's
/// e-mails, the views, and the change of a person's identity key.
/// </summary>
public sealed partial class Registrations(AppDb db, MailQueue mail, JoinLinks links, TimeProvider time)
{
    /// <summary>What the registration page asks consent to, in the reader's language.</summary>
    public static string PrivacyNotice(Texts texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        return texts.T("register.privacyNotice");
    }

    /// <summary>The profile page's path for a personal link (the token in the fragment, so it reaches no log).</summary>
    public static string ProfilePath(string token) => "/profile#t=" + token;

    /// <summary>The public registration page's path.</summary>
    public static string RegisterPath(string code) => "/register/" + Uri.EscapeDataString(code);

    /// <summary>True once the host has started the rounds: profiles and choices are then fixed.</summary>
    public static bool Started(EventRecord record) => record is not null && record.ClockPhase != nameof(Phase.Waiting);

    /// <summary>
    /// True once the plan is published, and mentors may see who asked for them: the host closed registration (or it
    /// closed at its time) and planned, sent the invitations, or began the rounds. A plan made while registration is
    /// open is a draft (mentees may still change their choices), and invitations need e-mail, which may be off.
    /// </summary>
    public bool Published(EventRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record.InvitationsSentAt is not null || Started(record) || (record.PlanVersion > 0 && !OpenNow(record));
    }

    /// <summary>True while the link takes registrations: open, before its closing time, and the event not started.</summary>
    public bool OpenNow(EventRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var r = record.Registration;
        return r.Open && r.Code is not null && !Started(record) && (r.ClosesAt is null || time.GetUtcNow() < r.ClosesAt);
    }

    /// <summary>True when the address is in one of the domains (a subdomain counts: x@nih.hhs.gov is in hhs.gov), or there are none.</summary>
    public static bool InDomains(IReadOnlyList<string> domains, string email)
    {
        ArgumentNullException.ThrowIfNull(domains);
        ArgumentNullException.ThrowIfNull(email);
        var host = email[(email.LastIndexOf('@') + 1)..].TrimEnd('.').ToLowerInvariant();
        return domains.Count == 0 || domains.Any(d => host == d || host.EndsWith("." + d, StringComparison.Ordinal));
    }

    /// <summary>Reads the host's list of domains (a comma- or space-separated string, or an array); the error names the bad one.</summary>
    public static (List<string>? Domains, string? Error) ParseDomains(JsonElement value)
    {
        IEnumerable<string> entries = value.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.Undefined => [],
            JsonValueKind.String => value.GetString()!.Split([',', ';', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            JsonValueKind.Array when value.EnumerateArray().All(v => v.ValueKind == JsonValueKind.String) => value.EnumerateArray().Select(v => v.GetString()!.Trim()),
            _ => ["?"],
        };
        var domains = new List<string>();
        foreach (var entry in entries)
        {
            var domain = entry.TrimStart('@', '*', '.').TrimEnd('.').ToLowerInvariant();
            if (domain.Length > 253 || !DomainPattern().IsMatch(domain))
            {
                return (null, $"\"{entry}\" is not an e-mail domain. Write domains like hhs.gov, nih.gov, separated by commas.");
            }

            if (!domains.Contains(domain))
            {
                domains.Add(domain);
            }
        }

        return domains.Count > 50 ? (null, $"{domains.Count} domains are listed; the most is 50.") : (domains, null);
    }

    /// <summary>The host's view of the link.</summary>
    public async Task<RegistrationSettingsView> SettingsAsync(EventRecord record, HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var registered = await db.People.CountAsync(p => p.EventId == record.Id && p.Source == "registration", cancellationToken);
        var r = record.Registration;
        var link = r.Code is null ? null : links.Origin(request).Origin + RegisterPath(r.Code);
        return new RegistrationSettingsView(r.Open, OpenNow(record), r.ClosesAt, r.Domains, r.Code, link, record.TimeZone, registered);
    }

    /// <summary>
    /// Queues the e-mail that carries a person's personal link (kind <c>confirmation</c> for a new registrant,
    /// <c>pending</c> for details sent again); null, and nothing queued, when e-mail is off. The caller saves, then
    /// calls <see cref="MailQueue.Wake"/>.
    /// </summary>
    public MailRecord? QueueLinkMail(EventRecord record, PersonRecord person, string kind, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(person);
        if (person.Profile.Email is not { } to)
        {
            return null;
        }

        var link = links.Origin(request).Origin + ProfilePath(person.Token);
        var letter = kind == "pending"
            ? Letters.PendingChange(record, person.Name, link, person.Language)
            : Letters.Confirmation(record, person.Name, link, ProfileRules.CanBeMentee(person), person.Language);
        return mail.Add(db, record.Id, person.Id == 0 ? null : person.Id, to, kind, letter.Subject, letter.Text);
    }

    /// <summary>Everyone of the event, tracked, in their order.</summary>
    public Task<List<PersonRecord>> PeopleAsync(Guid eventId, CancellationToken cancellationToken) =>
        db.People.Where(p => p.EventId == eventId).OrderBy(p => p.Order).ThenBy(p => p.Id).ToListAsync(cancellationToken);

    /// <summary>A person's own profile page.</summary>
    public ProfileView Profile(EventRecord record, PersonRecord person, IReadOnlyList<PersonRecord> everyone)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(person);
        var f = person.Profile;
        var choices = Choices(person, everyone);
        var shownEvent = new ProfileEvent(record.Title, record.StartsAt, record.TimeZone, OpenNow(record), Started(record), Published(record), record.Mode);
        return new ProfileView(person.Name, f.Email, f.Declared, f.Agency, f.Location, f.Grade, f.Formats, f.Expertise, f.Needs, f.Goals,
            ProfileRules.Pending(person), shownEvent, choices.MustMeet, choices.NoThanks, ProfileRules.Planned(person), ProfileLists.Standard, f.Attends, f.TimeZone, person.Language);
    }

    /// <summary>A mentee's must-meet and no-thanks mentors, by id and name (no-thanks lists mentors only; other avoids stay the host's).</summary>
    public static MentorChoicesView Choices(PersonRecord person, IReadOnlyList<PersonRecord> everyone)
    {
        ArgumentNullException.ThrowIfNull(person);
        var mentors = everyone.Where(p => p.Id != person.Id && ProfileRules.CanMentor(p)).ToDictionary(p => p.Key, StringComparer.Ordinal);
        List<NamedPerson> Named(IEnumerable<string> keys) =>
            keys.Select(k => mentors.GetValueOrDefault(k)).OfType<PersonRecord>().Select(p => new NamedPerson(p.Id, p.Name)).ToList();
        return new MentorChoicesView(Named(person.Profile.Prefers), Named(person.Profile.Avoid));
    }

    /// <summary>
    /// The mentors a mentee may choose from, filtered: q in the name; agency as written (HHS/NIH), its agency (HHS) or
    /// its OPDIV (NIH); location within the mentor's; expertise one of theirs. Nothing to contact anyone by.
    /// </summary>
    public static MentorSearch Search(PersonRecord mentee, IReadOnlyList<PersonRecord> everyone, string? q, string? agency, string? location, string? expertise)
    {
        ArgumentNullException.ThrowIfNull(mentee);
        var mentors = everyone.Where(p => p.Id != mentee.Id && ProfileRules.CanMentor(p)).ToList();
        static bool Has(string text, string? part) =>
            string.IsNullOrWhiteSpace(part) || CultureInfo.InvariantCulture.CompareInfo.IndexOf(text, part.Trim(), CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace) >= 0;
        static IEnumerable<string> AgencyParts(string a) =>
            a.Length == 0 ? [] : a.Split('/', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Prepend(a.Trim());
        var prefers = mentee.Profile.Prefers;
        var found = mentors
            .Where(m => Has(m.Name, q))
            .Where(m => string.IsNullOrWhiteSpace(agency) || AgencyParts(m.Profile.Agency).Contains(agency.Trim(), StringComparer.OrdinalIgnoreCase))
            .Where(m => Has(m.Profile.Location, location))
            .Where(m => string.IsNullOrWhiteSpace(expertise) || m.Profile.Expertise.Contains(expertise.Trim(), StringComparer.OrdinalIgnoreCase))
            .OrderBy(m => m.Name, StringComparer.CurrentCultureIgnoreCase)
            .Select(m =>
            {
                var rank = prefers.IndexOf(m.Key);
                return new MentorCard(m.Id, m.Name, m.Profile.Agency, m.Profile.Location, m.Profile.Grade, m.Profile.Expertise, m.Profile.Goals,
                    rank < 0 ? null : rank + 1, mentee.Profile.Avoid.Contains(m.Key));
            })
            .ToList();
        static List<string> Distinct(IEnumerable<string> values) =>
            values.Where(v => v.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.CurrentCultureIgnoreCase).ToList();
        return new MentorSearch(found,
            Distinct(mentors.SelectMany(m => AgencyParts(m.Profile.Agency))),
            Distinct(mentors.Select(m => m.Profile.Location)),
            Distinct(mentors.SelectMany(m => m.Profile.Expertise)));
    }

    /// <summary>The host's review: everyone with what is missing, and the mentors by how much they are asked for.</summary>
    public static ReviewView Review(IReadOnlyList<PersonRecord> people)
    {
        ArgumentNullException.ThrowIfNull(people);
        var names = people.ToDictionary(p => p.Key, p => p.Name, StringComparer.Ordinal);
        List<string> Names(IEnumerable<string> keys) => keys.Select(k => names.GetValueOrDefault(k)).OfType<string>().ToList();
        var rows = people.Select(p =>
        {
            var f = p.Profile;
            var missing = new List<string>();
            if (ProfileRules.CanBeMentee(p) && f.Needs.Count == 0)
            {
                missing.Add("needs");
            }

            if (ProfileRules.CanMentor(p) && f.Expertise.Count == 0)
            {
                missing.Add("expertise");
            }

            if (f.Agency.Length == 0)
            {
                missing.Add("agency");
            }

            if (f.Email is null)
            {
                missing.Add("email");
            }

            return new ReviewPerson(p.Id, p.Name, f.Email, f.Declared, f.Agency, f.Location, f.Grade, f.Expertise, f.Needs, f.Goals, f.Formats, p.Source,
                f.RegisteredAt, Names(f.Prefers), Names(f.Avoid), missing, ProfileRules.Planned(p), f.Attends, f.TimeZone);
        }).ToList();
        var mentors = people.Where(ProfileRules.CanMentor)
            .Select(m => new MentorDemand(m.Id, m.Name, m.Profile.Agency,
                people.Count(p => p.Id != m.Id && p.Profile.Prefers.Contains(m.Key)),
                people.Count(p => p.Id != m.Id && p.Profile.Prefers.Count > 0 && p.Profile.Prefers[0] == m.Key)))
            .OrderByDescending(m => m.Asked).ThenByDescending(m => m.AskedFirst).ThenBy(m => m.Name, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
        var totals = new ReviewTotals(people.Count, people.Count(ProfileRules.CanMentor), people.Count(ProfileRules.CanBeMentee),
            rows.Count(r => r.Missing.Count > 0), people.Sum(p => p.Profile.Prefers.Count(names.ContainsKey)));
        return new ReviewView(rows, mentors, totals, ProfileLists.Standard);
    }

    /// <summary>
    /// Gives a person a new identity key (their e-mail changed) and follows it wherever it is held: other people's
    /// must-meet and no-thanks, and the host's pins and forbids. False, nothing changed, when another person has it.
    /// </summary>
    public async Task<bool> RekeyAsync(PersonRecord person, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (person.Key == key)
        {
            return true;
        }

        if (await db.People.AnyAsync(p => p.EventId == person.EventId && p.Key == key && p.Id != person.Id, cancellationToken))
        {
            return false;
        }

        var old = person.Key;
        List<string> Swap(List<string> keys) => keys.Select(k => k == old ? key : k).ToList();
        foreach (var other in await db.People.Where(p => p.EventId == person.EventId).ToListAsync(cancellationToken))
        {
            if (other.Profile.Prefers.Contains(old) || other.Profile.Avoid.Contains(old))
            {
                other.Profile.Prefers = Swap(other.Profile.Prefers);
                other.Profile.Avoid = Swap(other.Profile.Avoid);
            }
        }

        if (await db.Plans.FirstOrDefaultAsync(p => p.EventId == person.EventId, cancellationToken) is { } plan)
        {
            KeyPair Moved(KeyPair p) => new() { Mentee = p.Mentee == old ? key : p.Mentee, Mentor = p.Mentor == old ? key : p.Mentor };
            plan.Pins = plan.Pins.Select(Moved).ToList();
            plan.Forbids = plan.Forbids.Select(Moved).ToList();
            plan.Undo = null; // The plan before the last change by hand names the old key.
        }

        person.Key = key;
        return true;
    }

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$")]
    private static partial Regex DomainPattern();
}
