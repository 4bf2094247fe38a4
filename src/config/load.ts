// Merges defaults < file < ONEPROOF_* environment < command-line flags, then validates.
// Every setting has one dotted key (e.g. `execution.urls`); its flag is the key with camelCase
// turned into kebab-case (`--execution.urls`, `--data-dir`, `--jwt-secret`) and its variable the
// key in SCREAMING_SNAKE_CASE with an ONEPROOF_ prefix (`ONEPROOF_EXECUTION_URLS`, `ONEPROOF_DATA_DIR`).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defaultConfig } from './defaults.js';
import { checkGuestProgramId } from './program-id.js';
import { ConfigError, validateConfig, type OneproofConfig } from './schema.js';
import { parseToml } from './toml.js';

type Kind = 'string' | 'number' | 'boolean' | 'list';

/** Every settable key and how its text form is read. */
export const CONFIG_KEYS: Record<string, Kind> = {
  network: 'string',
  role: 'string',
  dataDir: 'string',
  logLevel: 'string',
  'execution.urls': 'list',
  'execution.rpcUrl': 'string',
  'execution.timeoutMs': 'number',
  jwtSecret: 'string',
  'engine.host': 'string',
  'engine.port': 'number',
  'engine.maxBodyBytes': 'number',
  'api.host': 'string',
  'api.port': 'number',
  'prover.workers': 'number',
  'prover.deadlineMs': 'number',
  'prover.maxAttempts': 'number',
  'prover.staleSlots': 'number',
  'prover.guestElf': 'string',
  'prover.programId': 'string',
  'prover.allowUnpinnedGuest': 'boolean',
  'prover.chainId': 'number',
  'prover.fork': 'string',
  'prover.redisUrl': 'string',
  'prover.segmentCycles': 'number',
  'prover.params': 'string',
  'p2p.enabled': 'boolean',
  'p2p.listen': 'list',
  'p2p.bootstrap': 'list',
  'beacon.url': 'string',
  'beacon.proofsPath': 'string',
  'beacon.publishAttempts': 'number',
  'beacon.retryDelayMs': 'number',
};

const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
export const flagName = (key: string) => `--${kebab(key)}`;
export const envName = (key: string) => `ONEPROOF_${kebab(key).replace(/[.-]/g, '_').toUpperCase()}`;

const FLAG_TO_KEY = new Map(Object.keys(CONFIG_KEYS).map((k) => [flagName(k), k]));

function readText(key: string, kind: Kind, text: string, where: string): unknown {
  switch (kind) {
    case 'string':
      return text;
    case 'list':
      return text.split(',').map((s) => s.trim()).filter((s) => s !== '');
    case 'boolean':
      if (text === 'true' || text === '1') return true;
      if (text === 'false' || text === '0') return false;
      throw new ConfigError(`${key} (${where}): expected true or false, got ${JSON.stringify(text)}`);
    case 'number': {
      const n = Number(text);
      if (text.trim() === '' || !Number.isFinite(n)) throw new ConfigError(`${key} (${where}): expected a number, got ${JSON.stringify(text)}`);
      return n;
    }
  }
}

function setPath(obj: Record<string, unknown>, key: string, value: unknown): void {
  const parts = key.split('.');
  let o = obj;
  for (const p of parts.slice(0, -1)) {
    if (typeof o[p] !== 'object' || o[p] === null) o[p] = {};
    o = o[p] as Record<string, unknown>;
  }
  o[parts[parts.length - 1]] = value;
}

function getPath(obj: Record<string, unknown>, key: string): unknown {
  let o: unknown = obj;
  for (const p of key.split('.')) {
    if (typeof o !== 'object' || o === null) return undefined;
    o = (o as Record<string, unknown>)[p];
  }
  return o;
}

/** Flattens a parsed file into dotted keys, rejecting unknown ones (typos must not pass silently). */
function flattenFile(obj: Record<string, unknown>, file: string, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (key in CONFIG_KEYS) {
      const kind = CONFIG_KEYS[key];
      const ok = kind === 'list' ? Array.isArray(v) : typeof v === kind;
      if (!ok) throw new ConfigError(`${key} (${file}): expected ${kind === 'list' ? 'a list' : `a ${kind}`}`);
      out.set(key, v);
    } else if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
      for (const [k2, v2] of flattenFile(v as Record<string, unknown>, file, key)) out.set(k2, v2);
    } else {
      throw new ConfigError(`unknown setting ${key} in ${file}`);
    }
  }
  return out;
}

