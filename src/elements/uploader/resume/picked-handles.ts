import type { FileHandleLike } from './file-system-access.js';
import type { ResumeHost } from './resume-host.js';

interface PickerType {
  description?: string;
  accept: Record<string, string[]>;
}
type OpenFilePicker = (options: { multiple?: boolean; types?: PickerType[]; excludeAcceptAllOption?: boolean }) => Promise<FileHandleLike[]>;

/**
 * The `accept` attribute as File System Access picker types: MIME types (wildcards too) as they are, bare
 * extensions gathered under one entry. Empty for "anything".
 */
export function pickerTypes(accept: string): PickerType[] {
  const tokens = accept.split(',').map((t) => t.trim().toLowerCase()).filter(Boolean);
  const byType: Record<string, string[]> = {};
  for (const token of tokens) {
    if (token.startsWith('.')) (byType['application/octet-stream'] ??= []).push(token);
    else byType[token] ??= [];
  }
  return tokens.length ? [{ accept: byType }] : [];
}

/**
 * Where `showOpenFilePicker` exists, the element's file picker opens through it, so picked files come with
 * their FileSystemFileHandle and can resume after a reload without being chosen again (docs/resume.md). The
 * hidden input's click is taken over in the capture phase (folder and camera inputs are left alone); when
 * the picker refuses the call (not a user gesture, a type it cannot express) the input opens as before.
 */
export function pickWithHandles(host: ResumeHost): void {
  const picker = (globalThis as { showOpenFilePicker?: OpenFilePicker }).showOpenFilePicker;
  const root = host.shadowRoot;
  if (!picker || !root) return;
  let fallingBack = false;
  root.addEventListener('click', (event) => {
    const input = event.target;
    if (fallingBack || !(input instanceof HTMLInputElement) || input.type !== 'file' || input.webkitdirectory || input.hasAttribute('capture')) return;
    event.preventDefault();
    const types = pickerTypes(input.accept);
    picker.call(globalThis, { multiple: input.multiple, ...(types.length ? { types } : {}) }).then(
      (handles) => handles.length && host.addFiles(handles as unknown as File[]),
      (err: unknown) => {
        if ((err as Error)?.name === 'AbortError') return;
        fallingBack = true;
        try {
          input.click();
        } finally {
          fallingBack = false;
        }
      },
    );
  }, { capture: true });
}
