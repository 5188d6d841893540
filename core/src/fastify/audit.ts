// cnmcp-audit: one JSON line per tool call and per auth failure, to a file (group-committed and written
// before the call is reported done; rotated by size; see audit-file.ts) and/or stdout (never in stdio mode, where stdout
// carries the protocol). A failing sink is logged loudly and counted; the call itself is not failed.
import type { FastifyInstance } from 'fastify';
import { fastifyPlugin as fp } from '../vendor/fastify.js';
import type { AuditConfig } from '../config/schema.js';
import { coreError } from '../errors.js';
import type { Logger } from '../logger.js';
import { AuthFailureBudget, boundAuditValue } from './audit-bounds.js';
import { AuditFile, type AuditFsync } from './audit-file.js';
import type { Redactor } from './redact.js';
import type { AuditRecord, AuditMiddleware } from './types.js';

export interface AuditPluginOptions {
  config: AuditConfig;
  stdioMode: boolean;
  logger: Logger;
  redactor: Redactor;
  onFailure?: () => void;
}

export function createAudit(options: AuditPluginOptions): AuditMiddleware {
  const { config, logger } = options;
  if (config.stdout && options.stdioMode) {
    throw coreError(
      'CNMCP_ERR_CONFIG_INVALID',
      'audit.stdout cannot be used with the stdio transport: stdout carries the MCP protocol',
      { hint: 'Set audit.file instead.' },
    );
  }
  const fsync: AuditFsync = config.fsync;
  const file = config.file
    ? new AuditFile({ path: config.file, maxBytes: config.maxFileBytes, maxFiles: config.maxFiles, fsync })
    : undefined;
  let failures = 0;
  const authFailures = new AuthFailureBudget();
  const fail = (sink: string, err: unknown) => {
    failures++;
    options.onFailure?.();
    logger.error(
      { sink, err: (err as Error)?.message ?? String(err) },
      'AUDIT SINK FAILED: an audit record was not written',
    );
  };
  return {
    enabled: !!file || config.stdout,
    // Not async: a record written in place over stdio (see AuditFile.write) leaves nothing to wait for.
    record(record: AuditRecord, alone = false) {
      if (!file && !config.stdout) return undefined;
      let suppressedBefore: number | undefined;
      if ((record as { type?: unknown }).type === 'auth_failure') {
        const left = authFailures.admit();
        if (left === undefined) return undefined;
        if (left > 0) suppressedBefore = left;
      }
      let line: string;
      try {
        // The record is ours once handed in (every caller builds it for this call): masked in place, not copied.
        if (record.arguments !== undefined) record.arguments = options.redactor.value(record.arguments);
        if (suppressedBefore !== undefined) record.suppressedBefore = suppressedBefore;
        line = `${JSON.stringify(boundAuditValue(record))}\n`;
      } catch (err) {
        // still a record of the call, with what could be written
        logger.warn({ err: (err as Error)?.message }, 'audit arguments not serialisable: recorded without them');
        line = `${JSON.stringify({ ...(boundAuditValue({ ...record, arguments: undefined }) as object), arguments: '[not serialisable]' })}\n`;
      }
      let written: Promise<void> | undefined;
      try {
        written = file?.write(line, alone)?.catch((err) => fail('file', err));
      } catch (err) {
        fail('file', err);
      }
      if (config.stdout) {
        try {
          process.stdout.write(line);
        } catch (err) {
          fail('stdout', err);
        }
      }
      return written;
    },
    failures: () => failures,
    close: async () => {
      await file?.close();
    },
  };
}

export const auditPlugin = fp(
  async (app: FastifyInstance, options: AuditPluginOptions) => {
    const audit = createAudit({
      ...options,
      onFailure: () => {
        options.onFailure?.();
        app.cnmcpMetrics?.auditFailure();
      },
    });
    app.decorate('cnmcpAudit', audit);
    app.addHook('onClose', async () => audit.close());
  },
  { name: 'cnmcp-audit', fastify: '5.x' },
);
