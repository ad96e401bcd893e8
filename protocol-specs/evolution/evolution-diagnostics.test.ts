/** evolutionDiagnostics: what a new version may not do to the one it replaces, pointed at in the new spec. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exampleProtocol } from '../../test/helpers/examples.ts';
import { diffProtocols } from './diff.ts';
import { EVOLUTION_RULES, evolutionDiagnostics } from './evolution-diagnostics.ts';
import { edited } from './spec-edits.test-helpers.ts';

const chiro = exampleProtocol('chiro_gites');
const flore = exampleProtocol('flore_quadrats');
const rulesAndPaths = (ds: readonly { rule: string; path: string }[]) => ds.map((d) => [d.rule, d.path]);

describe('evolutionDiagnostics', () => {
  it('accepts the same protocol, and a raised version with or without changes', () => {
    expect(evolutionDiagnostics(chiro, chiro)).toEqual([]);
    const v2 = edited('chiro_gites', (e) => {
      e.spec.version = 2;
    });
    expect(evolutionDiagnostics(chiro, v2)).toEqual([]);
    const relabelled = edited('chiro_gites', (e) => {
      e.spec.version = 2;
      e.spec.label.fr = 'Gîtes';
    });
    expect(evolutionDiagnostics(chiro, relabelled)).toEqual([]);
  });

  it('refuses a change whose version was not raised, even one the diff does not list', () => {
    const relabelled = edited('chiro_gites', (e) => {
      e.spec.label.fr = 'Gîtes';
    });
    const found = evolutionDiagnostics(chiro, relabelled);
    expect(rulesAndPaths(found)).toEqual([['version-not-raised', '/version']]);
    expect(found[0]?.message).toContain('give it version 2');
    // A rule rewritten with other spacing is the same rule to the diff, and still a new spec.
    const respaced = edited('chiro_gites', (e) => {
      e.field('visit', 'visit_start').required = "value.visit_method=='EMERGENCE'";
    });
    expect(diffProtocols(chiro, respaced).changes).toEqual([]);
    expect(rulesAndPaths(evolutionDiagnostics(chiro, respaced))).toEqual([
      ['version-not-raised', '/version'],
    ]);
  });

  it('refuses a lowered version', () => {
    const v2 = edited('chiro_gites', (e) => {
      e.spec.version = 2;
    });
    expect(rulesAndPaths(evolutionDiagnostics(v2, chiro))).toEqual([['version-lowered', '/version']]);
  });

  it('refuses a new code', () => {
    const renamed = edited('chiro_gites', (e) => {
      e.spec.code = 'chiro_roosts';
      e.spec.version = 2;
    });
    expect(rulesAndPaths(evolutionDiagnostics(chiro, renamed))).toEqual([['code-changed', '/code']]);
  });

  it('refuses a field id that now names a level', () => {
    const next = edited('flore_quadrats', (e) => {
      e.spec.version = 2;
      e.removeField('campaign', 'campaign_notes');
      e.spec.levels.push({
        id: 'campaign.notes',
        key: 'note',
        type: 'custom',
        label: 'Note',
        fields: [{ id: 'note.text', key: 'text', kind: 'text', label: 'Texte' }],
      });
    });
    const found = evolutionDiagnostics(flore, next);
    expect(rulesAndPaths(found)).toEqual([['id-reused', '/levels/5']]);
    expect(found[0]?.message).toMatch(/named a field \("campaign_notes"\).*now names a level \("note"\)/);
  });

  it('refuses a field moved to another level under its id', () => {
    const next = edited('chiro_gites', (e) => {
      e.spec.version = 2;
      e.level('observation').fields.push(e.removeField('visit', 'outside_temperature'));
    });
    const found = evolutionDiagnostics(chiro, next);
    expect(rulesAndPaths(found)).toEqual([['id-reused', '/levels/2/fields/13']]);
    expect(found[0]?.message).toContain(
      'belonged to level "visit" in version 1 and now to level "observation"',
    );
  });

  it('refuses a field moved into a repeatable group under its id', () => {
    const next = edited('flore_quadrats', (e) => {
      e.spec.version = 2;
      const moved = e.removeField('visit', 'vegetation_height');
      e.field('visit', 'strata_cover').fields.push(moved);
    });
    const found = evolutionDiagnostics(flore, next);
    expect(rulesAndPaths(found)).toEqual([['id-reused', '/levels/3/fields/5/fields/3']]);
    expect(found[0]?.message).toContain(
      'the record itself in version 1 and is now one of group "reading.strata_cover"',
    );
  });

  it('refuses a kind change no value survives, which the diff leaves out', () => {
    const next = edited('chiro_gites', (e) => {
      e.spec.version = 2;
      const f = e.field('observation', 'exit_point');
      f.kind = 'text';
      delete f.geometry;
    });
    const found = evolutionDiagnostics(chiro, next);
    expect(rulesAndPaths(found)).toEqual([['id-reused', '/levels/2/fields/12']]);
    expect(found[0]?.message).toContain('was a geometry field ("exit_point") and is now a text field');
    expect(diffProtocols(chiro, next).changes.map((c) => c.kind)).toEqual(['protocol_version_changed']);
  });

  it('accepts a kind change with a cast', () => {
    const next = edited('chiro_gites', (e) => {
      e.spec.version = 2;
      const f = e.field('visit', 'outside_temperature');
      f.kind = 'integer';
      delete f.decimals;
    });
    expect(evolutionDiagnostics(chiro, next)).toEqual([]);
  });

  it('has every rule documented in docs/spec.md', () => {
    const doc = readFileSync(new URL('../../docs/spec.md', import.meta.url), 'utf8');
    expect(Object.keys(EVOLUTION_RULES).filter((r) => !doc.includes(`\`${r}\``))).toEqual([]);
  });
});
