// The example intranet page's two menus: the agreement the summary shows, and the language of
// both elements. They only set the elements' attributes; the elements do the rest.
const summary = document.getElementById('summary');
const bench = document.getElementById('bench');

document.getElementById('agreement-choice').addEventListener('change', (e) => {
  summary.setAttribute('agreement', e.target.value);
});
document.getElementById('lang-choice').addEventListener('change', (e) => {
  for (const el of [summary, bench]) el.setAttribute('lang', e.target.value);
  document.documentElement.lang = e.target.value;
});
