// Part 3 of the agreement in the editor: the MQL and SQL lines, the two scoring axes, the
// disqualifiers and fast-track rules, and the grade bands.
import { h } from '../dom.js';
import { t } from '../../i18n.js';
import { fmt } from './paths.js';
import { sliderNumber, numberInput, selectInput } from './controls.js';
import { axisEditor, roleList } from './rules.js';

const LINES = ['mql', 'sql'];
const AXES = ['fit', 'interest'];
/** What a new combined mode starts from when the agreement has none yet. */
const COMBINED_START = { weights: { fit: 0.5, interest: 0.5 } };

/** The lines: axes mode (fit and interest each) or combined mode (a weighted sum). */
function thresholdsEditor(ctx) {
  const parts = ['qualification', 'thresholds'];
  const th = ctx.get(parts) ?? {};
  const mode = th.mode ?? 'axes';
  const modeSelect = selectInput(ctx, parts.concat('mode'), [
    { value: 'axes', label: t('ed.th.mode.axes') },
    { value: 'combined', label: t('ed.th.mode.combined') },
  ], {
    label: t('ed.th.mode'), testid: 'threshold-mode', value: mode,
    write: (to) => ctx.change((d) => {
      const x = d.qualification.thresholds;
      x.mode = to;
      if (to === 'combined' && !x.combined) {
        x.combined = { ...structuredClone(COMBINED_START), mql: x.mql?.fit ?? 50, sql: x.sql?.fit ?? 65 };
      }
    }, t('ed.th.mode'), { focus: fmt(parts.concat('mode')) }),
  });
  if (mode !== 'combined') {
    return h('div', { class: 'ed-thresholds' },
      modeSelect,
      h('p', { class: 'ed-hint', text: t('ed.th.hint.axes') }),
      LINES.map((line) => h('div', { class: 'ed-line', role: 'group', 'aria-label': t(`ed.th.${line}`), 'data-path': fmt(parts.concat(line)) },
        AXES.map((axis) => sliderNumber(ctx, parts.concat(line, axis), {
          label: t(`ed.th.${line}.${axis}`), testid: `threshold-${line}-${axis}`, min: 0, max: 100,
        })))));
  }
  const cParts = parts.concat('combined');
  const weightsParts = cParts.concat('weights');
  const interestShare = h('span', { class: 'ed-hint', 'data-testid': 'threshold-weight-interest' });
  const showInterest = () => {
    const w = ctx.get(weightsParts.concat('interest'));
    interestShare.textContent = t('ed.th.weightInterest', { value: typeof w === 'number' ? Number((w * 100).toFixed(4)) : '—' });
  };
  showInterest();
  const weight = sliderNumber(ctx, weightsParts.concat('fit'), {
    label: t('ed.th.weightFit'), testid: 'threshold-weight-fit', min: 0, max: 100, scale: 100, unit: '%',
    dataPath: fmt(weightsParts),
    // The two weights add up to 1: the fit weight sets the interest weight.
    write: (v) => {
      ctx.set(weightsParts, { fit: v, interest: Number((1 - v).toFixed(6)) }, t('ed.th.weightFit'));
      showInterest();
    },
  });
  weight.append(interestShare);
  return h('div', { class: 'ed-thresholds' },
    modeSelect,
    h('p', { class: 'ed-hint', text: t('ed.th.hint.combined') }),
    weight,
    LINES.map((line) => sliderNumber(ctx, cParts.concat(line), {
      label: t(`ed.th.combined.${line}`), testid: `threshold-combined-${line}`, min: 0, max: 100,
    })));
}

/** The grade bands: the lowest score of each grade, per axis. */
function gradesEditor(ctx) {
  return h('div', { class: 'ed-grades' },
    h('p', { class: 'ed-hint', text: t('ed.grades.hint') }),
    AXES.map((axis) => {
      const parts = ['qualification', 'grades', axis];
      const bands = Object.entries(ctx.get(parts) ?? {}).sort((a, b) => b[1] - a[1]);
      return h('div', { class: 'ed-grade-axis', role: 'group', 'aria-label': t(`ed.axis.${axis}`), 'data-path': fmt(parts) },
        h('h4', { text: t(`ed.axis.${axis}`) }),
        h('div', { class: 'ed-grade-row' }, bands.map(([grade]) => numberInput(ctx, parts.concat(grade), {
          label: t('ed.grades.grade', { grade }), testid: `grade-${axis}-${grade}`, min: 0, max: 100, step: 1,
        }))));
    }));
}

/** The whole qualification part, in sub-sections that open and close. */
export function qualificationEditor(ctx) {
  const sub = (key, title, body, open, path) => ctx.details(`q:${key}`, open,
    [h('span', { text: title })], [body], { class: 'ed-sub', 'data-path': path, 'data-testid': `editor-q-${key}` });
  return [
    sub('thresholds', t('ed.q.thresholds'), thresholdsEditor(ctx), true, 'qualification.thresholds'),
    sub('fit', t('ed.q.fit'), axisEditor(ctx, 'fit'), true, 'qualification.fit'),
    sub('interest', t('ed.q.interest'), axisEditor(ctx, 'interest'), true, 'qualification.interest'),
    sub('disqualify', t('ed.q.disqualify'), roleList(ctx, 'disqualify'), false, 'qualification.disqualify'),
    sub('fast_track', t('ed.q.fastTrack'), roleList(ctx, 'fast_track'), false, 'qualification.fast_track'),
    sub('grades', t('ed.q.grades'), gradesEditor(ctx), false, 'qualification.grades'),
  ];
}
