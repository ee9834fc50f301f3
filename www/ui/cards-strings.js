// The result cards' words in English and French: the explanation, the what-if, the matrix, the
// threshold sliders, the lifecycle, the goal and the KPI cards, and the data panel's summaries.
// Keys are prefixed per module (explain., whatif., matrix., th., life., goals., kpi., data.).
//
// Some text comes from the engine in English (KPI names and definitions, recycle reasons,
// "needs column …" notes, the reverse funnel's gaps, rule notes). The page translates it by
// id, or by recognising the engine's sentence, with the keys below that exist in French only;
// in English, and for anything it does not recognise, the engine's own text is shown
// (`fromEngine`, `engineSentence`).
//
// French typography is applied once, below: a no-break space before « : » and « » » and after
// « « », a narrow no-break space before « ; ? ! % ». The French strings are written with plain
// spaces for readability.
import { addStrings, t, lang, pick } from '../i18n.js';

const en = {
  // Why this score?
  'explain.none': 'No such lead.',
  'explain.leadN': 'Lead {n}',
  'explain.axisScore': '{axis} {score}',
  'explain.fit': 'Fit',
  'explain.interest': 'Interest',
  'explain.grade': 'grade {grade}',
  'explain.raw': ' (raw {raw}, kept within 0–100)',
  'explain.capped': '{total} → {counted} (cap {cap})',
  'explain.empty': '(empty)',
  'explain.disqualified': 'Disqualified: {reason}',
  'explain.fastTrack': 'Fast-track to sales: {reason}',
  'explain.fastTrackSql': 'Fast-track to sales: {reason} · SQL',
  'explain.sql': 'SQL',
  'explain.mql': 'MQL',
  'explain.below': 'Lead (below the MQL line)',
  'explain.combined': 'Combined score {score}',
  'explain.noteSep': '; ',

  // What-if
  'whatif.none': 'Nothing pinned.',
  'whatif.mqls': 'MQLs {before} → {after}',
  'whatif.rest': ' ({change}): {became} became MQL, {stopped} stopped · SQLs {sqlsBefore} → {sqlsAfter}',
  'whatif.cell': 'Cell',
  'whatif.became': 'Became',
  'whatif.stopped': 'Stopped',
  'whatif.first': '{title} (first {n})',
  'whatif.becameList': 'Became MQL',
  'whatif.stoppedList': 'Stopped being MQL',
  'whatif.lead': 'Lead {n}',
  'whatif.scores': ' fit {fitBefore}→{fitAfter}, interest {interestBefore}→{interestAfter}',

  // Matrix
  'matrix.winNote': ' · win rate of closed leads',
  'matrix.corner': 'Fit \\ Interest',
  'matrix.cellTitle': '{cell}: {n} leads',
  'matrix.cellDef': '{cell}: {n} leads with fit grade {fit} and interest grade {interest}.',
  'matrix.cellDefOutcome': '{cell}: {n} leads with fit grade {fit} and interest grade {interest}. Of those the export shows closed, {won} of {closed} were won.',
  'matrix.won': '{rate} won',

  // Threshold sliders
  'th.combinedHint': 'Combined mode: a lead is over a line when fit × weight + interest × (1 − weight) reaches it.',
  'th.fitWeight': 'Fit weight %',
  'th.mqlCombined': 'MQL · combined',
  'th.sqlCombined': 'SQL · combined',
  'th.mqlFit': 'MQL · fit',
  'th.mqlInterest': 'MQL · interest',
  'th.sqlFit': 'SQL · fit',
  'th.sqlInterest': 'SQL · interest',
  'th.number': '{label} (number)',

  // Lifecycle and follow-up
  'life.none': 'No data.',
  'life.stage': 'Stage',
  'life.inExport': 'In the export',
  'life.underAgreement': 'Under the agreement',
  'life.unmapped': 'Stage labels mapped to no stage: {labels}. Map them in the definitions.',
  'life.labelCount': '{label} ({n})',
  'life.handed': 'Handed to sales',
  'life.sla': 'First touch within SLA',
  'life.speed': 'Speed to lead (median)',
  'life.overdue': 'Overdue now',
  'life.recycled': 'Recycled',
  'life.def.handed': 'Leads the export shows as handed to sales (with a handoff date).',
  'life.def.sla': 'Handed-over leads first touched within the SLA deadline, among those touched or overdue.',
  'life.def.speed': 'Business hours from handoff to first touch, median.',
  'life.def.overdue': 'Handed-over leads not touched and past their deadline.',
  'life.def.recycled': 'Handed-over leads that went back to marketing (no response or no progress in time).',
  'life.recycledBy': 'Recycled: {reasons}',
  'life.nurture': 'Nurture: {tracks}',
  'life.noTracks': 'no tracks',
  'life.track': '{track} {n}',
  'life.byHand': ' ({n} by hand)',
  'life.untracked': ' · {n} in no track',
  'life.hours': '{n} h',
  'life.line.export': 'Export: {stage}',
  'life.line.agreement': 'agreement: {stage}',
  'life.line.met': 'first touch within SLA',
  'life.line.missed': 'first touch after the SLA',
  'life.line.overdue': 'overdue now',
  'life.line.pending': 'awaiting first touch',
  'life.line.speed': 'speed to lead {hours}',
  'life.line.recycled': 'recycled: {reason}',
  'life.line.track': 'track {track}',
  'life.line.byHand': 'track {track} (by hand)',

  // Goal
  'goals.none': 'No data.',
  'goals.intro': '{target} at {deal} a deal ({source}), over {months} months:',
  'goals.needed': 'Needed',
  'goals.inAll': 'In all',
  'goals.perMonth': 'Per month',
  'goals.rateToNext': 'Rate to the next',
  'goals.rate': '{rate} ({source})',
  'goals.noFunnel': 'No funnel: the goal needs a revenue target, and a deal size entered or won deals with amounts in the export.',
  'goals.pace': 'Pace: {elapsed} of the period gone, {actual} won (plan to date {planned}){projection}.',
  'goals.projected': ', projected {projected}: {verdict}',
  'goals.onTrack': 'on track',
  'goals.behind': 'behind',
  'goals.capacity': 'Capacity: sales can work {capacity} leads a month; the agreement sends {mqls} MQLs a month ({gap}).',
  'goals.spare': '{n} to spare',
  'goals.tooMany': '{n} too many',
  'goals.stage.won': 'Won deals',
  'goals.stage.opportunity': 'Opportunities',
  'goals.stage.sql': 'SQLs',
  'goals.stage.sal': 'SALs',
  'goals.stage.mql': 'MQLs',
  'goals.stage.lead': 'Leads',
  'goals.stage.visitor': 'Visitors',

  // KPIs and review
  'kpi.none': 'No data.',
  'kpi.notAvailable': 'not available: {why}',
  'kpi.interval': '{hits}/{of} · {low}–{high}',
  'kpi.count': '{hits}/{of}',
  'kpi.met': 'met (target {target})',
  'kpi.missed': 'missed (target {target})',
  'kpi.target': 'target {target}',
  'kpi.hours': '{n} h',
  'kpi.days': '{n} d',
  'kpi.velocity': 'Velocity: days between stages (median, 90th percentile)',
  'kpi.velocityItem': '{from} → {to}: {median}, {p90} ({n} leads)',
  'kpi.byCohort': 'By month of creation',
  'kpi.bySource': 'By lead source',
  'kpi.byGrade': 'By fit grade',
  'kpi.col.leads': 'Leads',
  'kpi.col.mql': '→ MQL',
  'kpi.col.sql': '→ SQL',
  'kpi.col.won': '→ won',
  'kpi.rateTitle': '{hits} of {of}; 95 % interval {low}–{high}',
  'kpi.noSource': '(none)',
  // Velocity steps: the engine's stage ids, shown as they are in English.
  'kpi.step.create': 'create',
  'kpi.step.mql': 'mql',
  'kpi.step.sql': 'sql',
  'kpi.step.opportunity': 'opportunity',
  'kpi.step.customer': 'customer',
  'kpi.review.kpi': 'KPI',
  'kpi.review.period': '{label} ({n} leads)',
  'kpi.review.change': 'Change',
  'kpi.review.points': '{n} pts',
  'kpi.needs': 'needs column {columns}',
  'kpi.needsMany': 'needs column {columns}',
  'kpi.and': ' and ',

  // Data panel summaries
  'data.source': '{label} · {rows} leads · {columns} columns',
  'data.fmt.xlsx': 'Excel workbook, sheet “{sheet}”',
  'data.fmt.json': 'JSON records',
  'data.fmt.text': '{delimited} text, {encoding}{repaired}',
  'data.fmt.repaired': ' (garbled accents repaired)',
  'data.fmt.size': '{format} · {size}',
  'data.delim.comma': 'comma-separated',
  'data.delim.semicolon': 'semicolon-separated',
  'data.delim.tab': 'tab-separated',
  'data.delim.pipe': 'pipe-separated',
  'data.delim.other': 'delimited',
  'data.problems': '{n} problem(s) · {rows} row(s) left out',
  'data.line': 'line {n}',
  'data.loaded': '{done} of {total} · {rows} rows',
  'data.act.events': '{events} events: {matched} joined to leads by {key} (“{column}”)',
  'data.act.eventsFrom': '{events} events from {name}: {matched} joined to leads by {key} (“{column}”)',
  'data.act.email': 'e-mail',
  'data.act.id': 'id',
  'data.act.unmatched': '{n} match no lead (e.g. {examples})',
  'data.act.withoutTime': '{n} without a date',
  'data.act.types': 'types: {types}',
  'data.act.type': '{kind} {n}',
  'data.act.end': '{parts}.',

  // Units (format.js)
  'unit.ms': '{n} ms',
  'unit.b': '{n} B',
  'unit.kb': '{n} KB',
  'unit.mb': '{n} MB',
  'unit.gb': '{n} GB',
  // The engine's own English sentences, for reference (in English the engine's text is shown).
  'life.reason.noResponse': 'no response after {n} attempts',
  'life.reason.noProgress': 'no progress in {days} days',
  'life.notAvailable': '{figure}: not available, {needs}',
  'goals.missingRate': '{from} → {to}: no rate planned, and the data cannot measure it',
  'explain.note.halfLife': 'events decayed with a half-life of {days} days',
  'explain.note.step': 'events lose {percent} every {days} days',
  'explain.note.cap': 'capped at max {max}',
};

