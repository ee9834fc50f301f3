// Declarations of elements.js: importing it defines <accord-workbench> and <accord-summary>.
import type { Results } from './pkg/accord.js';

/** The whole workbench in a frame. Attributes: agreement (URL), data (URL or "sample"), lang. */
export declare class AccordWorkbench extends HTMLElement {
  /** The framed page's address, built from the attributes. */
  readonly src: string;
}

/**
 * KPI tiles and the fit × interest matrix, read-only. Attributes: agreement (URL), data (URL or
 * "sample"), lang. Events: accord-loading, accord-ready (detail: { results }), accord-error
 * (detail: { message }); `data-state` is loading, ready or error.
 */
export declare class AccordSummary extends HTMLElement {
  /** The engine's last results for the element's agreement and data. */
  readonly results: Results | null;
}

declare global {
  interface HTMLElementTagNameMap {
    'accord-workbench': AccordWorkbench;
    'accord-summary': AccordSummary;
  }
}
