// The agreement's versions: save the current one with a note, restore any (undoable, with an
// Undo in the notice), and the difference between any two in words (the engine writes them).
import { h, fill } from './dom.js';
import { t, dateTime } from '../i18n.js';
import * as saved from '../saved.js';

const CURRENT = 'current';

export function mountHistory({ dialog, open, store, adopt, diff, notice }) {
  const note = dialog.querySelector('#version-note');
  const saveButton = dialog.querySelector('#save-version');
  const list = dialog.querySelector('#versions');
  const a = dialog.querySelector('#diff-a');
  const b = dialog.querySelector('#diff-b');
  const out = dialog.querySelector('#diff');

  const pick = (id) => (id === CURRENT ? store.get() : saved.versions().find((v) => v.id === id)?.agreement);
  const label = (v) => `${dateTime(v.savedAt)}${v.note ? ` — ${v.note}` : ''}`;

  let seq = 0;
  async function compare() {
    const [x, y] = [pick(a.value), pick(b.value)];
    if (!x || !y) {
      fill(out);
      return;
    }
    const mine = ++seq;
    try {
      const { changes } = await diff(x, y);
      if (mine !== seq) return;
      fill(out, changes.length
        ? changes.map((c) => h('li', { 'data-testid': 'diff-change', 'data-path': c.path, text: c.text }))
        : h('li', { class: 'hint', text: t('history.same') }));
    } catch (err) {
      if (mine === seq) fill(out, h('li', { class: 'hint', text: err.message }));
    }
  }

  function render() {
    const versions = saved.versions();
    // A stored list that cannot be read is said, not shown as empty (saving sets it aside).
    const unreadable = saved.versionsUnreadable();
    fill(list, unreadable ? h('li', { class: 'hint', 'data-testid': 'versions-unreadable', text: t('history.versionsUnreadable', { reason: unreadable }) }) : null,
      versions.length
      ? versions.map((v) => h('li', { 'data-testid': 'version' },
        h('span', { class: 'version-label', text: label(v) }),
        h('span', { class: 'hint', text: v.agreement.name ?? '' }),
        h('button', {
          type: 'button', 'data-testid': 'version-restore',
          on: {
            click: async () => {
              try {
                await adopt(v.agreement, t('history.restored', { when: dateTime(v.savedAt) }),
                  { undoText: t('history.restoredNotice', { when: dateTime(v.savedAt) }) });
                dialog.close();
              } catch (err) {
                notice(err.message, 'error');
              }
            },
          },
        }, t('history.restore'))))
      : h('li', { class: 'hint', text: t('history.none') }));
    const options = (selected) => [
      h('option', { value: CURRENT, text: t('history.current'), selected: selected === CURRENT }),
      ...versions.map((v) => h('option', { value: v.id, text: label(v), selected: selected === v.id })),
    ];
    // From the newest saved version to the agreement as it is now.
    fill(a, options(versions[0]?.id ?? CURRENT));
    fill(b, options(CURRENT));
    compare();
  }

  saveButton.addEventListener('click', () => {
    try {
      saved.addVersion(store.get(), note.value.trim());
      note.value = '';
      render();
    } catch (err) {
      notice(t('history.saveFailed', { reason: err.message }), 'error');
    }
  });
  a.addEventListener('change', compare);
  b.addEventListener('change', compare);
  open.addEventListener('click', () => {
    render();
    dialog.showModal();
    note.focus();
  });
  return { render };
}
