// The page's disk: a file of the Origin Private File System, which stays
// across reloads.  The page (diskForPage) finds or makes it, from an image
// at a URL if asked, before boot; the disk's worker opens it with a
// synchronous access handle (diskFile, for disk.mjs), which only workers
// have; exportDisk() gives it back as a file to save.
import { newDisk } from './disk.mjs';

const file = async (name, create) =>
  (await navigator.storage.getDirectory()).getFileHandle(name, { create });

// name: the OPFS file; size (bytes) for a new empty one; image: a URL
// whose bytes a new one starts with.  Resolves to the disk for boot().
export async function diskForPage(name, { size, image, onProgress }) {
  const handle = await file(name, true);
  let bytes = (await handle.getFile()).size;
  if (!bytes) {
    const w = await handle.createWritable();
    if (image) {
      const r = await fetch(image);
      if (!r.ok) throw new Error(`disk image ${image}: ${r.status} ${r.statusText}`);
      const data = new Uint8Array(await r.arrayBuffer());
      onProgress?.(data.length);
      await w.write(data);
    } else {
      await w.truncate(size);
    }
    await w.close();
    bytes = (await handle.getFile()).size;
  }
  const whole = Math.floor(bytes / 512) * 512;
  if (!whole) throw new Error(`disk ${name}: smaller than a sector (512 bytes)`);
  return newDisk({ name, size: whole, readonly: false });
}

// In the disk's worker: { read, write, flush } over the OPFS file.  The
// handle takes views of the shared memory where it can, copies where not.
export async function diskFile({ name }) {
  const fh = await file(name, false);
  // the page before a reload may hold the handle a moment longer
  let h;
  for (let tries = 0; !h; tries++) {
    try { h = await fh.createSyncAccessHandle(); } catch (e) {
      if (e.name !== 'NoModificationAllowedError' || tries === 50) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const io = (f, bytes, at) => {
    try { return f(bytes, { at }); } catch (e) {
      if (!(e instanceof TypeError)) throw e;
      const copy = bytes.slice();
      const n = f(copy, { at });
      bytes.set(copy.subarray(0, n));
      return n;
    }
  };
  return {
    read: (bytes, pos) => io((b, o) => h.read(b, o), bytes, pos),
    write: (bytes, pos) => io((b, o) => h.write(b, o), bytes, pos),
    flush: () => h.flush(),
  };
}

// The disk as a download (the page's Export button).
export async function exportDisk(name) {
  const blob = await (await file(name, false)).getFile();
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = `${name}.img`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}
