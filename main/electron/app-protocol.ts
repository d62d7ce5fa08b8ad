/**
 * The app:// protocol handler's body, without Electron: a Request-like in, a Response out (Node 20 has both), so
 * tests serve a real folder with symlinks and hostile URLs.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { isInside, mimeType, resolveAppPath, securityHeaders } from './security.ts';

export interface AppRequest {
  readonly url: string;
  readonly method: string;
}

function textResponse(status: number, text: string, method: string): Response {
  return new Response(method === 'HEAD' ? null : text, {
    status,
    headers: { ...securityHeaders(), 'Content-Type': 'text/plain; charset=utf-8' },
  });
}

/** The real path of `file` if it is a regular file whose real path stays under the real root; undefined otherwise. */
async function realFileUnder(realRoot: string, file: string): Promise<string | undefined> {
  let real: string;
  try {
    real = await fs.realpath(file);
  } catch {
    return undefined;
  }
  // A symlink in dist/ that points outside it is treated as missing, not followed.
  if (!isInside(realRoot, real)) return undefined;
  try {
    const st = await fs.stat(real);
    return st.isFile() ? real : undefined;
  } catch {
    return undefined;
  }
}

async function fileResponse(file: string, method: string): Promise<Response> {
  const body = method === 'HEAD' ? null : await fs.readFile(file);
  return new Response(body, {
    status: 200,
    headers: { ...securityHeaders(), 'Content-Type': mimeType(file) },
  });
}

/** Serve `root` (the built renderer) on app://paneldesk/: SPA fallback for routes, 404 for missing assets. */
export function createAppProtocolHandler(root: string): (req: AppRequest) => Promise<Response> {
  let realRootPromise: Promise<string> | undefined;
  const realRoot = () => (realRootPromise ??= fs.realpath(path.resolve(root)));
  return async (req) => {
    const method = req.method.toUpperCase();
    if (method !== 'GET' && method !== 'HEAD') return textResponse(405, 'Method Not Allowed', method);
    const target = resolveAppPath(root, req.url);
    if (target.kind === 'forbidden') return textResponse(403, 'Forbidden', method);
    let rootReal: string;
    try {
      rootReal = await realRoot();
    } catch {
      realRootPromise = undefined;
      return textResponse(404, 'The UI is not built (dist/renderer is missing).', method);
    }
    const found = await realFileUnder(rootReal, target.path);
    if (found) return fileResponse(found, method);
    if (target.spaFallback) {
      const index = await realFileUnder(rootReal, path.join(path.resolve(root), 'index.html'));
      if (index) return fileResponse(index, method);
    }
    return textResponse(404, 'Not Found', method);
  };
}
