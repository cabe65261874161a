import type { UploadedDocument } from '@ft/contracts';
import { ApiError, apiErrorFrom } from '../../lib/api';

export type UploadHandle = { done: Promise<UploadedDocument>; abort: () => void };

/**
 * Sends one file with XMLHttpRequest, which (unlike fetch) reports upload progress and can be
 * aborted. Failures become the same ApiError as every other call.
 */
export function uploadWithProgress(
  url: string,
  file: File,
  onProgress: (loaded: number, total: number) => void,
): UploadHandle {
  const xhr = new XMLHttpRequest();
  const done = new Promise<UploadedDocument>((resolve, reject) => {
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) onProgress(event.loaded, event.total);
    });
    xhr.addEventListener('load', () => {
      const response = new Response(xhr.responseText, {
        status: xhr.status,
        headers: { 'content-type': xhr.getResponseHeader('content-type') ?? 'text/plain' },
      });
      if (xhr.status >= 200 && xhr.status < 300) resolve(response.json() as Promise<UploadedDocument>);
      else void apiErrorFrom(response).then(reject);
    });
    xhr.addEventListener('error', () => reject(new ApiError({ status: 0, code: 'NETWORK_ERROR' })));
    xhr.addEventListener('abort', () => reject(new ApiError({ status: 0, code: 'ABORTED' })));
  });
  const form = new FormData();
  form.append('file', file);
  xhr.open('POST', url);
  xhr.withCredentials = true;
  xhr.setRequestHeader('accept', 'application/json');
  xhr.send(form);
  return { done, abort: () => xhr.abort() };
}
