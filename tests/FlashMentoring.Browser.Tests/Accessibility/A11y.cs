using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using FlashMentoring.Core.Wording;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FlashMentoring.Browser.Tests.Accessibility;

/// <summary>Where a page is read: a phone in the hand, a laptop on the host's desk, the projector.</summary>
public enum Screen
{
    Phone,
    Laptop,
    Projector,
}

/// <summary>A page the accessibility tests walk: where it is for an event, the screen it is made for, and when it is ready to read.</summary>
public sealed record A11yPage(string Name, Screen Screen, Func<A11yEvents, string> Path, Func<IPage, Task> ReadyAsync)
{
    public override string ToString() => Name;
}

/// <summary>
/// The events every page is shown with, made through the HTTP API by a host whose browser speaks one language (so the
/// event's board and kit speak it too): an event in round 1 with its roster checked in, a helper link, and an event
/// still taking registrations with people on it. Names and titles read the same in English and Spanish ("Ana Ruiz",
/// "Mentoría 2026"), so any English on a Spanish page is the app's, not the user's.
/// </summary>
public sealed class A11yEvents
{
    public const string LiveTitle = "Mentoría 2026";

    /// <summary>Three mentors and six mentees: two tables of two, three rounds.</summary>
    public const string LiveRoster = """
        role,name,email,agency
        mentor,Ana Ruiz,ana.ruiz@hhs.gov,HHS
        mentor,Luis Soto,luis.soto@va.gov,VA
        mentor,Marta Vega,marta.vega@gsa.gov,GSA
        mentee,Eva Lima,eva.lima@va.gov,VA
        mentee,Iván Mora,ivan.mora@hhs.gov,HHS
        mentee,Sara Gil,sara.gil@opm.gov,OPM
        mentee,Noé Paz,noe.paz@gsa.gov,GSA
        mentee,Rut Sanz,rut.sanz@va.gov,VA
        mentee,Hugo Roca,hugo.roca@hhs.gov,HHS
        """;

    private const string RegistrationRoster = """
        role,name,email,agency,location,grade,expertise,needs
        mentor,Elena Cruz,elena.cruz@hhs.gov,HHS,Denver,GS-15,,
        mentor,Pablo Ríos,pablo.rios@va.gov,VA,Austin,SES,,
        mentee,Julia Paredes,julia.paredes@hhs.gov,HHS,Denver,GS-9,,
        mentee,Tomás Luna,tomas.luna@va.gov,VA,Austin,GS-11,,
        """;

    private static readonly ConcurrentDictionary<(Uri App, string Locale), Lazy<Task<A11yEvents>>> Made = new();

    private A11yEvents(string locale) => Locale = locale;

    /// <summary>The browser's locale: "en-US" or "es-MX".</summary>
    public string Locale { get; }

    /// <summary>The page language the locale gives: "en" or "es".</summary>
    public string Language => Locale[..2];

    public string LiveId { get; private set; } = "";

    public string LiveKey { get; private set; } = "";

    public string JoinCode { get; private set; } = "";

    /// <summary>Eva Lima's personal link (a mentee in the room), a path.</summary>
    public string PhonePath { get; private set; } = "";

    public string HelperPath { get; private set; } = "";

    public string RegistrationId { get; private set; } = "";

    public string RegistrationKey { get; private set; } = "";

    public string RegisterPath { get; private set; } = "";

    /// <summary>Julia Paredes's token (a mentee of the event taking registrations).</summary>
    public string RegistrantToken { get; private set; } = "";

    /// <summary>The events for a language, made once per app and shared by every test of the folder.</summary>
    public static Task<A11yEvents> ForAsync(BrowserFixture browser, string locale)
    {
        ArgumentNullException.ThrowIfNull(browser);
        return Made.GetOrAdd((browser.BaseAddress, locale), _ => new Lazy<Task<A11yEvents>>(() => MakeAsync(browser, locale))).Value;
    }