const fr = {
  'explain.none': 'Ce lead n’existe pas.',
  'explain.leadN': 'Lead {n}',
  'explain.axisScore': '{axis} {score}',
  'explain.fit': 'Adéquation',
  'explain.interest': 'Intérêt',
  'explain.grade': 'note {grade}',
  'explain.raw': ' (brut {raw}, ramené entre 0 et 100)',
  'explain.capped': '{total} → {counted} (plafond {cap})',
  'explain.empty': '(vide)',
  'explain.disqualified': 'Disqualifié : {reason}',
  'explain.fastTrack': 'Transmis en priorité aux ventes : {reason}',
  'explain.fastTrackSql': 'Transmis en priorité aux ventes : {reason} · SQL',
  'explain.sql': 'SQL',
  'explain.mql': 'MQL',
  'explain.below': 'Lead (sous le seuil MQL)',
  'explain.combined': 'Score combiné {score}',
  'explain.noteSep': ' ; ',

  'whatif.none': 'Aucun accord épinglé.',
  'whatif.mqls': 'MQL {before} → {after}',
  'whatif.rest': ' ({change}) : {became} devenus MQL, {stopped} ne le sont plus · SQL {sqlsBefore} → {sqlsAfter}',
  'whatif.cell': 'Case',
  'whatif.became': 'Devenus MQL',
  'whatif.stopped': 'Plus MQL',
  'whatif.first': '{title} ({n} premiers)',
  'whatif.becameList': 'Devenus MQL',
  'whatif.stoppedList': 'Ne sont plus MQL',
  'whatif.lead': 'Lead {n}',
  'whatif.scores': ' adéquation {fitBefore}→{fitAfter}, intérêt {interestBefore}→{interestAfter}',

  'matrix.winNote': ' · taux de gain des leads clos',
  'matrix.corner': 'Adéquation \\ Intérêt',
  'matrix.cellTitle': '{cell} : {n} leads',
  'matrix.cellDef': '{cell} : {n} leads de note d’adéquation {fit} et de note d’intérêt {interest}.',
  'matrix.cellDefOutcome': '{cell} : {n} leads de note d’adéquation {fit} et de note d’intérêt {interest}. Parmi ceux que l’export montre clos, {won} sur {closed} ont été gagnés.',
  'matrix.won': '{rate} gagnés',

  'th.combinedHint': 'Mode combiné : un lead franchit un seuil quand adéquation × poids + intérêt × (1 − poids) l’atteint.',
  'th.fitWeight': 'Poids de l’adéquation (en %)',
  'th.mqlCombined': 'MQL · combiné',
  'th.sqlCombined': 'SQL · combiné',
  'th.mqlFit': 'MQL · adéquation',
  'th.mqlInterest': 'MQL · intérêt',
  'th.sqlFit': 'SQL · adéquation',
  'th.sqlInterest': 'SQL · intérêt',
  'th.number': '{label} (valeur)',

  'life.none': 'Aucune donnée.',
  'life.stage': 'Stade',
  'life.inExport': 'Dans l’export',
  'life.underAgreement': 'Selon l’accord',
  'life.unmapped': 'Libellés de stade rattachés à aucun stade : {labels}. Rattachez-les dans les définitions.',
  'life.labelCount': '{label} ({n})',
  'life.handed': 'Transmis aux ventes',
  'life.sla': 'Premier contact dans le délai du SLA',
  'life.speed': 'Délai de premier contact (médiane)',
  'life.overdue': 'En retard actuellement',
  'life.recycled': 'Recyclés',
  'life.def.handed': 'Leads que l’export montre transmis aux ventes (avec une date de transmission).',
  'life.def.sla': 'Leads transmis contactés une première fois dans le délai du SLA, parmi ceux contactés ou en retard.',
  'life.def.speed': 'Heures ouvrées entre la transmission et le premier contact, médiane.',
  'life.def.overdue': 'Leads transmis, pas encore contactés, dont le délai est dépassé.',
  'life.def.recycled': 'Leads transmis renvoyés au marketing (sans réponse ou sans progression à temps).',
  'life.recycledBy': 'Recyclés : {reasons}',
  'life.nurture': 'Nurturing : {tracks}',
  'life.noTracks': 'aucun parcours',
  'life.track': '{track} {n}',
  'life.byHand': ' ({n} à la main)',
  'life.untracked': ' · {n} sans parcours',
  'life.hours': '{n}\u00a0h',
  'life.line.export': 'Export : {stage}',
  'life.line.agreement': 'accord : {stage}',
  'life.line.met': 'premier contact dans le délai du SLA',
  'life.line.missed': 'premier contact après le délai du SLA',
  'life.line.overdue': 'en retard actuellement',
  'life.line.pending': 'en attente du premier contact',
  'life.line.speed': 'délai de premier contact {hours}',
  'life.line.recycled': 'recyclé : {reason}',
  'life.line.track': 'parcours {track}',
  'life.line.byHand': 'parcours {track} (à la main)',
  // The engine's recycle reasons and "not available" notes, recognised and translated.
  'life.reason.noResponse': 'sans réponse après {n} tentatives',
  'life.reason.noProgress': 'aucune progression en {days} jours',
  'life.notAvailable': '{figure} : non disponible, {needs}',
  'life.figure.handoffs': 'transmissions',
  'life.figure.speed to lead and SLA compliance': 'délai de premier contact et respect du SLA',
  'life.figure.contact attempts and recycling by attempts': 'tentatives de contact et recyclage par tentatives',

  'goals.none': 'Aucune donnée.',
  'goals.intro': '{target} à {deal} par affaire ({source}), sur {months} mois :',
  'goals.needed': 'Nécessaires',
  'goals.inAll': 'Au total',
  'goals.perMonth': 'Par mois',
  'goals.rateToNext': 'Taux vers l’étape suivante',
  'goals.rate': '{rate} ({source})',
  'goals.noFunnel': 'Pas d’entonnoir : l’objectif demande un chiffre d’affaires cible, et une taille d’affaire saisie ou des affaires gagnées avec leur montant dans l’export.',
  'goals.pace': 'Rythme : {elapsed} de la période écoulée, {actual} gagnés (objectif à date {planned}){projection}.',
  'goals.projected': ', projection {projected} : {verdict}',
  'goals.onTrack': 'dans les temps',
  'goals.behind': 'en retard',
  'goals.capacity': 'Capacité : les ventes peuvent traiter {capacity} leads par mois ; l’accord leur envoie {mqls} MQL par mois ({gap}).',
  'goals.spare': 'marge de {n}',
  'goals.tooMany': '{n} de trop',
  'goals.stage.won': 'Affaires gagnées',
  'goals.stage.opportunity': 'Opportunités',
  'goals.stage.sql': 'SQL',
  'goals.stage.sal': 'SAL',
  'goals.stage.mql': 'MQL',
  'goals.stage.lead': 'Leads',
  'goals.stage.visitor': 'Visiteurs',
  // The engine's words in the reverse funnel.
  'goals.source.entered': 'montant saisi',
  "goals.source.the export's won deals": 'moyenne des affaires gagnées de l’export',
  'goals.source.planned': 'prévu',
  'goals.source.measured': 'mesuré',
  'goals.missingRate': '{from} → {to} : aucun taux prévu, et les données ne permettent pas de le mesurer',

  'kpi.none': 'Aucune donnée.',
  'kpi.notAvailable': 'non disponible : {why}',
  'kpi.interval': '{hits}/{of} · {low}–{high}',
  'kpi.count': '{hits}/{of}',
  'kpi.met': 'atteint (objectif {target})',
  'kpi.missed': 'non atteint (objectif {target})',
  'kpi.target': 'objectif {target}',
  'kpi.hours': '{n}\u00a0h',
  'kpi.days': '{n}\u00a0j',
  'kpi.velocity': 'Vélocité : jours entre les stades (médiane, 90ᵉ centile)',
  'kpi.velocityItem': '{from} → {to} : {median}, {p90} ({n} leads)',
  'kpi.byCohort': 'Par mois de création',
  'kpi.bySource': 'Par source de lead',
  'kpi.byGrade': 'Par note d’adéquation',
  'kpi.col.leads': 'Leads',
  'kpi.col.mql': '→ MQL',
  'kpi.col.sql': '→ SQL',
  'kpi.col.won': '→ gagné',
  'kpi.rateTitle': '{hits} sur {of} ; intervalle à 95 % : {low}–{high}',
  'kpi.noSource': '(aucune)',
  'kpi.step.create': 'création',
  'kpi.step.mql': 'MQL',
  'kpi.step.sql': 'SQL',
  'kpi.step.opportunity': 'opportunité',
  'kpi.step.customer': 'client',
  'kpi.review.kpi': 'Indicateur',
  'kpi.review.period': '{label} ({n} leads)',
  'kpi.review.change': 'Évolution',
  'kpi.review.points': '{n} pt',
  'kpi.needs': 'nécessite la colonne {columns}',
  'kpi.needsMany': 'nécessite les colonnes {columns}',
  'kpi.and': ' et ',
  // The KPIs, by the engine's id (crate/goals/kpis.rs). In English the engine's own name and
  // definition are shown.
  'kpi.name.mql_acceptance_rate': 'Taux d’acceptation des MQL',
  'kpi.def.mql_acceptance_rate': 'Leads acceptés par les ventes (SAL ou au-delà), parmi les leads transmis.',
  'kpi.name.first_touch_within_sla': 'Premier contact dans le délai du SLA',
  'kpi.def.first_touch_within_sla': 'Leads transmis contactés une première fois dans le délai, parmi ceux contactés ou en retard.',
  'kpi.name.recycle_rate': 'Taux de recyclage',
  'kpi.def.recycle_rate': 'Leads transmis renvoyés au marketing.',
  'kpi.name.disqualification_rate': 'Taux de disqualification',
  'kpi.def.disqualification_rate': 'Leads exclus par les règles de disqualification.',
  'kpi.name.lead_to_mql': 'Taux de conversion lead → MQL',
  'kpi.def.lead_to_mql': 'Leads arrivés au stade MQL ou au-delà dans l’export.',
  'kpi.name.mql_to_sql': 'Taux de conversion MQL → SQL',
  'kpi.def.mql_to_sql': 'MQL arrivés au stade SQL ou au-delà.',
  'kpi.name.sql_to_won': 'Taux de conversion SQL → gagné',
  'kpi.def.sql_to_won': 'SQL devenus clients.',
  'kpi.name.speed_to_lead_median_hours': 'Délai de premier contact (médiane)',
  'kpi.def.speed_to_lead_median_hours': 'Heures ouvrées entre la transmission et le premier contact, médiane.',
  'kpi.name.speed_to_lead_p90_hours': 'Délai de premier contact (90ᵉ centile)',
  'kpi.def.speed_to_lead_p90_hours': 'Heures ouvrées entre la transmission et le premier contact, 90ᵉ centile.',
  'kpi.name.overdue_now': 'Leads en retard actuellement',
  'kpi.def.overdue_now': 'Leads transmis, pas encore contactés, dont le délai est dépassé.',
  'kpi.name.attempts_per_week': 'Fréquence des tentatives (médiane)',
  'kpi.def.attempts_per_week': 'Tentatives de contact par semaine depuis la transmission, par lead transmis, médiane.',
  'kpi.name.attempts_per_lead': 'Tentatives de contact par lead',
  'kpi.def.attempts_per_lead': 'Activités commerciales par lead transmis, moyenne.',

  'data.source': '{label} · {rows} leads · {columns} colonnes',
  'data.fmt.xlsx': 'Classeur Excel, feuille « {sheet} »',
  'data.fmt.json': 'Enregistrements JSON',
  'data.fmt.text': 'Texte {delimited}, {encoding}{repaired}',
  'data.fmt.repaired': ' (accents corrompus réparés)',
  'data.fmt.size': '{format} · {size}',
  'data.delim.comma': 'séparé par des virgules',
  'data.delim.semicolon': 'séparé par des points-virgules',
  'data.delim.tab': 'séparé par des tabulations',
  'data.delim.pipe': 'séparé par des barres verticales',
  'data.delim.other': 'délimité',
  'data.problems': '{n} problème(s) · {rows} ligne(s) écartée(s)',
  'data.line': 'ligne {n}',
  'data.loaded': '{done} sur {total} · {rows} lignes',
  'data.act.events': '{events} événements : {matched} rattachés aux leads par {key} (« {column} »)',
  'data.act.eventsFrom': '{events} événements de {name} : {matched} rattachés aux leads par {key} (« {column} »)',
  'data.act.email': 'e-mail',
  'data.act.id': 'identifiant',
  'data.act.unmatched': '{n} sans lead correspondant (p. ex. {examples})',
  'data.act.withoutTime': '{n} sans date',
  'data.act.types': 'types : {types}',
  'data.act.type': '{kind} {n}',
  'data.act.end': '{parts}.',
  // The engine's problem kinds (its labels are shown in English).
  'data.problem.encoding': 'Caractères illisibles',
  'data.problem.header': 'Noms de colonnes',
  'data.problem.short-row': 'Lignes avec des cellules manquantes (conservées)',
  'data.problem.broken-row': 'Lignes écartées',
  'data.problem.long-cell': 'Cellules coupées à 1 Mio (lignes conservées)',
  'data.problem.type-mismatch': 'Valeurs qui ne correspondent pas à leur colonne (lues comme vides)',
  'data.problem.note': 'Comment les données ont été lues',

  'unit.ms': '{n}\u00a0ms',
  'unit.b': '{n}\u00a0o',
  'unit.kb': '{n}\u00a0ko',
  'unit.mb': '{n}\u00a0Mo',
  'unit.gb': '{n}\u00a0Go',

  // The engine's rule notes in "Why this score?".
  'explain.note.halfLife': 'événements amortis avec une demi-vie de {days} jours',
  'explain.note.step': 'les événements perdent {percent} tous les {days} jours',
  'explain.note.cap': 'plafonné à {max}',
};

