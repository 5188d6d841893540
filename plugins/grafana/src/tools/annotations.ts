// Annotations: query, create (incl. the Graphite form at /api/annotations/graphite), update, patch, delete, tags.
// Times take the shared forms (RFC 3339, Unix s/ms, now-1h) and go to Grafana as epoch milliseconds.
import { Tool, ToolGroup, annotations, inject, parseTime, type Static, type ToolContext } from '@cnmcp/core';
import { GrafanaApis } from '../api.js';
import * as S from '../schemas.js';
import type { Annotation } from '../types.js';

const ms = (value: string | number | undefined, name: string) =>
  value === undefined ? undefined : parseTime(value, { name });

const brief = (a: Annotation) => ({
  id: a.id,
  time: new Date(a.time).toISOString(),
  ...(a.timeEnd && a.timeEnd !== a.time ? { timeEnd: new Date(a.timeEnd).toISOString() } : {}),
  text: a.text,
  tags: a.tags,
  ...(a.dashboardUID ? { dashboardUID: a.dashboardUID, panelId: a.panelId } : {}),
  ...(a.login ? { by: a.login } : {}),
});

@ToolGroup({
  name: 'annotations',
  title: 'Annotations',
  description: 'Read and write annotations (deploys, incidents) on dashboards and the organisation.',
  defaults: { annotations: annotations.write },
})
export class AnnotationTools {
  constructor(@inject(GrafanaApis) private readonly apis: GrafanaApis) {}

  @Tool({
    name: 'grafana_get_annotations',
    title: 'Annotations',
    description: 'Annotations in a time range, newest first, by dashboard and tags.',
    input: S.GetAnnotations,
    annotations: annotations.read,
    cacheTtl: 10,
  })
  async list(input: Static<typeof S.GetAnnotations>, ctx: ToolContext) {
    const limit = input.limit ?? 100;
    const found = await this.apis.for(ctx).annotations({
      dashboardUID: input.dashboardUID,
      from: ms(input.from, 'from'),
      to: ms(input.to, 'to'),
      tags: input.tags,
      limit: limit + 1,
    });
    const shown = found.slice(0, limit);
    return {
      returned: shown.length,
      annotations: shown.map(brief),
      ...(found.length > limit
        ? { truncated: `more than ${limit} match; narrow from/to or tags, or raise limit` }
        : {}),
    };
  }

  @Tool({
    name: 'grafana_get_annotation_tags',
    title: 'Annotation tags',
    description: 'Tags used on annotations, with counts.',
    input: S.AnnotationTags,
    annotations: annotations.read,
    cacheTtl: 30,
  })
  async tags(input: Static<typeof S.AnnotationTags>, ctx: ToolContext) {
    const out = await this.apis.for(ctx).annotationTags(input.tag, input.limit ?? 100);
    return { tags: out.result.tags };
  }

  @Tool({
    name: 'grafana_create_annotation',
    title: 'Create annotation',
    description: 'Adds an annotation (a point, or a region with timeEnd), optionally on a dashboard panel.',
    input: S.CreateAnnotation,
  })
  async create(input: Static<typeof S.CreateAnnotation>, ctx: ToolContext) {
    const api = this.apis.for(ctx);
    if (input.dashboardUID) await api.dashboard(input.dashboardUID);
    const out = await api.createAnnotation({
      text: input.text,
      time: ms(input.time, 'time'),
      timeEnd: ms(input.timeEnd, 'timeEnd'),
      tags: input.tags ?? [],
      ...(input.dashboardUID ? { dashboardUID: input.dashboardUID } : {}),
      ...(input.panelID !== undefined ? { panelId: input.panelID } : {}),
    });
    return { id: out.id, message: out.message };
  }

  @Tool({
    name: 'grafana_create_graphite_annotation',
    title: 'Create Graphite annotation',
    description: 'Adds an annotation in the Graphite event format (what, data, tags, timestamp).',
    input: S.GraphiteAnnotation,
  })
  async graphite(input: Static<typeof S.GraphiteAnnotation>, ctx: ToolContext) {
    const when = ms(input.timestamp, 'timestamp');
    const out = await this.apis.for(ctx).createGraphiteAnnotation({
      what: input.what,
      ...(input.data ? { data: input.data } : {}),
      ...(input.tags !== undefined ? { tags: input.tags } : {}),
      // Graphite events carry Unix seconds.
      ...(when !== undefined ? { when: Math.floor(when / 1000) } : {}),
    });
    return { id: out.id, message: out.message };
  }

  @Tool({
    name: 'grafana_update_annotation',
    title: 'Update annotation',
    description: "Replaces an annotation's text, times and tags.",
    input: S.UpdateAnnotation,
    annotations: annotations.idempotentWrite,
  })
  async update(input: Static<typeof S.UpdateAnnotation>, ctx: ToolContext) {
    const out = await this.apis.for(ctx).updateAnnotation(input.annotationID, {
      text: input.text,
      time: ms(input.time, 'time'),
      timeEnd: ms(input.timeEnd, 'timeEnd'),
      tags: input.tags ?? [],
    });
    return { id: input.annotationID, message: out.message };
  }

  @Tool({
    name: 'grafana_patch_annotation',
    title: 'Patch annotation',
    description: 'Changes only the given fields of an annotation.',
    input: S.PatchAnnotation,
    annotations: annotations.idempotentWrite,
  })
  async patch(input: Static<typeof S.PatchAnnotation>, ctx: ToolContext) {
    const body = Object.fromEntries(
      Object.entries({
        text: input.text,
        time: ms(input.time, 'time'),
        timeEnd: ms(input.timeEnd, 'timeEnd'),
        tags: input.tags,
      }).filter(([, v]) => v !== undefined),
    );
    const out = await this.apis.for(ctx).patchAnnotation(input.annotationID, body);
    return { id: input.annotationID, changed: Object.keys(body), message: out.message };
  }

  @Tool({
    name: 'grafana_delete_annotation',
    title: 'Delete annotation',
    description: 'Deletes an annotation by id (asks to confirm).',
    input: S.AnnotationRef,
    annotations: annotations.destructive,
  })
  async remove(input: Static<typeof S.AnnotationRef>, ctx: ToolContext) {
    const out = await this.apis.for(ctx).deleteAnnotation(input.annotationID);
    return { deleted: input.annotationID, message: out.message };
  }
}
