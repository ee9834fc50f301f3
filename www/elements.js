// The custom elements for putting Accord on any page (importing this module defines them):
//   <accord-workbench agreement="url" data="url|sample" lang="en|fr">  the whole workbench, in a
//     frame of the package's index.html (sized by the host page's CSS);
//   <accord-summary agreement="url" data="url|sample" lang="en|fr">  a read-only view: the KPI
//     tiles and the fit × interest matrix, in shadow DOM, drawn by the page's own renderers
//     from what the engine (accord.js) returns; it follows its attributes.
// URLs are resolved against the host page and must be on its origin: the data never leaves it.
import { Accord, packageBase } from './accord.js';
import { addStrings, lang as pageLang, num, onLangChange, t, withLang } from './i18n.js';
import { renderTiles } from './ui/tiles.js';
import { renderMatrix } from './ui/matrix.js';
import { h } from './ui/dom.js';
import './ui/page-strings.js';

addStrings({
  en: {
    'summary.loading': 'Scoring the leads…',
    'summary.ready': '{n} leads under “{name}”',
    'summary.failed': 'Not shown: {reason}',
    'summary.workbench': 'Accord workbench',
    'summary.otherOrigin': '{url} is on another site; Accord only reads from this one',
    'summary.http': '{url}: the server answered {status}',
  },
  fr: {
    'summary.loading': 'Notation des leads…',
    'summary.ready': '{n} leads selon « {name} »',
    'summary.failed': 'Non affiché : {reason}',
    'summary.workbench': 'Atelier Accord',
    'summary.otherOrigin': '{url} est sur un autre site ; Accord ne lit que celui-ci',
    'summary.http': '{url} : le serveur a répondu {status}',
  },
});

const LANGS = ['en', 'fr'];

/** An attribute's URL, resolved against the host page, refused when it is on another origin. */
function sameOrigin(value, l) {
  const url = new URL(value, document.baseURI);
  if (url.origin !== location.origin) throw new Error(withLang(l, () => t('summary.otherOrigin', { url: value })));
  return url;
}

/** The language of an element: its `lang` attribute when it is one Accord speaks, else the page's. */
function langOf(el) {
  const l = el.getAttribute('lang');
  return LANGS.includes(l) ? l : pageLang();
}

export class AccordWorkbench extends HTMLElement {
  static observedAttributes = ['agreement', 'data', 'lang'];
  #frame;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    this.#frame = h('iframe', { part: 'frame', 'data-testid': 'workbench-frame' });
    root.append(h('link', { rel: 'stylesheet', href: new URL('ui/workbench-element.css', packageBase()).href }), this.#frame);
  }

  connectedCallback() {
    this.#update();
  }

  attributeChangedCallback() {
    if (this.isConnected) this.#update();
  }

  /** The frame's address: the package's page with the element's attributes as parameters. */
  get src() {
    const url = new URL('index.html', packageBase());
    url.searchParams.set('embed', '1');
    url.searchParams.set('lang', langOf(this));
    // Resolved here, against the host page; the framed page checks the origin again.
    for (const name of ['agreement', 'data']) {
      const v = this.getAttribute(name);
      if (v) url.searchParams.set(name, v === 'sample' && name === 'data' ? v : new URL(v, document.baseURI).href);
    }
    return url.href;
  }

  #update() {
    this.#frame.title = this.getAttribute('title') ?? withLang(langOf(this), () => t('summary.workbench'));
    const src = this.src;
    if (this.#frame.getAttribute('src') !== src) this.#frame.setAttribute('src', src);
  }
}

export class AccordSummary extends HTMLElement {
  static observedAttributes = ['agreement', 'data', 'lang'];
  #accord = null;
  #starting = null;
  #applied = { agreement: undefined, data: undefined };
  #results = null;
  #busy = false;
  #again = false;
  #unLang = null;
  #ui;