// The agreement's stages under their built-in names (the presets'); a name the agreement
// changed is shown as the agreement has it.
const STAGES = {
  subscriber: { en: 'Subscriber', fr: 'Abonné' },
  lead: { en: 'Lead', fr: 'Lead' },
  mql: { en: 'Marketing qualified lead', fr: 'Lead qualifié marketing (MQL)' },
  sal: { en: 'Sales accepted lead', fr: 'Lead accepté par les ventes (SAL)' },
  sql: { en: 'Sales qualified lead', fr: 'Lead qualifié ventes (SQL)' },
  opportunity: { en: 'Opportunity', fr: 'Opportunité' },
  customer: { en: 'Customer', fr: 'Client' },
  disqualified: { en: 'Disqualified', fr: 'Disqualifié' },
  recycled: { en: 'Recycled', fr: 'Recyclé' },
};
// Short stage names, for one lead's line.
const SHORT = {
  subscriber: { en: 'subscriber', fr: 'abonné' },
  lead: { en: 'lead', fr: 'lead' },
  mql: { en: 'MQL', fr: 'MQL' },
  sal: { en: 'SAL', fr: 'SAL' },
  sql: { en: 'SQL', fr: 'SQL' },
  opportunity: { en: 'opportunity', fr: 'opportunité' },
  customer: { en: 'customer', fr: 'client' },
  disqualified: { en: 'disqualified', fr: 'disqualifié' },
  recycled: { en: 'recycled', fr: 'recyclé' },
};
// The presets' nurture tracks; another track shows its id.
const TRACKS = {
  're-engage': { en: 'Re-engage', fr: 'Relance' },
  decision: { en: 'Decision', fr: 'Décision' },
  consideration: { en: 'Consideration', fr: 'Considération' },
  awareness: { en: 'Awareness', fr: 'Découverte' },
};
for (const [table, prefix] of [[STAGES, 'life.stageName.'], [SHORT, 'life.stageShort.'], [TRACKS, 'life.trackName.']]) {
  for (const [id, names] of Object.entries(table)) {
    en[prefix + id] = names.en;
    fr[prefix + id] = names.fr;
  }
}

