// Reads an engine_newPayload request saved as JSON: a JSON-RPC request {method, params}, an
// execution-spec-tests engine fixture entry {params, newPayloadVersion}, or a bare params array (V4).
import { readFileSync } from 'node:fs';
import { newPayloadVersion, parseNewPayloadParams, PayloadError, type NewPayloadRequest } from './payload.js';

export interface PayloadFile {
  method: string;
  params: unknown[];
  request: NewPayloadRequest;
}

export function readPayloadFile(file: string): PayloadFile {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new PayloadError(`cannot read payload file ${file}: ${(e as Error).message}`);
  }
  let version = 4;
  let params: unknown;
  if (Array.isArray(json)) params = json;
  else if (typeof json === 'object' && json !== null) {
    const o = json as { method?: unknown; params?: unknown; newPayloadVersion?: unknown };
    params = o.params;
    if (typeof o.method === 'string') {
      const v = newPayloadVersion(o.method);
      if (v === null) throw new PayloadError(`${file}: method ${o.method} is not engine_newPayload`);
      version = v;
    } else if (o.newPayloadVersion !== undefined) version = Number(o.newPayloadVersion);
  } else throw new PayloadError(`${file}: expected a JSON object or array`);
  const request = parseNewPayloadParams(version, params);
  return { method: `engine_newPayloadV${version}`, params: params as unknown[], request };
}
