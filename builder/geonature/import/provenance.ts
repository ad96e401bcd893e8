/**
 * Which GeoNature rule each rule slot of the spec came from, keyed by the field object itself (paths
 * change as repairs remove fields; objects do not).
 */
export interface RuleOrigin {
  readonly file: string;
  readonly path: string;
}

export class Provenance {
  private readonly slots = new WeakMap<object, Map<string, RuleOrigin>>();

  record(field: object, slot: string, origin: RuleOrigin): void {
    const slots = this.slots.get(field) ?? new Map<string, RuleOrigin>();
    slots.set(slot, { file: origin.file, path: origin.path });
    this.slots.set(field, slots);
  }

  origin(field: object, slot: string): RuleOrigin | undefined {
    return this.slots.get(field)?.get(slot);
  }

  /** Every slot of a field that holds a translated rule. */
  origins(field: object): ReadonlyMap<string, RuleOrigin> {
    return this.slots.get(field) ?? new Map();
  }
}