    /// <summary>A host's API client whose requests speak <paramref name="locale"/>'s language (an event it creates takes it).</summary>
    public static HttpClient Host(BrowserFixture browser, string locale)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var http = browser.Http();
        http.DefaultRequestHeaders.AcceptLanguage.ParseAdd($"{locale},{locale[..2]};q=0.9");
        return http;
    }

    private static async Task<A11yEvents> MakeAsync(BrowserFixture browser, string locale)
    {
        var made = new A11yEvents(locale);
        using var http = Host(browser, locale);

        // An event in round 1 of 3 (30 minutes, so it stays there while the tests look), everyone here but one.
        var live = await CreateAsync(http, new { title = LiveTitle, startsAt = DateTimeOffset.UtcNow, rounds = 3, roundMinutes = 30, seatsPerTable = 2 });
        made.LiveId = live.GetProperty("id").GetString()!;
        made.LiveKey = live.GetProperty("hostKey").GetString()!;
        made.JoinCode = live.GetProperty("joinCode").GetString()!;
        using var liveHost = Host(browser, locale);
        liveHost.DefaultRequestHeaders.Add("X-Host-Key", made.LiveKey);
        using (var csv = new StringContent(LiveRoster, Encoding.UTF8, "text/csv"))
        {
            (await liveHost.PutAsync($"/api/events/{made.LiveId}/roster", csv)).EnsureSuccessStatusCode();
        }

        var people = await liveHost.GetFromJsonAsync<JsonElement>($"/api/events/{made.LiveId}/people");
        foreach (var person in people.EnumerateArray())
        {
            var status = person.GetProperty("name").GetString() == "Hugo Roca" ? "absent" : "arrived";
            (await liveHost.PostAsJsonAsync($"/api/events/{made.LiveId}/people/{person.GetProperty("id").GetInt64()}/status", new { status })).EnsureSuccessStatusCode();
        }

        made.PhonePath = LinkOf(await liveHost.GetFromJsonAsync<JsonElement>($"/api/events/{made.LiveId}/people"), "Eva Lima");
        (await liveHost.PostAsJsonAsync($"/api/events/{made.LiveId}/clock/start", new { })).EnsureSuccessStatusCode();
        var helper = await (await liveHost.PostAsJsonAsync($"/api/events/{made.LiveId}/helper-link", new { })).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        var helperUri = new Uri(helper.GetProperty("link").GetString()!);
        made.HelperPath = helperUri.PathAndQuery + helperUri.Fragment; // The link names the laptop's LAN address; the tests' browser reaches loopback.

        // An event in two weeks taking registrations, with mentors and mentees on it already.
        var open = await CreateAsync(http, new { title = "Mentoría de otoño", startsAt = DateTimeOffset.UtcNow.AddDays(14), rounds = 3, seatsPerTable = 2 });
        made.RegistrationId = open.GetProperty("id").GetString()!;
        made.RegistrationKey = open.GetProperty("hostKey").GetString()!;
        using var openHost = Host(browser, locale);
        openHost.DefaultRequestHeaders.Add("X-Host-Key", made.RegistrationKey);
        var settings = await (await openHost.PutAsJsonAsync($"/api/events/{made.RegistrationId}/registration", new { open = true })).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
        made.RegisterPath = new Uri(settings.GetProperty("link").GetString()!).PathAndQuery;
        using (var csv = new StringContent(RegistrationRoster, Encoding.UTF8, "text/csv"))
        {
            (await openHost.PostAsync($"/api/events/{made.RegistrationId}/people/import", csv)).EnsureSuccessStatusCode();
        }

        var registrant = LinkOf(await openHost.GetFromJsonAsync<JsonElement>($"/api/events/{made.RegistrationId}/people"), "Julia Paredes");
        made.RegistrantToken = registrant[(registrant.IndexOf("#t=", StringComparison.Ordinal) + 3)..];
        return made;
    }

    private static async Task<JsonElement> CreateAsync(HttpClient http, object body) =>
        await (await http.PostAsJsonAsync("/api/events", body)).EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();

    private static string LinkOf(JsonElement people, string name) =>
        people.EnumerateArray().First(p => p.GetProperty("name").GetString() == name).GetProperty("link").GetString()!;
}

