// The page's words around the SLA document (the document itself comes from the engine, in the
// chosen language).
import { addStrings } from '../i18n.js';

addStrings({
  en: {
    'sla.title': 'The SLA document',
    'sla.hint': 'The seven parts of the agreement, written out with the current figures, ready to print or save as PDF.',
    'sla.print': 'Print the SLA',
    'sla.asOf': 'Figures as of {date}',
    'sla.computing': 'Writing the document…',
  },
  fr: {
    'sla.title': 'Le document SLA',
    'sla.hint': 'Les sept parties de l’accord, rédigées avec les chiffres actuels, prêtes à imprimer ou à enregistrer en PDF.',
    'sla.print': 'Imprimer le SLA',
    'sla.asOf': 'Chiffres au {date}',
    'sla.computing': 'Rédaction du document…',
  },
});
