using System.Text.Json;
using FlashMentoring.Core.Roster;

namespace FlashMentoring.Web.Registration;

/// <summary>The host's registration link settings, and how many have registered through it.</summary>
/// <param name="OpenNow">The link takes registrations at this moment (open, before its closing time, event not started).</param>
/// <param name="Link">The public page's absolute address; null until the host first opens registration.</param>
public sealed record RegistrationSettingsView(bool Open, bool OpenNow, DateTimeOffset? ClosesAt, IReadOnlyList<string> Domains, string? Code, string? Link, string? TimeZone, int Registered);

/// <summary>
/// The host's change of the registration link. A property left out keeps its value; <c>closesAt</c> and
/// <c>timeZone</c> sent as null clear it; <c>domains</c> is a comma-separated string or an array.
/// </summary>
public sealed record RegistrationSettingsChange(bool? Open, JsonElement ClosesAt, JsonElement Domains, JsonElement TimeZone);

/// <summary>What the public registration page shows (never the event's id).</summary>
/// <param name="Mode">in-person, online or hybrid: only a hybrid event asks how each person takes part.</param>
public sealed record RegistrationPage(string Title, DateTimeOffset StartsAt, string? TimeZone, bool Open, DateTimeOffset? ClosesAt, IReadOnlyList<string> Domains, IReadOnlyList<string> Competencies, IReadOnlyList<string> Formats, string PrivacyNotice, string Mode);

/// <summary>
/// The answer to a registration: <c>registered</c> (201) with the personal link when no e-mail carries it, or
/// <c>pending</c> (202) when the e-mail was already registered.
/// </summary>
/// <param name="Token">The personal link's token; null when the link went by e-mail (only the mailbox's owner gets it).</param>
/// <param name="Link">The personal link's path (/profile#t=...); null when it went by e-mail.</param>
public sealed record RegistrationResult(string Status, string? Token, string? Link, bool Emailed, string? Message);

/// <summary>Someone named to another participant: an id to choose by and a name, nothing to contact them by.</summary>
public sealed record NamedPerson(long Id, string Name);

/// <summary>The event as the profile page shows it.</summary>
/// <param name="Published">The plan is out: registration closed and planned, or the invitations sent (Registrations.Published).</param>
/// <param name="Mode">in-person, online or hybrid: only a hybrid event asks how each person takes part.</param>
public sealed record ProfileEvent(string Title, DateTimeOffset StartsAt, string? TimeZone, bool RegistrationOpen, bool Started, bool Published, string Mode);

/// <summary>A person's own profile, with a registration waiting for their confirmation, and their choices.</summary>
/// <param name="Language">The language they chose ("es"); null until they choose (the event's applies).</param>
public sealed record ProfileView(
    string Name,
    string? Email,
    string Role,
    string Agency,
    string Location,
    string Grade,
    IReadOnlyList<string> Formats,
    IReadOnlyList<string> Expertise,
    IReadOnlyList<string> Needs,
    string Goals,
    ProfileForm? PendingUpdate,
    ProfileEvent Event,
    IReadOnlyList<NamedPerson> MustMeet,
    IReadOnlyList<NamedPerson> NoThanks,
    bool Planned,
    ProfileLists Lists,
    string? Attends = null,
    string? TimeZone = null,
    string? Language = null);

/// <summary>What a profile form offers to tick: the competencies the engine scores and the format wishes.</summary>
public sealed record ProfileLists(IReadOnlyList<string> Competencies, IReadOnlyList<string> Formats)
{
    /// <summary>The one set of lists every form of an event shows.</summary>
    public static ProfileLists Standard { get; } = new(Core.Roster.RosterGenerator.Competencies, ProfileRules.Formats);
}

/// <summary>Apply or discard the details waiting for confirmation.</summary>
public sealed record PendingDecision(bool Apply);

/// <summary>A mentor as a mentee's search shows them: a short profile, no contact details.</summary>
/// <param name="MustMeetRank">1 to 3 when the mentee marked them must meet; null otherwise.</param>
public sealed record MentorCard(long Id, string Name, string Agency, string Location, string Grade, IReadOnlyList<string> Expertise, string Goals, int? MustMeetRank, bool NoThanks);

/// <summary>The search's answer: matching mentors and the values the filters can take.</summary>
public sealed record MentorSearch(IReadOnlyList<MentorCard> Mentors, IReadOnlyList<string> Agencies, IReadOnlyList<string> Locations, IReadOnlyList<string> Expertise);

/// <summary>A mentee's choices among the mentors: up to three must meet (best first) and any number of no thanks.</summary>
public sealed record MentorChoices(IReadOnlyList<long>? MustMeet, IReadOnlyList<long>? NoThanks);

/// <summary>The choices as stored.</summary>
public sealed record MentorChoicesView(IReadOnlyList<NamedPerson> MustMeet, IReadOnlyList<NamedPerson> NoThanks);

/// <summary>A mentee who asked to meet a mentor: a name and what they want to grow in.</summary>
public sealed record Asker(string Name, IReadOnlyList<string> Needs);

/// <summary>A mentor's askers, shown once the plan is published.</summary>
public sealed record AskersView(bool Published, IReadOnlyList<Asker> Mentees);

/// <summary>A person as the host's review lists them.</summary>
/// <param name="Role">As declared: mentor, mentee or both.</param>
/// <param name="Missing">What a planner would want and is not there (needs, expertise, agency, email).</param>
/// <param name="Planned">The current plan seats them.</param>
public sealed record ReviewPerson(
    long Id,
    string Name,
    string? Email,
    string Role,
    string Agency,
    string Location,
    string Grade,
    IReadOnlyList<string> Expertise,
    IReadOnlyList<string> Needs,
    string Goals,
    IReadOnlyList<string> Formats,
    string Source,
    DateTimeOffset? RegisteredAt,
    IReadOnlyList<string> MustMeet,
    IReadOnlyList<string> NoThanks,
    IReadOnlyList<string> Missing,
    bool Planned,
    string? Attends = null,
    string? TimeZone = null);

/// <summary>How much a mentor is asked for: by how many mentees, and by how many as their first choice.</summary>
public sealed record MentorDemand(long Id, string Name, string Agency, int Asked, int AskedFirst);

/// <summary>The review's totals.</summary>
/// <param name="MustMeetAsked">Must-meet marks over all mentees.</param>
public sealed record ReviewTotals(int People, int Mentors, int Mentees, int Incomplete, int MustMeetAsked);

/// <summary>The host's review of everyone stored for the event.</summary>
public sealed record ReviewView(IReadOnlyList<ReviewPerson> People, IReadOnlyList<MentorDemand> Mentors, ReviewTotals Totals, ProfileLists Lists);

/// <summary>What a CSV imported on top did.</summary>
public sealed record ImportResult(int Added, int Updated, IReadOnlyList<RejectedLine> Rejected, IReadOnlyList<RosterWarning> Warnings);
