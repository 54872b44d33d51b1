// The profile form shared by the registration page, the profile page and the host's edit: built from the event's
// lists, read into the JSON the API takes, filled from a stored profile, and showing each of the server's field
// errors next to its field. Built here once so the three never drift apart.
import { el, problemText, sayIn } from './dom.js';
import { lang, languages, t } from './i18n.js';
import { canBeMentee, canMentor } from './personal.js';

const ROLES = [
  ['mentee', t('profile.form.roleMentee')],
  ['mentor', t('profile.form.roleMentor')],
  ['both', t('profile.form.roleBoth')],
];

// The engine scores the competencies and the format wishes as stored, in English: they stay English in the data and
// are shown in the reader's language where a text exists (anything else, typed by a person, is shown as typed).
const SHOWN = new Map(Object.entries({
  'Leading Change': t('profile.competency.leadingChange'),
  'Leading People': t('profile.competency.leadingPeople'),
  'Results Driven': t('profile.competency.resultsDriven'),
  'Business Acumen': t('profile.competency.businessAcumen'),
  'Building Coalitions': t('profile.competency.buildingCoalitions'),
  Budget: t('profile.competency.budget'),
  'Strategic Thinking': t('profile.competency.strategicThinking'),
  'Public Speaking': t('profile.competency.publicSpeaking'),
  'Data Analytics': t('profile.competency.dataAnalytics'),
  Acquisition: t('profile.competency.acquisition'),
  Negotiation: t('profile.competency.negotiation'),
  'Conflict Management': t('profile.competency.conflictManagement'),
  Partnering: t('profile.competency.partnering'),
  'Technical Credibility': t('profile.competency.technicalCredibility'),
  'Human Capital': t('profile.competency.humanCapital'),
  'Political Savvy': t('profile.competency.politicalSavvy'),
  Accountability: t('profile.competency.accountability'),
  'Customer Service': t('profile.competency.customerService'),
  Writing: t('profile.competency.writing'),
  Innovation: t('profile.competency.innovation'),
  'In person': t('profile.format.inPerson'),
  Online: t('profile.format.online'),
  'One-on-one': t('profile.format.oneOnOne'),
  'Small group': t('profile.format.smallGroup'),
  'Reverse mentoring': t('profile.format.reverse'),
  'Peer mentoring': t('profile.format.peer'),
}).map(([stored, shown]) => [stored.toLocaleLowerCase('en'), shown]));

/** A competency or format as the reader reads it ("Data Analytics" is "Análisis de datos" in Spanish); other text as it is. */
export const shownAs = (value) => SHOWN.get(String(value).toLocaleLowerCase('en')) ?? value;

/** A list of competencies as the reader reads them, joined the way the pages join lists of words. */
export const shownList = (values) => values.map(shownAs).join(', ');

/** "HHS/NIH" as the two fields it is typed in, and back. */
const splitAgency = (agency) => {
  const at = (agency ?? '').indexOf('/');
  return at < 0 ? [agency ?? '', ''] : [agency.slice(0, at), agency.slice(at + 1)];
};
const joinAgency = (agency, opdiv) => [agency.trim(), opdiv.trim()].filter(Boolean).join('/');
const splitOther = (text) => text.split(/[;,\n]/).map((s) => s.trim()).filter(Boolean);

/**
 * Builds the form's fields into `container`. Options: the event's `competencies` and `formats`, `privacyNotice`
 * (shown with a consent box when given), `emailLocked` (the profile page: the e-mail is who they are), the event's
 * `mode` (a hybrid event asks whether they come to the room or join online), `ownTimeZone` (the person's own form:
 * their browser's time zone is sent, so times shown to them are in it), `askLanguage` (the person's own form: the
 * language of their e-mails and itinerary, the page's until they choose; the host's edit leaves it as it is).
 * Returns { read, fill, showErrors, clearErrors, setDisabled }.
 */
