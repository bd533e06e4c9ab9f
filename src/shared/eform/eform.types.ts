/**
 * E-form definitions (biểu mẫu điện tử): one per procedure version, stored as plain JSON.
 *
 * A definition is a JSON Schema (a documented subset of draft 2020-12, root `type: "object"`) for the data, plus
 * UI hints: sections, bilingual labels, widgets, options, conditional visibility and registry bindings.
 *
 * Shape of the data:
 * - Top-level properties are the fields. Plain nested objects are not supported; sections do the grouping.
 * - A repeatable group (e.g. the children of an applicant) is a property of `type: "array"` whose `items` is an
 *   object schema. Its UI entry has `widget: "repeat"` and its own `itemFields` map (label, widget … for every item
 *   property). Error paths address items by 0-based index: `children[1].fullName`.
 * - A multiple choice is an array of scalars with `widget: "checkbox"` and `options`.
 * - Unknown fields are always refused (`additionalProperties` may only be absent or `false`).
 *
 * Supported schema keywords (anything else is refused by `parseDefinition`, so nothing is silently ignored):
 * - every schema: `title`, `description`, `$comment`, `examples`;
 * - root: `$schema` (must be the 2020-12 URI if present), `$id`, `type: "object"`, `properties`, `required`,
 *   `additionalProperties: false`; item objects: the same without `$schema`/`$id`;
 * - string: `minLength`, `maxLength`, `pattern` (ECMAScript, unanchored as in JSON Schema), `format`, `enum`, `const`;
 * - number / integer: `minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum`, `multipleOf`, `enum`, `const`;
 * - boolean: `const` (e.g. `const: true` for a declaration the applicant must tick);
 * - array: `items`, `minItems`, `maxItems`, `uniqueItems`.
 * Formats: `date` (ISO `YYYY-MM-DD`), `email`, and the Vietnamese ones below. A widget implies its format.
 */

export interface LocalizedText {
  vi: string;
  en: string;
}

export const EFORM_WIDGETS = [
  'text',
  'textarea',
  'number',
  'date',
  'select',
  'radio',
  'checkbox',
  'adminUnit',
  'personalId',
  'enterpriseCode',
  'phone',
  'email',
  'repeat',
] as const;
export type EFormWidget = (typeof EFORM_WIDGETS)[number];

/**
 * - `vn-personal-id`: 12-digit personal identification number (số định danh cá nhân).
 * - `vn-enterprise-code`: 10-digit enterprise code (mã số doanh nghiệp = tax code), optionally `-NNN` for a branch.
 * - `vn-phone`: Vietnamese mobile or landline, stored as `0…` (10 or 11 digits).
 * - `vn-admin-unit`: 5-digit commune code of the statistics office; existence is checked by an injected lookup.
 */
export const EFORM_FORMATS = ['date', 'email', 'vn-personal-id', 'vn-enterprise-code', 'vn-phone', 'vn-admin-unit'] as const;
export type EFormFormat = (typeof EFORM_FORMATS)[number];

export type JsonScalar = string | number | boolean;

export interface SchemaAnnotations {
  title?: string;
  description?: string;
  $comment?: string;
  examples?: unknown[];
}

export interface StringSchema extends SchemaAnnotations {
  type: 'string';
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: EFormFormat;
  enum?: string[];
  const?: string;
}

export interface NumberSchema extends SchemaAnnotations {
  type: 'number' | 'integer';
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  enum?: number[];
  const?: number;
}

export interface BooleanSchema extends SchemaAnnotations {
  type: 'boolean';
  const?: boolean;
}

export type ScalarSchema = StringSchema | NumberSchema | BooleanSchema;

/** Multiple choice: an array of scalars (shown as check boxes). */
export interface ScalarArraySchema extends SchemaAnnotations {
  type: 'array';
  items: ScalarSchema;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
}

/** The object schema of one entry of a repeatable group. */
export interface ItemObjectSchema extends SchemaAnnotations {
  type: 'object';
  properties: Record<string, ScalarSchema | ScalarArraySchema>;
  required?: string[];
  additionalProperties?: false;
}

/** Repeatable group (nhóm lặp lại), e.g. the list of children. */
export interface ObjectArraySchema extends SchemaAnnotations {
  type: 'array';
  items: ItemObjectSchema;
  minItems?: number;
  maxItems?: number;
}

export type FieldSchema = ScalarSchema | ScalarArraySchema | ObjectArraySchema;

export interface JSONSchemaObject extends SchemaAnnotations {
  $schema?: 'https://json-schema.org/draft/2020-12/schema';
  $id?: string;
  type: 'object';
  properties: Record<string, FieldSchema>;
  required?: string[];
  additionalProperties?: false;
}

/**
 * Show the field only when another field has a value. Exactly one operator.
 * `field` names a field of the same group; inside a repeat item it names a sibling item field first, and a
 * top-level field otherwise. When the controlling field is a multiple choice (array), `equals` means
 * "contains" and `in` means "contains any". A field whose controller is hidden is hidden too.
 */
export type VisibleIf =
  | { field: string; equals: JsonScalar }
  | { field: string; in: JsonScalar[] }
  | { field: string; notEmpty: true };

