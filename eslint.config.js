import path from 'node:path';
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const ROOT = path.dirname(fileURLToPath(import.meta.url));
const MODULES = 'src/modules/';

/** `src/modules/<name>/…` → { name, rest } for a path relative to the repository root, else null. */
function moduleOf(rel) {
  if (!rel.startsWith(MODULES)) return null;
  const [name, ...rest] = rel.slice(MODULES.length).split('/');
  return { name, rest: rest.join('/') };
}

/**
 * The house rules on module boundaries (architecture.md), checked on every relative import and re-export:
 * - a module's tables are private: no file outside module X imports X's `*.schema` files;
 * - a module is used through its `index.ts` only: `src/modules/a/**` imports nothing of `src/modules/b/` but its index;
 * - the platform never imports a module.
 */
const moduleBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Module boundaries: private schemas, index.ts as the only public face, platform below modules' },
    schema: [],
    messages: {
      schema: "'{{source}}' is module {{target}}'s table definitions: they are private to it. Use {{target}}'s index.ts (its services) instead.",
      deep: "'{{source}}' reaches past module {{target}}'s index.ts. Import from '{{index}}' (add the export there if it is meant to be public).",
      platform: "'{{source}}': src/platform never imports src/modules (modules depend on the platform, not the other way round).",
    },
  },
  create(context) {
    const file = path.relative(ROOT, context.filename).split(path.sep).join('/');
    const own = moduleOf(file);
    const check = (node, source) => {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const rel = path.relative(ROOT, path.resolve(path.dirname(context.filename), source)).split(path.sep).join('/').replace(/\.(ts|tsx|js)$/, '');
      const target = moduleOf(rel);
      if (!target) return;
      const data = { source, target: target.name, index: `${MODULES}${target.name}` };
      if (file.startsWith('src/platform/')) return context.report({ node, messageId: 'platform', data });
      if (own?.name === target.name) return;
      if (/\.schema$/.test(rel)) return context.report({ node, messageId: 'schema', data });
      if (own && target.rest !== '' && target.rest !== 'index') context.report({ node, messageId: 'deep', data });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};

export default tseslint.config(
  { ignores: ['node_modules', 'dist', 'data', 'web/dist', 'drizzle/meta', 'coverage', 'test-results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  { files: ['**/*.js'], languageOptions: { globals: { process: 'readonly', console: 'readonly' } } },
  {
    files: ['src/**/*.{ts,tsx}', 'test/**/*.ts'],
    plugins: { motcua: { rules: { 'module-boundaries': moduleBoundaries } } },
    rules: { 'motcua/module-boundaries': 'error' },
  },
  {
    // Errors are declared once, in errors files, with declareError: nothing else builds an AppError.
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.errors.ts', 'src/platform/http/errors.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='AppError']", message: 'Declare the error once in the module’s *.errors.ts with declareError(code, status, { vi, en }) and throw its factory.' },
        {
          selector: "CallExpression[callee.object.name='errors'][callee.property.name=/^(badRequest|conflict|unprocessable)$/]",
          message: 'errors.badRequest/conflict/unprocessable are deprecated: declare the code with declareError in the module’s *.errors.ts.',
        },
      ],
    },
  },
);
