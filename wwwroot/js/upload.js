// A roster to upload, from a chosen file or from text pasted in a box. A file goes to the server as its bytes, so
// the server decides the encoding (UTF-8, or Latin-1 from an old Excel, with a warning); reading it here as text
// would turn every accent of a Latin-1 file into a replacement character before the server could tell.
import { sayIn } from './dom.js';
import { format, t } from './i18n.js';

/**
 * Wires a file input and a text box; `note` says which will be sent. Returns `body()`: the file, the pasted text,
 * or null when there is neither.
 */
export function rosterSource(fileInput, textArea, note) {
  const describe = () => {
    const file = fileInput.files[0];
    if (!file) return;
    textArea.value = '';
    sayIn(note, t('upload.fileChosen', { file: file.name, size: format.number(Math.max(1, Math.round(file.size / 1024))) }));
  };
  fileInput.addEventListener('change', describe);
  // A file picked before this script arrived (a cold start, a slow laptop) counts too.
  describe();
  textArea.addEventListener('input', () => {
    if (!fileInput.files.length || !textArea.value) return;
    // Typing or pasting replaces the chosen file.
    fileInput.value = '';
    sayIn(note, '');
  });
  return () => fileInput.files[0] ?? (textArea.value.trim() ? textArea.value : null);
}

/** The fetch options that send a roster body as CSV. */
export function csvBody(body) {
  return { headers: { 'Content-Type': 'text/csv' }, body };
}
