// The agreement editor (interim): the preset to start from. The forms for the seven parts
// replace it.
import { h, fill } from './dom.js';
import { t, lang } from '../i18n.js';

export function mountEditor(root, store, { presets, loadPreset }) {
  const render = () => {
    const select = h('select', { 'data-testid': 'preset-select', id: 'preset' },
      presets.map((p) => h('option', { value: p.id, text: lang() === 'fr' ? p.nameFr : p.name, selected: p.name === store.get().name })));
    select.addEventListener('change', async () => {
      const agreement = await loadPreset(select.value);
      store.replace(agreement, t('editor.preset'), { source: 'editor' });
    });
    fill(root, h('label', { class: 'preset' }, t('editor.startFrom'), ' ', select));
  };
  render();
  store.subscribe((_, info) => { if (info.source !== 'editor') render(); });
  return { render, showErrors() {} };
}