/**
 * A fixed list of choices kept in `src/shared/reference`, for a `select` without its own `options`:
 * `vn-ethnic-groups` (the 54 ethnic groups, GSO list) and `countries` (ISO 3166-1, Vietnamese names stored).
 */
export const EFORM_OPTION_LISTS = ['vn-ethnic-groups', 'countries'] as const;
export type EFormOptionList = (typeof EFORM_OPTION_LISTS)[number];

/** A date bound: `today` (the day of checking, Vietnam time) or a fixed ISO date. */
export type DateBound = 'today' | string;

export interface EFormOption {
  value: JsonScalar;
  label: LocalizedText;
}

export interface EFormFieldUi {
  label: LocalizedText;
  help?: LocalizedText;
  /** Defaults from the schema: enum → select, boolean → checkbox, array of objects → repeat, format → its widget. */
  widget?: EFormWidget;
  /** Required for select and radio, and for a multiple-choice checkbox. Must match the schema `enum` if there is one. */
  options?: EFormOption[];
  visibleIf?: VisibleIf;
  /** `select` only: take the choices from a shared reference list instead of `options`. */
  optionList?: EFormOptionList;
  /** Date fields only: the latest date accepted (`today`: no date in the future). */
  notAfter?: DateBound;
  /** Date fields only: the earliest date accepted. */
  notBefore?: DateBound;
  /** Sort key among the item fields of a repeat group (top-level fields are ordered by their section). */
  order?: number;
  /**
   * Registry attribute this field is prefilled from, by name (`population.fullName`, `business.name`, …).
   * The prefill itself is done by the registry module; a bound field is locked unless `editable` is true.
   */
  registryBinding?: string;
  /** Prefilled from the registry but the applicant may change it. Only meaningful with `registryBinding`. */
  editable?: boolean;
  /** Repeat groups only: UI of every item property. */
  itemFields?: Record<string, EFormFieldUi>;
  /** Repeat groups only: name of one entry, used in messages ("Người con 2"). */
  itemLabel?: LocalizedText;
}

export interface EFormSection {
  id: string;
  title: LocalizedText;
  description?: LocalizedText;
  /** Top-level field names in display order. Every field is in exactly one section. */
  fields: string[];
}

export interface EFormUi {
  sections: EFormSection[];
  fields: Record<string, EFormFieldUi>;
}

export interface EFormDefinition {
  schema: JSONSchemaObject;
  ui: EFormUi;
}

export type DefinitionProblemCode =
  | 'not_object'
  | 'unknown_key'
  | 'unsupported_keyword'
  | 'keyword_type'
  | 'bad_field_name'
  | 'required_unknown'
  | 'range_conflict'
  | 'bad_pattern'
  | 'unknown_format'
  | 'bad_enum'
  | 'ui_field_unknown'
  | 'ui_field_missing'
  | 'section_invalid'
  | 'section_unknown_field'
  | 'field_not_in_section'
  | 'field_in_two_sections'
  | 'bad_text'
  | 'bad_widget'
  | 'widget_type_mismatch'
  | 'widget_format_conflict'
  | 'options_missing'
  | 'options_invalid'
  | 'options_enum_mismatch'
  | 'options_not_allowed'
  | 'visible_if_invalid'
  | 'visible_if_unknown_field'
  | 'visible_if_value'
  | 'visible_if_cycle'
  | 'bad_binding'
  | 'bad_option_list'
  | 'bad_date_bound'
  | 'editable_without_binding'
  | 'item_fields_invalid';

/** A reason a definition cannot be published. `path` points into the definition, e.g. `ui.fields.fullName.label.en`. */
export interface DefinitionProblem {
  path: string;
  code: DefinitionProblemCode;
  message: LocalizedText;
}

export type ParseDefinitionResult =
  | { ok: true; definition: EFormDefinition }
  | { ok: false; problems: DefinitionProblem[] };

export type ValidationErrorCode =
  | 'not_object'
  | 'unknown_field'
  | 'required'
  | 'hidden_field_provided'
  | 'type'
  | 'enum'
  | 'const'
  | 'min_length'
  | 'max_length'
  | 'pattern'
  | 'minimum'
  | 'maximum'
  | 'multiple_of'
  | 'min_items'
  | 'max_items'
  | 'unique_items'
  | 'date'
  | 'date_after'
  | 'date_before'
  | 'email'
  | 'personal_id'
  | 'enterprise_code'
  | 'phone'
  | 'admin_unit'
  | 'admin_unit_unknown'
  | 'registry_mismatch';

/** Same shape as the platform's problem+json field errors. `field` is a path: `fullName`, `children[1].fullName`. */
export interface FieldError {
  field: string;
  code: ValidationErrorCode;
  message: LocalizedText;
}

export type ValidationResult =
  | { ok: true; data: Record<string, unknown> }
  | { ok: false; errors: FieldError[] };

export interface ValidateOptions {
  /** Existence check for `adminUnit` fields (the server passes a lookup in the admin-unit table). */
  adminUnitExists?: (code: string) => boolean;
  /**
   * Values the server prefilled from a registry, by top-level field name. A locked bound field
   * (`registryBinding` without `editable: true`) whose submitted value differs is refused.
   */
  prefilled?: Record<string, unknown>;
  /** The day `today` means in date bounds (ISO, Vietnam time); defaults to the current day in Vietnam. */
  today?: string;
}