// French spacing (no-break spaces before : ; ? ! % and inside « ») is added by addStrings.
addStrings({ en, fr });

/** Whether `key` has a text in the current language (or in English). */
const has = (key) => t(key) !== key;

/**
 * Text the engine gave in English, in the current language: the page's translation under `key`
 * when there is one (French only), else the engine's own text.
 */
export function fromEngine(key, text, vars) {
  if (lang() === 'en' || !has(key)) return text;
  return t(key, vars);
}

/**
 * One of the engine's English sentences, in the current language: when `text` matches
 * `pattern`, `build(match)` gives the translation (it is only called outside English);
 * otherwise, and in English, the engine's text.
 */
export function engineSentence(text, pattern, build) {
  if (lang() === 'en' || typeof text !== 'string') return text;
  const m = text.match(pattern);
  return m ? build(m) : text;
}

/** A stage's name: the agreement's own name if it changed it, else the built-in one. */
export function stageName(id, given) {
  if (given && typeof given === 'object') return pick(given);
  const known = STAGES[id];
  if (!known) return given || id;
  if (!given || given === known.en || given === known.fr) return t(`life.stageName.${id}`);
  return given;
}

/** A stage's short name (a lead's line), or the id as it is. */
export const stageShort = (id) => (SHORT[id] ? t(`life.stageShort.${id}`) : id);

/** A nurture track's name for the presets' tracks, else its id. */
export const trackName = (id) => (TRACKS[id] ? t(`life.trackName.${id}`) : id);

/** "a and b" from the engine → the current language's list ("a et b"). */
export const columnList = (text) => text.split(' and ').join(t('kpi.and'));

/** The engine's "needs column X and Y", in the current language. */
export function needsColumns(text) {
  return engineSentence(text, /^needs column (.+)$/, (m) => {
    const many = m[1].includes(' and ');
    return t(many ? 'kpi.needsMany' : 'kpi.needs', { columns: columnList(m[1]) });
  });
}
