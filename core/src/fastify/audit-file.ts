// The audit file, written by group commit: one open handle; the records of one event-loop turn go out in one
// write — except a record no other call can join (the only call in flight), which is written in place at once;
// each record's promise settles only once the write holding it has returned (the line is in the kernel, so it
// survives the process being killed; with fsync 'batch' it is also on disk). Writes never overlap, so records
// keep their order, and the file is rotated by size exactly where a record would cross maxBytes.
import { writeSync } from 'node:fs';
import { mkdir, open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';

export type AuditFsync = 'never' | 'batch';

export interface AuditFileOptions {
  path: string;
  maxBytes: number;
  maxFiles: number;
  /** 'batch': fdatasync after every group write (durable across power loss, slower). Default 'never'. */
  fsync?: AuditFsync;
}

interface Pending {
  line: string;
  /** UTF-8 length of `line`. */
  bytes: number;
  settle(err?: unknown): void;
}

export class AuditFile {
  private handle?: FileHandle;
  private size = 0;
  private queue: Pending[] = [];
  private scheduled = false;
  private writing?: Promise<void>;
  private closed = false;
  /** Group writes made so far (for tests and diagnostics). */
  writes = 0;

  constructor(private readonly options: AuditFileOptions) {}

  /**
   * Resolves once `line` (one complete record, newline included) is written; rejects if the write failed.
   * `alone`: no other call is in flight, so no record could share this one's write: when nothing else is queued
   * and it can be written in place, it is, at once (sequential calls, as over stdio, do not each wait for the end
   * of a turn), and undefined is returned: there is nothing to wait for (a failure throws).
   */
  write(line: string, alone = false): Promise<void> | undefined {
    const bytes = Buffer.byteLength(line);
    if (alone && !this.queue.length && !this.scheduled && !this.writing && this.canWriteInPlace(bytes)) {
      this.writeInPlace(line, bytes);
      return undefined;
    }
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ line, bytes, settle: (err) => (err ? reject(err) : resolve()) });
      this.schedule();
    });
  }

  /** Resolves when every record handed in so far has been written (or has failed). */
  async flush(): Promise<void> {
    while (this.writing || this.queue.length) {
      if (!this.writing) this.drain();
      await this.writing;
    }
  }

  /** Writes what is queued and closes the file; a record that still comes later is written and the file closed again. */
  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
    await this.release();
  }

  private async release(): Promise<void> {
    const handle = this.handle;
    this.handle = undefined;
    await handle?.close().catch(() => undefined);
  }

  private schedule(): void {
    if (this.scheduled || this.writing) return;
    this.scheduled = true;
    // setImmediate runs after this turn's I/O callbacks: every record they produced joins the same write.
    setImmediate(() => {
      this.scheduled = false;
      this.drain();
    });
  }

  private drain(): void {
    if (this.writing || !this.queue.length) return;
    const batch = this.queue;
    this.queue = [];
    if (this.writtenInPlace(batch)) return;
    this.writing = this.writeBatch(batch)
      .then(() => (this.closed && !this.queue.length ? this.release() : undefined))
      .finally(() => {
        this.writing = undefined;
        if (this.queue.length) this.schedule();
      });
  }

  /**
   * The common case, done without a promise: the file is open, no fsync is asked for and the batch fits before
   * the next rotation. One write of the batch's text; false (nothing written) when the general path must run.
   */
  private writtenInPlace(batch: Pending[]): boolean {
    let bytes = 0;
    for (const pending of batch) bytes += pending.bytes;
    if (!this.canWriteInPlace(bytes)) return false;
    const text = batch.length === 1 ? batch[0].line : batch.map((p) => p.line).join('');
    try {
      this.writeInPlace(text, bytes);
    } catch (err) {
      settleAll(batch, 0, batch.length, err);
      return true;
    }
    settleAll(batch, 0, batch.length);
    return true;
  }

  private canWriteInPlace(bytes: number): boolean {
    if (!this.handle || this.options.fsync === 'batch') return false;
    return this.size === 0 || this.size + bytes <= this.options.maxBytes;
  }

  /** One write of `text` on the open handle; throws if it failed (the handle is then reopened on the next write). */
  private writeInPlace(text: string, bytes: number): void {
    try {
      const written = writeSync(this.handle!.fd, text);
      // A short write (disk nearly full) is continued from where it stopped, so no record is left half-written.
      if (written < bytes) this.writeAll(Buffer.from(text).subarray(written));
    } catch (err) {
      // Reopen (and re-read the size) on the next write: the handle may be what failed.
      this.writing = this.release().finally(() => {
        this.writing = undefined;
        if (this.queue.length) this.schedule();
      });
      throw err;
    }
    this.writes++;
    this.size += bytes;
    if (this.closed && !this.queue.length) void this.release();
  }

  private writeAll(data: Buffer): void {
    for (let done = 0; done < data.length;) {
      const bytesWritten = writeSync(this.handle!.fd, data, done, data.length - done);
      if (bytesWritten === 0) throw new Error('the audit file accepted no bytes');
      done += bytesWritten;
    }
  }

  private async writeBatch(batch: Pending[]): Promise<void> {
    let start = 0;
    try {
      await this.ensureOpen();
      let chunkBytes = 0;
      for (let i = 0; i < batch.length; i++) {
        const next = batch[i].bytes;
        // Rotation as before: a record that would push a non-empty file past maxBytes starts a new file.
        if (this.size + chunkBytes > 0 && this.size + chunkBytes + next > this.options.maxBytes) {
          if (i > start) await this.writeChunk(batch, start, i, chunkBytes);
          settleAll(batch, start, i);
          start = i;
          chunkBytes = 0;
          await this.rotate();
        }
        chunkBytes += next;
      }
      await this.writeChunk(batch, start, batch.length, chunkBytes);
      settleAll(batch, start, batch.length);
    } catch (err) {
      settleAll(batch, start, batch.length, err);
      // Reopen (and re-read the size) on the next write: the handle may be what failed.
      await this.release();
    }
  }

  private async writeChunk(batch: Pending[], from: number, to: number, bytes: number): Promise<void> {
    const handle = this.handle!;
    const data = Buffer.from(
      batch
        .slice(from, to)
        .map((p) => p.line)
        .join(''),
    );
    // A short write (disk nearly full) is continued, so no record is ever left half-written by us. Without
    // fsync the write only copies into the page cache: done in place it costs microseconds, where a trip through
    // the thread pool costs more than the copy.
    if (this.options.fsync !== 'batch') this.writeAll(data);
    else
      for (let done = 0; done < data.length;) {
        const { bytesWritten } = await handle.write(data, done, data.length - done);
        if (bytesWritten === 0) throw new Error('the audit file accepted no bytes');
        done += bytesWritten;
      }
    this.writes++;
    this.size += bytes;
    if (this.options.fsync === 'batch') await handle.datasync();
  }

  private async ensureOpen(): Promise<FileHandle> {
    if (this.handle) return this.handle;
    await mkdir(dirname(this.options.path), { recursive: true });
    const handle = await open(this.options.path, 'a', 0o600);
    this.size = (await handle.stat()).size;
    this.handle = handle;
    return handle;
  }

  private async rotate(): Promise<void> {
    const { path, maxFiles } = this.options;
    const handle = this.handle;
    this.handle = undefined;
    await handle?.close();
    await unlink(`${path}.${maxFiles}`).catch(() => undefined);
    for (let i = maxFiles - 1; i >= 1; i--) await rename(`${path}.${i}`, `${path}.${i + 1}`).catch(() => undefined);
    await rename(path, `${path}.1`);
    await this.ensureOpen();
  }
}

function settleAll(batch: Pending[], from: number, to: number, err?: unknown): void {
  for (let i = from; i < to; i++) batch[i].settle(err);
}