/// <summary>A phrase of one language that must not show on a page in the other, and where it comes from.</summary>
public sealed record ForeignPhrase(string Text, string Source, Regex Pattern);

/// <summary>What the accessibility tests share: the pages, opening them, the foreign-phrase finder and contrast.</summary>
public static partial class A11y
{
    /// <summary>The two languages every test runs in.</summary>
    public static TheoryData<string> Locales => new() { "en-US", "es-MX" };

    public static readonly string SampleRoster = Path.Combine(AppContext.BaseDirectory, "samples", "roster-100x25.csv");

    private static readonly PageWaitForFunctionOptions Patient = new() { Timeout = 20_000 };

    // Words no page in the other language may show, even inside a sentence the app builds from pieces.
    private static readonly Dictionary<string, string[]> NeverOn = new()
    {
        ["es"] = ["Round ", "Table ", "Loading", "mentees", "Next round"],
        ["en"] = ["Ronda ", "Mesa ", "Cargando", "aprendices", "Siguiente ronda"],
    };

    private static readonly ConcurrentDictionary<string, List<ForeignPhrase>> Phrases = new();

    /// <summary>Every page a participant or a host meets, each in the state where it shows the most (connected, where it is live).</summary>
    public static IReadOnlyList<A11yPage> Pages { get; } =
    [
        new("home (create an event)", Screen.Laptop, _ => "/", page => Until(page, "() => !document.getElementById('create').disabled")),
        new("phone view, in round 1", Screen.Phone, e => e.PhonePath, page => Until(page, "() => document.getElementById('connection').hidden && document.getElementById('go-to').textContent.trim() && document.getElementById('phase').textContent.trim() && document.querySelectorAll('#itinerary li').length > 0")),
        new("board, in round 1", Screen.Projector, e => $"/board/{e.LiveId}", page => Until(page, "() => document.getElementById('connection').hidden && document.querySelectorAll('#tables li').length > 0 && document.getElementById('phase').textContent.trim() && document.getElementById('code').textContent.trim() && document.getElementById('qr').complete")),
        new("host console, in round 1", Screen.Laptop, e => $"/host/{e.LiveId}#key={e.LiveKey}", page => Until(page, "() => document.getElementById('connection').hidden && document.body.dataset.stage === 'live' && document.querySelectorAll('#people tr').length === 9 && document.querySelectorAll('#grid tr').length > 0 && document.getElementById('join-code').textContent.trim() && document.getElementById('countdown').textContent.trim()")),
        new("join page, names listed", Screen.Phone, e => $"/join?code={e.JoinCode}", page => Until(page, "() => document.querySelectorAll('#names li').length > 0")),
        new("registration page, open", Screen.Phone, e => e.RegisterPath, page => Until(page, "() => !document.getElementById('register').disabled && !document.getElementById('register-form').hidden")),
        new("planner, sample roster planned", Screen.Laptop, _ => "/plan.html", PlanTheSampleAsync),
        new("kit page", Screen.Laptop, _ => "/kit", page => Until(page, "() => [...document.querySelectorAll('form button[type=submit]')].every(b => !b.disabled) && document.querySelectorAll('#blank-parts input').length > 0")),
        new("helper's check-in page", Screen.Phone, e => e.HelperPath, page => Until(page, "() => document.getElementById('connection').hidden && document.querySelectorAll('#people tr').length === 9 && document.getElementById('phase').textContent.trim()")),
        new("mentor search", Screen.Phone, e => $"/mentors#t={e.RegistrantToken}", page => Until(page, "() => document.querySelectorAll('#results .mentor-card').length === 2")),
        new("profile page", Screen.Phone, e => $"/profile#t={e.RegistrantToken}", page => Until(page, "() => !document.getElementById('profile-form').hidden && !document.getElementById('save').disabled")),
        new("host's registration page", Screen.Laptop, e => $"/host/{e.RegistrationId}/registration#key={e.RegistrationKey}", page => Until(page, "() => !document.getElementById('settings-form').hidden && document.querySelectorAll('#registrations tr').length === 4")),
        new("host's online page", Screen.Laptop, e => $"/host/{e.LiveId}/online#key={e.LiveKey}", page => Until(page, "() => !document.getElementById('prompts-form').hidden && document.getElementById('title').textContent.trim()")),
        new("privacy notice", Screen.Phone, _ => "/privacy.html", page => Until(page, "() => document.readyState === 'complete'")),
        new("accessibility statement", Screen.Phone, _ => "/accessibility", page => Until(page, "() => document.querySelector('#reviewed time') && document.querySelector('[data-language-switch] button')")),
    ];

