import { describe, expect, it } from 'vitest';
import { parseDefinition } from './eform.definition';
import { sampleDefinition } from './eform.fixture';
import type { DefinitionProblem, DefinitionProblemCode } from './eform.types';

/** Parses a mutated copy of the sample definition and returns its problems. */
function problemsAfter(mutate: (d: any) => void): DefinitionProblem[] {
  const d: any = sampleDefinition();
  mutate(d);
  const r = parseDefinition(d);
  return r.ok ? [] : r.problems;
}

function expectProblem(mutate: (d: any) => void, code: DefinitionProblemCode, path?: string) {
  const problems = problemsAfter(mutate);
  const hit = problems.find((p) => p.code === code && (path === undefined || p.path === path));
  expect(hit, `expected ${code}${path ? ` at ${path}` : ''}, got ${JSON.stringify(problems.map((p) => [p.code, p.path]))}`).toBeDefined();
  expect(hit!.message.vi.length).toBeGreaterThan(0);
  expect(hit!.message.en.length).toBeGreaterThan(0);
}

describe('parseDefinition — valid', () => {
  it('accepts the sample definition and returns a copy', () => {
    const input = sampleDefinition();
    const r = parseDefinition(input);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.definition).toEqual(input);
    expect(r.definition).not.toBe(input);
  });
  it('accepts a minimal form without $schema', () => {
    const r = parseDefinition({
      schema: { type: 'object', properties: { name: { type: 'string' } } },
      ui: { sections: [{ id: 'a', title: { vi: 'A', en: 'A' }, fields: ['name'] }], fields: { name: { label: { vi: 'Tên', en: 'Name' } } } },
    });
    expect(r.ok).toBe(true);
  });
});