export function readConfigFile(file: string): Map<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(`cannot read config file ${file}: ${(e as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = file.endsWith('.toml') ? parseToml(text) : JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`config file ${file} is not valid ${file.endsWith('.toml') ? 'TOML' : 'JSON'}: ${(e as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new ConfigError(`config file ${file}: expected an object`);
  return flattenFile(parsed as Record<string, unknown>, file);
}

export interface ParsedFlags {
  values: Map<string, unknown>;
  configFile?: string;
}

/** Reads `--key value` and `--key=value`; `--config <file>` names the file. Unknown flags are errors. */
export function parseFlags(args: string[], extra: readonly string[] = []): ParsedFlags & { extra: Map<string, string> } {
  const values = new Map<string, unknown>();
  const extraValues = new Map<string, string>();
  let configFile: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--')) throw new ConfigError(`unexpected argument ${JSON.stringify(arg)}`);
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    let value: string | undefined = eq > 0 ? arg.slice(eq + 1) : undefined;
    const key = FLAG_TO_KEY.get(flag);
    const isBool = key !== undefined && CONFIG_KEYS[key] === 'boolean';
    if (value === undefined) {
      const next = args[i + 1];
      if (isBool && (next === undefined || next.startsWith('--'))) value = 'true';
      else {
        if (next === undefined || next.startsWith('--')) throw new ConfigError(`${flag} needs a value`);
        value = next;
        i++;
      }
    }
    if (flag === '--config') configFile = value;
    else if (key) values.set(key, readText(key, CONFIG_KEYS[key], value, `flag ${flag}`));
    else if (extra.includes(flag)) extraValues.set(flag, value);
    else throw new ConfigError(`unknown option ${flag} (see --help)`);
  }
  return { values, configFile, extra: extraValues };
}

export function readEnv(env: NodeJS.ProcessEnv): Map<string, unknown> {
  const values = new Map<string, unknown>();
  for (const [key, kind] of Object.entries(CONFIG_KEYS)) {
    const text = env[envName(key)];
    if (text !== undefined) values.set(key, readText(key, kind, text, `env ${envName(key)}`));
  }
  return values;
}

export interface LoadOptions {
  args?: string[];
  env?: NodeJS.ProcessEnv;
  /** Command-specific flags passed through to the caller. */
  extraFlags?: readonly string[];
  /** Refuse (ConfigError) a guest ELF that does not hash to prover.programId: what starting a node
   * needs (`oneproof run`, Sidecar.start); off for callers that only read settings. */
  checkProgramId?: boolean;
}

export interface LoadedConfig {
  config: OneproofConfig;
  /** Where each non-default setting came from. */
  origins: Map<string, string>;
  extra: Map<string, string>;
  /** Problems the operator chose to accept (e.g. prover.allowUnpinnedGuest): to be logged. */
  warnings?: string[];
}

export function loadConfig(opts: LoadOptions = {}): LoadedConfig {
  const env = opts.env ?? process.env;
  const flags = parseFlags(opts.args ?? [], opts.extraFlags);
  const file = flags.configFile ?? env.ONEPROOF_CONFIG;
  const merged = defaultConfig() as unknown as Record<string, unknown>;
  const origins = new Map<string, string>();
  const layers: [string, Map<string, unknown>][] = [];
  if (file) layers.push([`file ${file}`, readConfigFile(file)]);
  layers.push(['environment', readEnv(env)], ['flags', flags.values]);
  for (const [origin, values] of layers) {
    for (const [key, value] of values) {
      setPath(merged, key, value);
      origins.set(key, origin);
    }
  }
  const config = merged as unknown as OneproofConfig;
  // Relative paths in a file are relative to the file, as operators expect.
  if (file && origins.get('jwtSecret')?.startsWith('file') && config.jwtSecret && !path.isAbsolute(config.jwtSecret)) {
    config.jwtSecret = path.resolve(path.dirname(file), config.jwtSecret);
  }
  const origin = (key: string) => origins.get(key) ?? 'default';
  validateConfig(config, origin);
  const guest = opts.checkProgramId ? checkGuestProgramId(config, origin) : undefined;
  return { config, origins, extra: flags.extra, ...(guest?.warning ? { warnings: [guest.warning] } : {}) };
}

export { getPath as configValue };

/** Help text listing every setting with its flag and variable. */
export function configHelp(): string {
  const d = defaultConfig() as unknown as Record<string, unknown>;
  return Object.keys(CONFIG_KEYS)
    .map((k) => `  ${flagName(k).padEnd(24)} ${envName(k).padEnd(30)} default ${JSON.stringify(getPath(d, k) ?? null)}`)
    .join('\n');
}
