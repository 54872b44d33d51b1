// The accessibility statement: static texts come from data-i18n; the review date is written the reader's way.
import { format, t } from './i18n.js';

// A calendar day, made at local midnight: read as UTC it would show as December 3 in the Americas.
const REVIEWED = new Date(2026, 11, 4);

// One sentence with the date inside it: the translation decides where the date goes.
const [before, after = ''] = t('a11y.reviewed').split('{date}');
const time = document.createElement('time');
time.dateTime = '2026-12-04';
time.textContent = format.date(REVIEWED, { weekday: undefined, year: 'numeric' });
document.getElementById('reviewed').replaceChildren(before, time, after);
