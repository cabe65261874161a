import { act, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderWithApp } from '../../test/render';
import { UploadZone } from './UploadZone';

/** A scripted XMLHttpRequest: the test decides when progress, success, failure or abort happen. */
class ScriptedXhr {
  static last: ScriptedXhr | undefined;
  readonly upload = new EventTarget();
  private readonly events = new EventTarget();
  status = 0;
  responseText = '';
  withCredentials = false;
  sentTo = '';
  body: unknown;
  aborted = false;
  constructor() {
    ScriptedXhr.last = this;
  }
  addEventListener(type: string, listener: EventListener) {
    this.events.addEventListener(type, listener);
  }
  open(_method: string, url: string) {
    this.sentTo = url;
  }
  setRequestHeader() {}
  getResponseHeader() {
    return 'application/problem+json';
  }
  send(body: unknown) {
    this.body = body;
  }
  abort() {
    this.aborted = true;
    this.events.dispatchEvent(new Event('abort'));
  }
  progress(loaded: number, total: number) {
    const event = Object.assign(new Event('progress'), { lengthComputable: true, loaded, total });
    this.upload.dispatchEvent(event);
  }
  respond(status: number, body: object) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.events.dispatchEvent(new Event('load'));
  }
}

const current = () => {
  if (!ScriptedXhr.last) throw new Error('no request sent');
  return ScriptedXhr.last;
};

beforeEach(() => {
  ScriptedXhr.last = undefined;
  vi.stubGlobal('XMLHttpRequest', ScriptedXhr);
  // The zone asks the server for its size limit.
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => Response.json({ maxUploadBytes: 20_000_000 })),
  );
});
afterEach(() => vi.unstubAllGlobals());

function renderZone(onUploaded = vi.fn()) {
  renderWithApp(
    <UploadZone url="/api/dossiers/d1/documents?itemId=i1" label="Extrait Kbis" onUploaded={onUploaded} />,
  );
  const input = screen.getByLabelText('Déposer : Extrait Kbis');
  const file = new File(['%PDF-1.4'], 'kbis.pdf', { type: 'application/pdf' });
  fireEvent.change(input, { target: { files: [file] } });
  return onUploaded;
}

describe('upload zone', () => {
  it('sends the chosen file with credentials and shows its progress until it is stored', async () => {
    const onUploaded = renderZone();
    expect(current().sentTo).toBe('/api/dossiers/d1/documents?itemId=i1');
    expect(current().withCredentials).toBe(true);
    expect((current().body as FormData).get('file')).toBeInstanceOf(File);
    act(() => current().progress(40, 100));
    const bar = screen.getByRole('progressbar', { name: 'Envoi de kbis.pdf' }) as HTMLProgressElement;
    expect(bar.value).toBe(40);
    expect(screen.getByText(/40\s%/)).toBeTruthy();
    await act(async () => current().respond(201, { id: 'x', version: 1 }));
    expect(onUploaded).toHaveBeenCalledWith('kbis.pdf');
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('cancels an upload in progress', async () => {
    const onUploaded = renderZone();
    act(() => current().progress(10, 100));
    await act(async () => fireEvent.click(screen.getByRole('button', { name: /Annuler l.envoi/ })));
    expect(current().aborted).toBe(true);
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(await screen.findByText('Envoi annulé.')).toBeTruthy();
    expect(onUploaded).not.toHaveBeenCalled();
  });

  it('says why a file was refused', async () => {
    renderZone();
    await act(async () =>
      current().respond(415, {
        code: 'UNSUPPORTED_MEDIA_TYPE',
        detail: 'Ce type de fichier n’est pas accepté.',
        status: 415,
      }),
    );
    expect((await screen.findByRole('alert')).textContent).toBe("Ce type de fichier n'est pas accepté.");
  });

  it('states the limit and refuses a file past it without sending a byte', async () => {
    renderWithApp(<UploadZone url="/api/dossiers/d1/documents" label="Extrait Kbis" onUploaded={vi.fn()} />);
    expect(await screen.findByText('20 Mo au plus par fichier')).toBeTruthy();
    const big = new File(['x'], 'scan.pdf', { type: 'application/pdf' });
    Object.defineProperty(big, 'size', { value: 21_000_000 });
    fireEvent.change(screen.getByLabelText('Déposer : Extrait Kbis'), { target: { files: [big] } });
    expect(ScriptedXhr.last).toBeUndefined();
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /^«\sscan\.pdf\s» fait 21\sMo\s: la limite est de 20\sMo par fichier\. Il n’a pas été envoyé\.$/,
    );
  });
});