  constructor() {
    super();
    const root = this.attachShadow({ mode: 'open' });
    this.#ui = {
      state: h('p', { class: 'state', part: 'state', role: 'status', 'data-testid': 'summary-state' }),
      tiles: h('div', { class: 'tiles', part: 'tiles', 'data-testid': 'summary-tiles' }),
      title: h('span', {}),
      note: h('span', { class: 'note' }),
      matrix: h('table', { class: 'matrix', part: 'matrix', 'data-testid': 'summary-matrix' }),
    };
    const u = this.#ui;
    u.figures = h('div', { class: 'summary', hidden: true }, u.tiles,
      h('figure', {}, h('figcaption', {}, u.title, u.note), u.matrix));
    root.append(
      h('link', { rel: 'stylesheet', href: new URL('ui/summary.css', packageBase()).href }),
      h('section', { class: 'summary' }, u.state, u.figures));
  }

  /** The engine's last results for this element's agreement and data (null before the first). */
  get results() {
    return this.#results;
  }

  connectedCallback() {
    this.#unLang = onLangChange(() => this.#render());
    this.#sync();
  }

  disconnectedCallback() {
    this.#unLang?.();
    // Moved elsewhere in the document: connectedCallback comes straight after; keep the engine.
    queueMicrotask(() => {
      if (this.isConnected || !this.#accord) return;
      this.#accord.destroy();
      this.#accord = null;
      this.#starting = null;
      this.#applied = { agreement: undefined, data: undefined };
    });
  }

  attributeChangedCallback(name) {
    if (name === 'lang') this.#render();
    else if (this.isConnected) this.#sync();
  }

  // One change at a time; attributes set meanwhile are taken up by another round.
  async #sync() {
    if (this.#busy) {
      this.#again = true;
      return;
    }
    this.#busy = true;
    try {
      do {
        this.#again = false;
        await this.#round();
      } while (this.#again && this.isConnected);
    } finally {
      this.#busy = false;
    }
  }

  async #round() {
    const want = { agreement: this.getAttribute('agreement') ?? '', data: this.getAttribute('data') || 'sample' };
    if (want.agreement === this.#applied.agreement && want.data === this.#applied.data) return;
    this.#setState('loading');
    this.dispatchEvent(new CustomEvent('accord-loading'));
    const problems = [];
    try {
      this.#starting ??= Accord.create({ lang: langOf(this) });
      this.#accord = await this.#starting;
    } catch (err) {
      this.#starting = null;
      this.#fail([err.message]);
      return;
    }
    const accord = this.#accord;
    if (want.agreement !== this.#applied.agreement) {
      try {
        const agreement = want.agreement ? await (await this.#fetch(want.agreement)).text() : accord.defaultAgreement;
        this.#results = (await accord.setAgreement(agreement)).results;
        this.#applied.agreement = want.agreement;
      } catch (err) {
        // Whatever is asked next, this one is tried again (the engine kept the previous one).
        this.#applied.agreement = null;
        problems.push(want.agreement ? `${want.agreement}: ${err.message}` : err.message);
      }
    }
    if (want.data !== this.#applied.data) {
      try {
        const loaded = want.data === 'sample'
          ? await accord.loadSample()
          : await accord.loadUrl(sameOrigin(want.data, langOf(this)) && want.data);
        if (want.data !== 'sample' && loaded.summary.rows === 0) throw new Error(`${want.data}: no leads`);
        this.#results = loaded.results;
        this.#applied.data = want.data;
      } catch (err) {
        this.#applied.data = null;
        if (err.status) problems.push(this.#http(want.data, err));
        else problems.push(err.message.startsWith(want.data) ? err.message : `${want.data}: ${err.message}`);
      }
    }
    if (problems.length) {
      this.#fail(problems);
      return;
    }
    this.#render();
    this.#setState('ready');
    this.dispatchEvent(new CustomEvent('accord-ready', { detail: { results: this.#results } }));
  }

  async #fetch(value) {
    const res = await fetch(sameOrigin(value, langOf(this)));
    if (!res.ok) throw new Error(this.#http(value, res));
    return res;
  }

  /** An HTTP failure in this element's language. */
  #http(url, { status, statusText }) {
    return withLang(langOf(this), () => t('summary.http', { url, status: `${status} ${statusText ?? ''}`.trim() }));
  }

  #fail(problems) {
    this.#setState('error', problems.join(' · '));
    this.dispatchEvent(new CustomEvent('accord-error', { detail: { message: problems.join(' · ') } }));
  }

  #setState(state, reason = '') {
    this.dataset.state = state;
    this.setAttribute('aria-busy', String(state === 'loading'));
    this.#state = { state, reason };
    // Figures of other data or another agreement than asked for are not shown as if they were.
    if (state === 'error') this.#ui.figures.hidden = true;
    this.#renderState();
  }

  #state = { state: 'loading', reason: '' };

  #renderState() {
    const { state, reason } = this.#state;
    const el = this.#ui.state;
    el.className = `state ${state}`;
    withLang(langOf(this), () => {
      if (state === 'loading') el.textContent = t('summary.loading');
      else if (state === 'error') el.textContent = t('summary.failed', { reason });
      else el.textContent = this.#results
        ? t('summary.ready', { n: num(this.#results.leads), name: this.#accord?.agreement?.name ?? '' })
        : '';
    });
  }

  // The page's own renderers, in this element's language.
  #render() {
    const l = langOf(this);
    this.#ui.matrix.lang = l;
    withLang(l, () => {
      this.#ui.title.textContent = t('matrix.title');
      if (this.#results && this.#state.state !== 'error') {
        this.#ui.figures.hidden = false;
        renderTiles(this.#ui.tiles, this.#results);
        renderMatrix(this.#ui.matrix, this.#ui.note, this.#results);
      }
    });
    this.#renderState();
  }
}

if (!customElements.get('accord-workbench')) customElements.define('accord-workbench', AccordWorkbench);
if (!customElements.get('accord-summary')) customElements.define('accord-summary', AccordSummary);
