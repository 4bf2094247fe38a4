// One pino logger per process; modules take a child with their own `module` field.
import { pino, type Logger } from 'pino';

export type { Logger } from 'pino';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export function createLogger(level: LogLevel = 'info', name = 'oneproof'): Logger {
  return pino({ name, level, base: { pid: process.pid } });
}

/** A logger that writes nothing: the default for library use and tests. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
