// JSON-RPC 2.0 shapes and the checks the proxy needs before it may look inside a request.
export interface JsonRpcRequest {
  jsonrpc: '2.0';
  id?: string | number | null;
  method: string;
  params?: unknown[] | Record<string, unknown>;
}

export interface JsonRpcError {
  code: number;
  message: string;
  data?: unknown;
}

export interface JsonRpcResponse {
  jsonrpc: '2.0';
  id: string | number | null;
  result?: unknown;
  error?: JsonRpcError;
}

export const RPC_PARSE_ERROR = -32700;
export const RPC_INVALID_REQUEST = -32600;
export const RPC_METHOD_NOT_FOUND = -32601;
export const RPC_INVALID_PARAMS = -32602;
export const RPC_INTERNAL_ERROR = -32603;
export const RPC_SERVER_ERROR = -32000;
export const ENGINE_TOO_LARGE_REQUEST = -38004;
export const ENGINE_UNSUPPORTED_FORK = -38005;

export function isRequest(x: unknown): x is JsonRpcRequest {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) return false;
  const r = x as Record<string, unknown>;
  const idOk = r.id === undefined || r.id === null || typeof r.id === 'string' || typeof r.id === 'number';
  const paramsOk = r.params === undefined || Array.isArray(r.params) || (typeof r.params === 'object' && r.params !== null);
  return r.jsonrpc === '2.0' && typeof r.method === 'string' && idOk && paramsOk;
}

export function errorResponse(id: JsonRpcResponse['id'], code: number, message: string, data?: unknown): JsonRpcResponse {
  return { jsonrpc: '2.0', id, error: data === undefined ? { code, message } : { code, message, data } };
}

export function resultResponse(id: JsonRpcResponse['id'], result: unknown): JsonRpcResponse {
  return { jsonrpc: '2.0', id, result };
}

/** The id of a possibly malformed request, for the error reply. */
export function idOf(x: unknown): JsonRpcResponse['id'] {
  if (typeof x === 'object' && x !== null && !Array.isArray(x)) {
    const id = (x as { id?: unknown }).id;
    if (typeof id === 'string' || typeof id === 'number') return id;
  }
  return null;
}