export function profileForm(container, { competencies, formats, privacyNotice = null, emailLocked = false, mode = 'in-person', ownTimeZone = false, askLanguage = false }) {
  const fields = new Map();
  const id = (name) => `pf-${name}`;

  // One labelled input with its hint and its error, which the input names in aria-describedby.
  function single(name, label, input, hint) {
    input.id = id(name);
    const box = el('div', null, { class: 'field' });
    const error = el('p', null, { id: `${id(name)}-error`, class: 'field-error', hidden: '' });
    const described = [error.id];
    box.append(el('label', label, { for: input.id }));
    if (hint) {
      box.append(el('p', hint, { id: `${id(name)}-hint`, class: 'hint' }));
      described.unshift(`${id(name)}-hint`);
    }
    input.setAttribute('aria-describedby', described.join(' '));
    box.append(input, error);
    fields.set(name, { box, error, target: input, inputs: [input] });
    return box;
  }

  // A group of boxes (or radios) under a legend, its error inside the group so it is read with it.
  function group(name, legend, inputs, hint, extra = []) {
    const set = el('fieldset', null, { class: 'field', id: `${id(name)}-group` });
    const error = el('p', null, { id: `${id(name)}-error`, class: 'field-error', hidden: '' });
    set.append(el('legend', legend));
    if (hint) set.append(el('p', hint, { class: 'hint' }));
    const checks = el('div', null, { class: 'checks' });
    checks.append(...inputs.map(({ input, label }) => {
      const wrap = el('label', null, { class: 'check' });
      wrap.append(input, ` ${label}`);
      return wrap;
    }));
    set.append(error, checks, ...extra);
    set.setAttribute('aria-describedby', error.id);
    fields.set(name, { box: set, error, target: inputs[0]?.input, inputs: inputs.map((i) => i.input) });
    return set;
  }

  const box = (name, value, type = 'checkbox') => el('input', null, { type, name: id(name), value });
  const text = (attributes = {}) => el('input', null, { type: 'text', ...attributes });

  // Expertise or needs: the engine's competencies to tick, and a free-text "other" for what the list lacks.
  function listGroup(name, legend, hint, otherLabel) {
    const other = text({ id: id(`${name}-other`), 'data-limit': 'maxField', maxlength: '1000', autocomplete: 'off' });
    const otherBox = el('div');
    otherBox.append(el('label', otherLabel, { for: other.id }), other);
    const set = group(name, legend, competencies.map((c) => ({ input: box(name, c), label: shownAs(c) })), hint, [otherBox]);
    fields.get(name).other = other;
    return set;
  }

  const name = text({ autocomplete: 'name', required: '', 'data-limit': 'maxName', maxlength: '200' });
  const email = el('input', null, { type: 'email', autocomplete: 'email', required: '', 'data-limit': 'maxField', maxlength: '1000', spellcheck: 'false' });
  if (emailLocked) email.readOnly = true;
  const agency = text({ autocomplete: 'organization', 'data-limit': 'maxField', maxlength: '1000' });
  const opdiv = text({ 'data-limit': 'maxField', maxlength: '1000' });
  const location = text({ autocomplete: 'address-level2', 'data-limit': 'maxField', maxlength: '1000' });
  const grade = text({ 'data-limit': 'maxField', maxlength: '1000' });
  const goals = el('textarea', null, { rows: '3', 'data-limit': 'maxField', maxlength: '1000' });
  const roles = ROLES.map(([value, label]) => ({ input: box('role', value, 'radio'), label }));
  roles.forEach((r) => r.input.setAttribute('required', ''));
  // Each language named in itself, and marked with it, so a screen reader says "Español" the Spanish way.
  const language = el('select', null, { autocomplete: 'language' });
  language.append(...languages.map((l) => el('option', l.name, { value: l.code, lang: l.code })));
  language.value = lang;

  const parts = [
    single('name', t('profile.form.name'), name),
    single('email', t('profile.form.email'), email, emailLocked ? t('profile.form.emailLockedHint') : t('profile.form.emailHint')),
    group('role', t('profile.form.role'), roles),
    single('agency', t('profile.form.agency'), agency, t('profile.form.agencyHint')),
    single('opdiv', t('profile.form.opdiv'), opdiv, t('profile.form.opdivHint')),
    single('location', t('profile.form.location'), location, t('profile.form.locationHint')),
    single('grade', t('profile.form.grade'), grade, t('profile.form.gradeHint')),
    group('formats', t('profile.form.formats'), formats.map((f) => ({ input: box('formats', f), label: shownAs(f) }))),
    listGroup('expertise', t('profile.form.expertise'), t('profile.form.expertiseHint'), t('profile.form.expertiseOther')),
    listGroup('needs', t('profile.form.needs'), t('profile.form.needsHint'), t('profile.form.needsOther')),
    single('goals', t('profile.form.goals'), goals, t('profile.form.goalsHint')),
  ];
  if (askLanguage) parts.splice(2, 0, single('language', t('profile.form.language'), language, t('profile.form.languageHint')));
  const hybrid = mode === 'hybrid';
  if (hybrid) {
    const ways = [['in-person', t('profile.form.attendsRoom')], ['online', t('profile.form.attendsOnline')]].map(([value, label]) => ({ input: box('attends', value, 'radio'), label }));
    ways.forEach((w) => w.input.setAttribute('required', ''));
    parts.splice(parts.indexOf(fields.get('role').box) + 1, 0, group('attends', t('profile.form.attends'), ways, t('profile.form.attendsHint')));
  }
  if (privacyNotice) {
    const consent = box('consent', 'yes');
    consent.setAttribute('required', '');
    const notice = el('p', privacyNotice, { class: 'notice', id: id('notice') });
    const set = group('consent', t('profile.form.privacy'), [{ input: consent, label: t('profile.form.consent') }]);
    set.querySelector('legend').after(notice);
    consent.setAttribute('aria-describedby', notice.id);
    parts.push(set);
  }
  container.replaceChildren(...parts);

  const checked = (fieldName) => fields.get(fieldName).inputs.filter((i) => i.checked).map((i) => i.value);
  const role = () => checked('role')[0] ?? '';

  // Expertise when the role can host a table, needs when it can sit at one.
  function showLists() {
    const r = role();
    fields.get('expertise').box.hidden = !canMentor(r);
    fields.get('needs').box.hidden = !canBeMentee(r);
  }
  for (const r of roles) r.input.addEventListener('change', showLists);
  showLists();

  // A field's error goes once its field is changed: the next submit says again what still is wrong.
  for (const [, field] of fields) {
    field.box.addEventListener('input', () => markError(field, null));
    field.box.addEventListener('change', () => markError(field, null));
  }

  function markError(field, message) {
    field.error.textContent = message ?? '';
    field.error.hidden = !message;
    field.box.classList.toggle('invalid', Boolean(message));
    for (const input of field.inputs) {
      if (message) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    }
  }

  const listOf = (fieldName) => (fields.get(fieldName).box.hidden ? [] : [...checked(fieldName), ...splitOther(fields.get(fieldName).other.value)]);

  return {
    /** The form as the API takes it (consent only when the form asks for it). */
    read() {
      const body = {
        name: name.value,
        email: email.value,
        role: role(),
        agency: joinAgency(agency.value, opdiv.value),
        location: location.value,
        grade: grade.value,
        formats: checked('formats'),
        expertise: listOf('expertise'),
        needs: listOf('needs'),
        goals: goals.value,
      };
      if (privacyNotice) body.consent = checked('consent').length > 0;
      if (hybrid) body.attends = checked('attends')[0] ?? null;
      if (ownTimeZone) body.timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone ?? null;
      if (askLanguage) body.language = language.value;
      return body;
    },

    /** Shows a stored profile: list entries the competency list has are ticked, the others go in "other". */
    fill(profile) {
      name.value = profile.name ?? '';
      email.value = profile.email ?? '';
      for (const r of roles) r.input.checked = r.input.value === profile.role;
      [agency.value, opdiv.value] = splitAgency(profile.agency);
      location.value = profile.location ?? '';
      grade.value = profile.grade ?? '';
      goals.value = profile.goals ?? '';
      if (hybrid) for (const input of fields.get('attends').inputs) input.checked = input.value === profile.attends;
      // Not chosen yet: the page's language, the one they are reading in.
      language.value = languages.some((l) => l.code === profile.language) ? profile.language : lang;
      const tick = (fieldName, values) => {
        const wanted = new Set((values ?? []).map((v) => v.toLocaleLowerCase()));
        const field = fields.get(fieldName);
        for (const input of field.inputs) input.checked = wanted.has(input.value.toLocaleLowerCase());
        const known = new Set(field.inputs.map((i) => i.value.toLocaleLowerCase()));
        if (field.other) field.other.value = (values ?? []).filter((v) => !known.has(v.toLocaleLowerCase())).join('; ');
      };
      tick('formats', profile.formats);
      tick('expertise', profile.expertise);
      tick('needs', profile.needs);
      for (const [, field] of fields) markError(field, null);
      showLists();
    },

    /**
     * Puts each field error of a problem answer next to its field and moves the focus to the first. Returns the
     * messages no field of this form shows (for the status line).
     */
    showErrors(problem) {
      const left = [];
      let first = null;
      for (const [key, messages] of Object.entries(problem?.errors ?? {})) {
        const field = fields.get(key.toLowerCase());
        if (!field || field.box.hidden) {
          left.push(...messages);
          continue;
        }
        markError(field, messages.join(' '));
        first ??= field;
      }
      first?.target?.focus();
      return left;
    },

    clearErrors() {
      for (const [, field] of fields) markError(field, null);
    },

    /**
     * Sends the form with `send(body)` (resolving to { ok, body }) and hands an accepted answer to `done`. A refusal
     * shows each field's error by its field and keeps everything typed; the status line says to press `again` again.
     */
    async submit({ button, status, send, done, again }) {
      const body = this.read();
      this.clearErrors();
      button.disabled = true;
      sayIn(status, t('profile.form.sending'));
      try {
        const answer = await send(body);
        if (!answer.ok) {
          const left = this.showErrors(answer.body);
          sayIn(status, left.length || !answer.body.errors ? problemText(answer.body, t('profile.form.notSaved'))
            : t('profile.form.fixMarked', { title: answer.body.title ?? t('profile.form.notSaved'), button: again }), true);
          return;
        }
        await done(answer.body);
      } catch (error) {
        sayIn(status, t('profile.form.unreachable', { error: error.message, button: again }), true);
      } finally {
        button.disabled = false;
      }
    },

    setDisabled(disabled) {
      for (const control of container.querySelectorAll('input, textarea, select')) control.disabled = disabled;
    },
  };
}
