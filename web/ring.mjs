// A ring of bytes in a SharedArrayBuffer, between one writer and one
// reader on any threads: cell WRITTEN counts the bytes written, cell READ
// the bytes read (each moved by one side only), the data from byte 16.
// The console's input and output are each one (console-input.mjs,
// console-output.mjs).
export const WRITTEN = 0;
export const READ = 1;
const DATA = 16;

export function newRing(size) {
  return new Int32Array(new SharedArrayBuffer(DATA + size));
}

export function ringData(ring) {
  return new Uint8Array(ring.buffer, DATA);
}
