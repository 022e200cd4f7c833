import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ErrorObject } from 'ajv';
import { parse } from 'yaml';

const require = createRequire(import.meta.url);

/** app-builder-lib (electron-builder's engine) ships the JSON schema it validates configs with. */
export function builderSchemaPath(): string {
  return require.resolve('app-builder-lib/scheme.json', { paths: [require.resolve('electron-builder')] });
}

export type BuilderConfig = Record<string, unknown>;

export function readBuilderConfig(path = 'electron-builder.yml'): BuilderConfig {
  return parse(readFileSync(path, 'utf8')) as BuilderConfig;
}

/** A validator for electron-builder configs: the errors, empty when the config is valid. */
export function builderConfigValidator(): (config: unknown) => ErrorObject[] {
  const schema = JSON.parse(readFileSync(builderSchemaPath(), 'utf8')) as object;
  // strict off: the schema uses keywords and formats ajv's strict mode rejects (it was written for draft-07 tooling).
  const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
  return (config) => (validate(config) ? [] : [...(validate.errors ?? [])]);
}