describe('parseDefinition — problems', () => {
  it('refuses a non-object', () => {
    const r = parseDefinition('form');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0].code).toBe('not_object');
    expect(parseDefinition(null).ok).toBe(false);
    expect(parseDefinition([]).ok).toBe(false);
  });
  it('refuses unknown top-level keys', () => expectProblem((d) => (d.version = 2), 'unknown_key', 'version'));
  it('refuses a schema that is not an object', () => expectProblem((d) => (d.schema = 'x'), 'not_object', 'schema'));
  it('refuses a root type other than object', () => expectProblem((d) => (d.schema.type = 'array'), 'keyword_type', 'schema.type'));
  it('refuses a wrong $schema', () =>
    expectProblem((d) => (d.schema.$schema = 'http://json-schema.org/draft-07/schema#'), 'keyword_type', 'schema.$schema'));
  it('refuses empty properties', () => expectProblem((d) => (d.schema.properties = {}), 'keyword_type', 'schema.properties'));
  it('refuses keywords outside the subset', () => {
    expectProblem((d) => (d.schema.properties.fullName.$ref = '#/x'), 'unsupported_keyword', 'schema.properties.fullName.$ref');
    expectProblem((d) => (d.schema.oneOf = []), 'unsupported_keyword', 'schema.oneOf');
    expectProblem((d) => (d.schema.properties.copies.minLength = 1), 'unsupported_keyword', 'schema.properties.copies.minLength');
  });
  it('refuses additionalProperties other than false', () =>
    expectProblem((d) => (d.schema.additionalProperties = true), 'unsupported_keyword', 'schema.additionalProperties'));
  it('refuses an unknown type', () => expectProblem((d) => (d.schema.properties.note.type = 'text'), 'keyword_type', 'schema.properties.note.type'));
  it('refuses nested objects', () =>
    expectProblem((d) => (d.schema.properties.note = { type: 'object', properties: { a: { type: 'string' } } }), 'unsupported_keyword', 'schema.properties.note'));
  it('refuses arrays without items', () => expectProblem((d) => delete d.schema.properties.channels.items, 'keyword_type', 'schema.properties.channels.items'));
  it('refuses bad keyword values', () => {
    expectProblem((d) => (d.schema.properties.fullName.minLength = -1), 'keyword_type', 'schema.properties.fullName.minLength');
    expectProblem((d) => (d.schema.properties.copies.minimum = '1'), 'keyword_type', 'schema.properties.copies.minimum');
    expectProblem((d) => (d.schema.properties.copies.multipleOf = 0), 'keyword_type', 'schema.properties.copies.multipleOf');
    expectProblem((d) => (d.schema.properties.fullName.title = 5), 'keyword_type', 'schema.properties.fullName.title');
  });
  it('refuses contradictory ranges', () => {
    expectProblem((d) => Object.assign(d.schema.properties.fullName, { minLength: 10, maxLength: 5 }), 'range_conflict');
    expectProblem((d) => Object.assign(d.schema.properties.copies, { minimum: 10, maximum: 5 }), 'range_conflict');
  });
  it('refuses an invalid pattern', () => expectProblem((d) => (d.schema.properties.postcode.pattern = '([0-9'), 'bad_pattern'));
  it('refuses an unknown format', () => expectProblem((d) => (d.schema.properties.note.format = 'uri'), 'unknown_format'));
  it('refuses a bad enum', () => {
    expectProblem((d) => (d.schema.properties.relation.enum = []), 'bad_enum');
    expectProblem((d) => (d.schema.properties.relation.enum = ['self', 'self', 'parent', 'other']), 'bad_enum');
    expectProblem((d) => (d.schema.properties.copies.enum = ['1']), 'bad_enum');
  });
  it('refuses a required field that is not in the schema', () => expectProblem((d) => d.schema.required.push('ghost'), 'required_unknown'));
  it('refuses field names that would make paths ambiguous', () =>
    expectProblem((d) => (d.schema.properties['children[].name'] = { type: 'string' }), 'bad_field_name'));
  it('refuses a ui field that is not in the schema', () =>
    expectProblem((d) => (d.ui.fields.ghost = { label: { vi: 'Ma', en: 'Ghost' } }), 'ui_field_unknown', 'ui.fields.ghost'));
  it('refuses a schema field without ui (label)', () => expectProblem((d) => delete d.ui.fields.note, 'ui_field_missing', 'ui.fields.note'));
  it('refuses a section referring to an unknown field', () =>
    expectProblem((d) => d.ui.sections[0].fields.push('ghost'), 'section_unknown_field', 'ui.sections[0].fields[6]'));
  it('refuses a field placed in no section', () =>
    expectProblem((d) => (d.ui.sections[1].fields = d.ui.sections[1].fields.filter((f: string) => f !== 'note')), 'field_not_in_section', 'ui.fields.note'));
  it('refuses a field placed twice', () => expectProblem((d) => d.ui.sections[3].fields.push('note'), 'field_in_two_sections'));
  it('refuses duplicate or missing section ids and empty sections', () => {
    expectProblem((d) => (d.ui.sections[1].id = 'applicant'), 'section_invalid', 'ui.sections[1].id');
    expectProblem((d) => (d.ui.sections = []), 'section_invalid', 'ui.sections');
    expectProblem((d) => d.ui.sections.push({ id: 'empty', title: { vi: 'Trống', en: 'Empty' }, fields: [] }), 'section_invalid');
  });
  it('refuses a section title without English', () => expectProblem((d) => (d.ui.sections[0].title = { vi: 'Người yêu cầu' }), 'bad_text', 'ui.sections[0].title'));
  it('refuses a label missing its en or vi text', () => {
    expectProblem((d) => delete d.ui.fields.fullName.label.en, 'bad_text', 'ui.fields.fullName.label');
    expectProblem((d) => (d.ui.fields.fullName.label.vi = '  '), 'bad_text', 'ui.fields.fullName.label');
    expectProblem((d) => (d.ui.fields.fullName.label = 'Họ tên'), 'bad_text', 'ui.fields.fullName.label');
  });
  it('refuses help text missing a language', () => expectProblem((d) => (d.ui.fields.otherRelation.help = { en: 'x' }), 'bad_text', 'ui.fields.otherRelation.help'));
  it('refuses an option label missing a language', () =>
    expectProblem((d) => (d.ui.fields.relation.options[0].label = { vi: 'Bản thân', en: '' }), 'bad_text', 'ui.fields.relation.options[0].label'));
  it('refuses a select or radio without options', () => {
    expectProblem((d) => delete d.ui.fields.relation.options, 'options_missing', 'ui.fields.relation.options');
    expectProblem((d) => (d.ui.fields.relation.options = []), 'options_missing', 'ui.fields.relation.options');
    expectProblem((d) => delete d.ui.fields.channels.options, 'options_missing', 'ui.fields.channels.options');
  });
  it('refuses options that do not match the enum', () =>
    expectProblem((d) => d.ui.fields.relation.options.pop(), 'options_enum_mismatch', 'ui.fields.relation.options'));
  it('refuses options of the wrong type, duplicated, or on a text field', () => {
    expectProblem((d) => (d.ui.fields.relation.options[0].value = 1), 'options_invalid', 'ui.fields.relation.options[0]');
    expectProblem((d) => (d.ui.fields.relation.options[1].value = 'self'), 'options_invalid', 'ui.fields.relation.options');
    expectProblem((d) => (d.ui.fields.note.options = [{ value: 'a', label: { vi: 'A', en: 'A' } }]), 'options_not_allowed');
  });
  it('refuses an unknown widget and a widget that does not fit the type', () => {
    expectProblem((d) => (d.ui.fields.note.widget = 'richtext'), 'bad_widget', 'ui.fields.note.widget');
    expectProblem((d) => (d.ui.fields.copies.widget = 'personalId'), 'widget_type_mismatch', 'ui.fields.copies.widget');
    expectProblem((d) => (d.ui.fields.note.widget = 'number'), 'widget_type_mismatch', 'ui.fields.note.widget');
    expectProblem((d) => (d.ui.fields.note.widget = 'repeat'), 'widget_type_mismatch', 'ui.fields.note.widget');
    expectProblem((d) => (d.ui.fields.children.widget = 'text'), 'widget_type_mismatch', 'ui.fields.children.widget');
  });
  it('refuses a widget that contradicts the declared format', () =>
    expectProblem((d) => (d.schema.properties.personalId.format = 'vn-phone'), 'widget_format_conflict', 'ui.fields.personalId.widget'));
  it('refuses a visibleIf on an unknown field', () =>
    expectProblem((d) => (d.ui.fields.otherRelation.visibleIf = { field: 'ghost', equals: 'x' }), 'visible_if_unknown_field', 'ui.fields.otherRelation.visibleIf.field'));
  it('refuses a malformed visibleIf', () => {
    expectProblem((d) => (d.ui.fields.otherRelation.visibleIf = { field: 'relation' }), 'visible_if_invalid');
    expectProblem((d) => (d.ui.fields.otherRelation.visibleIf = { field: 'relation', equals: 'other', in: ['other'] }), 'visible_if_invalid');
    expectProblem((d) => (d.ui.fields.otherRelation.visibleIf = { field: 'relation', notEmpty: false }), 'visible_if_invalid');
  });
  it('refuses a visibleIf value the controller cannot take', () => {
    expectProblem((d) => (d.ui.fields.otherRelation.visibleIf = { field: 'relation', equals: 'cousin' }), 'visible_if_value');
    expectProblem((d) => (d.ui.fields.otherRelation.visibleIf = { field: 'relation', in: [] }), 'visible_if_value');
    expectProblem((d) => (d.ui.fields.children.visibleIf = { field: 'hasChildren', equals: 'yes' }), 'visible_if_value');
  });
  it('refuses visibility rules that loop', () => {
    expectProblem((d) => (d.ui.fields.otherRelation.visibleIf = { field: 'otherRelationProof', notEmpty: true }), 'visible_if_cycle');
    expectProblem((d) => (d.ui.fields.note.visibleIf = { field: 'note', notEmpty: true }), 'visible_if_cycle');
  });
  it('refuses a bad registry binding and editable without binding', () => {
    expectProblem((d) => (d.ui.fields.fullName.registryBinding = 'fullName'), 'bad_binding');
    expectProblem((d) => (d.ui.fields.fullName.registryBinding = 'population full name'), 'bad_binding');
    expectProblem((d) => (d.ui.fields.note.editable = true), 'editable_without_binding');
  });
  it('refuses unknown ui keys', () => expectProblem((d) => (d.ui.fields.note.placeholder = 'x'), 'unknown_key', 'ui.fields.note.placeholder'));
  it('checks repeat groups: itemFields, item labels, nesting', () => {
    expectProblem((d) => delete d.ui.fields.children.itemFields, 'item_fields_invalid', 'ui.fields.children.itemFields');
    expectProblem((d) => delete d.ui.fields.children.itemFields.sex, 'ui_field_missing', 'ui.fields.children.itemFields.sex');
    expectProblem((d) => delete d.ui.fields.children.itemFields.fullName.label.vi, 'bad_text', 'ui.fields.children.itemFields.fullName.label');
    expectProblem((d) => (d.ui.fields.children.itemLabel = { vi: 'Con' }), 'bad_text', 'ui.fields.children.itemLabel');
    expectProblem(
      (d) => (d.schema.properties.children.items.properties.pets = { type: 'array', items: { type: 'object', properties: { a: { type: 'string' } } } }),
      'unsupported_keyword',
    );
    expectProblem((d) => (d.ui.fields.note.itemFields = {}), 'item_fields_invalid');
  });
  it('refuses item visibleIf on an unknown field', () =>
    expectProblem((d) => (d.ui.fields.children.itemFields.schoolName.visibleIf = { field: 'ghost', notEmpty: true }), 'visible_if_unknown_field'));
  it('reports several problems at once', () => {
    const problems = problemsAfter((d) => {
      delete d.ui.fields.note.label.en;
      d.ui.fields.ghost = { label: { vi: 'Ma', en: 'Ghost' } };
      delete d.ui.fields.relation.options;
    });
    expect(problems.map((p) => p.code).sort()).toEqual(['bad_text', 'options_missing', 'ui_field_unknown']);
  });
});