    /// <summary>A browser for the screen a page is made for, speaking <paramref name="locale"/>.</summary>
    public static Task<IBrowserContext> ContextAsync(BrowserFixture browser, Screen screen, string locale)
    {
        ArgumentNullException.ThrowIfNull(browser);
        return screen switch
        {
            Screen.Phone => browser.NewPhoneAsync(locale),
            Screen.Laptop => browser.NewScreenAsync(1366, 900, locale),
            _ => browser.NewScreenAsync(1920, 1080, locale),
        };
    }

    /// <summary>Opens the page for the events and waits until it shows what it is for.</summary>
    public static async Task OpenAsync(this IPage page, A11yPage which, A11yEvents events)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(which);
        ArgumentNullException.ThrowIfNull(events);
        await page.GotoAsync("about:blank"); // A fragment-only change would not load the next page.
        await page.GotoAsync(which.Path(events));
        await page.ExplainingAsync($"The {which.Name} did not get ready", () => which.ReadyAsync(page));
    }

    /// <summary>The page's language as it says it (&lt;html lang&gt;).</summary>
    public static Task<string> LanguageAsync(this IPage page) => page.EvaluateAsync<string>("() => document.documentElement.lang");

    private static Task Until(IPage page, string condition) => page.WaitForFunctionAsync(condition, null, Patient);

    private static async Task PlanTheSampleAsync(IPage page)
    {
        await Until(page, "() => !document.getElementById('plan-button').disabled");
        await page.Locator("#file").SetInputFilesAsync(SampleRoster);
        await page.Locator("#plan-button").ClickAsync();
        await Expect(page.Locator("#grid tr").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Until(page, "() => !document.getElementById('quality').hidden");
    }

    /// <summary>
    /// The other language's phrases a page in <paramref name="pageLanguage"/> must not show: every page text (not kit.*
    /// or mail.*) whose translation differs, as its longest stretch without placeholders when that has three words or
    /// more; and a short list of words that give away an untranslated sentence.
    /// </summary>
    public static IReadOnlyList<ForeignPhrase> ForeignPhrases(string pageLanguage) => Phrases.GetOrAdd(pageLanguage, MakePhrases);

    /// <summary>
    /// The foreign phrases a page shows, in its text, its document title, the labels a screen reader reads, its field
    /// values and its style sheets' generated text (the same on every page: told apart by <see cref="FromStyleSheet"/>).
    /// </summary>
    public static async Task<IReadOnlyList<string>> ForeignTextAsync(this IPage page, string pageLanguage)
    {
        ArgumentNullException.ThrowIfNull(page);
        var shown = await page.EvaluateAsync<JsonElement>(ShownTextScript, pageLanguage);
        var places = new List<(string Where, string Text)> { ("title", shown.GetProperty("title").GetString()!), ("text", shown.GetProperty("text").GetString()!) };
        places.AddRange(shown.GetProperty("attributes").EnumerateArray().Select(a => ("attribute", a.GetString()!)));
        places.AddRange(shown.GetProperty("values").EnumerateArray().Select(a => ("field value", a.GetString()!)));
        places.AddRange(shown.GetProperty("generated").EnumerateArray().Select(a => (FromStyleSheet, a.GetString()!)));
        var found = new List<string>();
        foreach (var (where, raw) in places)
        {
            var text = Spaces().Replace(raw, " ");
            foreach (var phrase in ForeignPhrases(pageLanguage))
            {
                var match = phrase.Pattern.Match(text);
                if (match.Success)
                {
                    found.Add($"\"{phrase.Text}\" ({phrase.Source}) in the {where}: …{Around(text, match)}…");
                }
            }
        }

        return found.Distinct().ToList();
    }

    /// <summary>Where a phrase was found when a style sheet writes it (CSS content), on every page that loads the sheet.</summary>
    public const string FromStyleSheet = "style sheet's generated content";

    private static string Around(string text, Match match)
    {
        var from = Math.Max(0, match.Index - 30);
        var to = Math.Min(text.Length, match.Index + match.Length + 30);
        return text[from..to];
    }

    private static List<ForeignPhrase> MakePhrases(string pageLanguage)
    {
        var page = Texts.For(pageLanguage);
        var other = Texts.For(pageLanguage == "es" ? "en" : "es");
        // A stretch the page's own language also uses (a product name, "WCAG 2.1 AA") is not foreign.
        var own = page.Entries.Values.SelectMany(Forms).Select(Plain).ToList();
        var phrases = new List<ForeignPhrase>();
        foreach (var (key, value) in other.Entries)
        {
            if (key.StartsWith("kit.", StringComparison.Ordinal) || key.StartsWith("mail.", StringComparison.Ordinal))
            {
                continue;
            }

            // A key the page's language lacks (not translated yet) shows in the other language: its phrases count.
            if (page.Entries.TryGetValue(key, out var translated) && translated.GetRawText() == value.GetRawText())
            {
                continue;
            }

            foreach (var form in Forms(value))
            {
                var longest = Placeholder().Split(Plain(form)).Select(f => f.Trim()).OrderByDescending(Words).FirstOrDefault();
                if (longest is null || Words(longest) < 3 || own.Any(o => o.Contains(longest, StringComparison.Ordinal)))
                {
                    continue;
                }

                phrases.Add(new ForeignPhrase(longest, key, Bounded(longest, RegexOptions.None)));
            }
        }

        phrases.AddRange(NeverOn[pageLanguage].Select(word => new ForeignPhrase(word, "never on a page in this language", Bounded(word, RegexOptions.IgnoreCase))));
        return phrases.DistinctBy(p => p.Text).ToList();
    }

    private static IEnumerable<string> Forms(JsonElement value) => value.ValueKind == JsonValueKind.Object
        ? value.EnumerateObject().Select(f => f.Value.GetString()!)
        : [value.GetString()!];

    /// <summary>A text as a page shows it: no markup (data-i18n-html), entities read, spaces single.</summary>
    private static string Plain(string text) => Spaces().Replace(WebUtility.HtmlDecode(Tags().Replace(text, "")), " ");

    private static int Words(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Count(w => w.Any(char.IsLetter));

    // A phrase matches as whole words: "Round " is not the end of "Ground ".
    private static Regex Bounded(string phrase, RegexOptions options) =>
        new((char.IsLetterOrDigit(phrase[0]) ? @"(?<![\p{L}\p{N}])" : "") + Regex.Escape(phrase) + (char.IsLetterOrDigit(phrase[^1]) ? @"(?![\p{L}\p{N}])" : ""), options | RegexOptions.CultureInvariant);

    [GeneratedRegex(@"\{[A-Za-z]+\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    // Text marked as another language (the language switch's "English" on a Spanish page) is said in that language, rightly.
    private const string ShownTextScript = """
        (lang) => {
          const foreign = (el) => { const marked = el.closest('[lang]'); return marked && marked !== document.documentElement && marked.lang.split('-')[0] !== lang; };
          let text = document.body.innerText;
          for (const el of document.body.querySelectorAll('[lang]')) {
            if (!foreign(el)) continue;
            const inner = el.innerText;
            if (inner && inner.trim()) text = text.replace(inner, ' ');
          }
          const names = ['aria-label', 'aria-description', 'aria-roledescription', 'alt', 'placeholder', 'title'];
          const attributes = [];
          for (const el of document.body.querySelectorAll(names.map((n) => `[${n}]`).join(','))) {
            if (!el.getClientRects().length || foreign(el)) continue;
            for (const name of names) { const value = el.getAttribute(name); if (value) attributes.push(value); }
          }
          const values = [...document.body.querySelectorAll('input:not([type=hidden]):not([type=file]):not([type=checkbox]):not([type=radio]), textarea')]
            .filter((el) => el.getClientRects().length && !foreign(el) && el.value).map((el) => el.value);
          const generated = [];
          const walk = (rules) => {
            for (const rule of rules) {
              if (rule.cssRules) walk(rule.cssRules);
              const content = rule.style && rule.style.content;
              if (content && /\p{L}/u.test(content) && !/^attr\(/.test(content)) generated.push(content);
            }
          };
          for (const sheet of document.styleSheets) { try { walk(sheet.cssRules); } catch { /* another origin's sheet */ } }
          return { title: document.title, text, attributes, values, generated };
        }
        """;

    /// <summary>
    /// Colour arithmetic in the page, from computed styles: WCAG's relative luminance and contrast ratio, the colour an
    /// element's text is drawn on (its own background, else its ancestors', composited; white at the root), and a short
    /// name for an element in a failure message. Prefix a page function with it.
    /// </summary>
    public const string ColourScript = """
        const rgba = (value) => {
          const m = /rgba?\(([^)]+)\)/.exec(value || '');
          if (!m) return null;
          const [r, g, b, a = 1] = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number);
          return [r, g, b, a];
        };
        const over = (top, bottom) => {
          const a = top[3];
          return [0, 1, 2].map((i) => top[i] * a + bottom[i] * (1 - a)).concat(1);
        };
        const luminance = ([r, g, b]) => {
          const lin = (c) => { c /= 255; return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
          return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
        };
        const ratio = (x, y) => {
          const [a, b] = [luminance(x), luminance(y)].sort((p, q) => q - p);
          return (a + 0.05) / (b + 0.05);
        };
        const backgroundOf = (el) => {
          const layers = [];
          for (let node = el; node && node.nodeType === 1; node = node.parentElement) {
            const colour = rgba(getComputedStyle(node).backgroundColor);
            if (colour && colour[3] > 0) { layers.push(colour); if (colour[3] >= 1) break; }
          }
          return layers.reduceRight((bottom, top) => over(top, bottom), [255, 255, 255, 1]);
        };
        const opacityOf = (el) => {
          let o = 1;
          for (let node = el; node && node.nodeType === 1; node = node.parentElement) o *= Number(getComputedStyle(node).opacity);
          return o;
        };
        const hex = (c) => '#' + c.slice(0, 3).map((v) => Math.round(v).toString(16).padStart(2, '0')).join('');
        const nameOf = (el) => {
          let name = el.tagName.toLowerCase();
          if (el.id) return `${name}#${el.id}`;
          if (el.classList.length) name += '.' + [...el.classList].join('.');
          const parent = el.parentElement;
          return parent && parent !== document.body ? `${nameOf(parent)} > ${name}` : name;
        };
        """;

    /// <summary>
    /// Every visible text on the page whose contrast with what it is drawn on is under WCAG's minimum (4.5:1, or 3:1
    /// for text of 24 px, or 18.66 px bold): element, text, colours, ratio and size.
    /// </summary>
    public const string LowContrastScript = "() => {" + ColourScript + """
          const low = [];
          for (const el of document.body.querySelectorAll('*')) {
            const own = [...el.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join('').trim();
            if (!own || !el.checkVisibility({ opacityProperty: true, visibilityProperty: true })) continue;
            const box = el.getBoundingClientRect();
            if (box.width <= 1 || box.height <= 1) continue; // visually hidden: read, not seen
            const style = getComputedStyle(el);
            const size = parseFloat(style.fontSize);
            const bold = Number(style.fontWeight) >= 700;
            const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
            const back = backgroundOf(el);
            const fore = rgba(style.color);
            const drawn = over([fore[0], fore[1], fore[2], fore[3] * opacityOf(el)], back);
            const r = ratio(drawn, back);
            if (r < needed) low.push(`${nameOf(el)} "${own.slice(0, 40)}": ${hex(drawn)} on ${hex(back)} is ${r.toFixed(2)}:1, needs ${needed}:1 (${size}px${bold ? ' bold' : ''})`);
          }
          return low;
        }
        """;
}
