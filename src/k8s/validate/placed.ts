/** An emitted object and the input document it comes from (what a diagnostic about it points at). */
import type { BundleEntry } from '../../bundle/types.js';
import type { EcsDocument } from '../../load/shapes.js';

export interface PlacedEntry {
  entry: BundleEntry;
  origin: EcsDocument;
}
