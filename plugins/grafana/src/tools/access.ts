// Who is who: the signed-in identity and org, users and teams; and role-based access control (Grafana
// Enterprise/Cloud): roles, their assignments, the roles of a user or team, and resource permissions.
import { Tool, ToolGroup, annotations, inject, type Static, type ToolContext } from '@cnmcp/core';
import { GrafanaApis } from '../api.js';
import * as S from '../schemas.js';
import type { Role } from '../types.js';
import { page } from './page.js';

const roleBrief = (r: Role) => ({
  uid: r.uid,
  name: r.name,
  ...(r.displayName ? { displayName: r.displayName } : {}),
  ...(r.group ? { group: r.group } : {}),
});

@ToolGroup({
  name: 'access',
  title: 'Users, teams and org',
  description: 'The signed-in identity, its organisation, users and teams.',
  defaults: { annotations: annotations.read, cacheTtl: 60 },
})
export class AccessTools {
  constructor(@inject(GrafanaApis) private readonly apis: GrafanaApis) {}

  @Tool({
    name: 'grafana_current_user',
    title: 'Current user',
    description: 'The identity the target credentials sign in as (login, org, admin flag).',
    input: S.Empty,
  })
  async currentUser(_input: Static<typeof S.Empty>, ctx: ToolContext) {
    const u = await this.apis.for(ctx).currentUser();
    return {
      id: u.id,
      login: u.login,
      name: u.name,
      email: u.email,
      orgId: u.orgId,
      isGrafanaAdmin: u.isGrafanaAdmin ?? false,
    };
  }

  @Tool({
    name: 'grafana_organization',
    title: 'Organisation',
    description: 'The current organisation (id, name).',
    input: S.Empty,
  })
  async organization(_input: Static<typeof S.Empty>, ctx: ToolContext) {
    const o = await this.apis.for(ctx).organization();
    return { id: o.id, name: o.name };
  }

  @Tool({
    name: 'grafana_users',
    title: 'Users',
    description: 'All users of the server (needs a server-admin login).',
    input: S.LimitOnly,
  })
  async users(input: Static<typeof S.LimitOnly>, ctx: ToolContext) {
    const all = await this.apis.for(ctx).users(1000, 1);
    const max = this.apis.limits().maxItems;
    const items = all.map((u) => ({
      id: u.id,
      login: u.login,
      name: u.name,
      email: u.email,
      isAdmin: u.isAdmin ?? false,
      ...(u.isDisabled ? { disabled: true } : {}),
      lastSeen: u.lastSeenAtAge,
    }));
    return page(items, { limit: input.limit ?? max, cursor: input.cursor, max, what: 'users' });
  }

  @Tool({
    name: 'grafana_list_teams',
    title: 'Teams',
    description: 'Teams of the organisation (GET /api/teams/search), with member counts.',
    input: S.Teams,
  })
  async teams(input: Static<typeof S.Teams>, ctx: ToolContext) {
    const res = await this.apis.for(ctx).teams(input.query, 1000, 1);
    const max = this.apis.limits().maxItems;
    const items = res.teams.map((t) => ({
      id: t.id,
      name: t.name,
      email: t.email || undefined,
      members: t.memberCount ?? 0,
    }));
    return page(items, { limit: input.limit ?? max, cursor: input.cursor, max, what: 'teams' });
  }
}

@ToolGroup({
  name: 'rbac',
  title: 'Role-based access control',
  description: 'Roles, role assignments and resource permissions (Grafana Enterprise/Cloud).',
  defaults: { annotations: annotations.read, cacheTtl: 60 },
})
export class RbacTools {
  constructor(@inject(GrafanaApis) private readonly apis: GrafanaApis) {}

  @Tool({
    name: 'grafana_list_all_roles',
    title: 'Roles',
    description: 'RBAC roles (uid, name, group).',
    input: S.LimitOnly,
  })
  async roles(input: Static<typeof S.LimitOnly>, ctx: ToolContext) {
    const all = await this.apis.for(ctx).roles();
    const max = this.apis.limits().maxItems;
    return page(all.map(roleBrief), { limit: input.limit ?? max, cursor: input.cursor, max, what: 'roles' });
  }

  @Tool({
    name: 'grafana_get_role_details',
    title: 'Role',
    description: 'One RBAC role with its permissions (action, scope).',
    input: S.RoleRef,
  })
  async role(input: Static<typeof S.RoleRef>, ctx: ToolContext) {
    const r = await this.apis.for(ctx).role(input.roleUID);
    return { ...roleBrief(r), description: r.description, global: r.global, permissions: r.permissions ?? [] };
  }

  @Tool({
    name: 'grafana_get_role_assignments',
    title: 'Role assignments',
    description: 'Users, teams and service accounts that hold a role.',
    input: S.RoleRef,
  })
  async assignments(input: Static<typeof S.RoleRef>, ctx: ToolContext) {
    return this.apis.for(ctx).roleAssignments(input.roleUID);
  }

  @Tool({
    name: 'grafana_list_user_roles',
    title: 'User roles',
    description: 'Roles of a user (GET /api/access-control/users/{id}/roles).',
    input: S.UserRef,
  })
  async userRoles(input: Static<typeof S.UserRef>, ctx: ToolContext) {
    const roles = await this.apis.for(ctx).userRoles(input.userID);
    return { userID: input.userID, roles: roles.map(roleBrief) };
  }

  @Tool({
    name: 'grafana_list_team_roles',
    title: 'Team roles',
    description: 'Roles of a team (GET /api/access-control/teams/{id}/roles).',
    input: S.TeamRef,
  })
  async teamRoles(input: Static<typeof S.TeamRef>, ctx: ToolContext) {
    const roles = await this.apis.for(ctx).teamRoles(input.teamID);
    return { teamID: input.teamID, roles: roles.map(roleBrief) };
  }

  @Tool({
    name: 'grafana_get_resource_description',
    title: 'Resource permission model',
    description: 'Permission levels and assignee kinds of a resource type.',
    input: S.ResourceDescription,
  })
  async description(input: Static<typeof S.ResourceDescription>, ctx: ToolContext) {
    return { resourceType: input.resourceType, ...(await this.apis.for(ctx).resourceDescription(input.resourceType)) };
  }

  @Tool({
    name: 'grafana_get_resource_permissions',
    title: 'Resource permissions',
    description: 'Who holds which permission on one resource.',
    input: S.ResourcePermissions,
  })
  async permissions(input: Static<typeof S.ResourcePermissions>, ctx: ToolContext) {
    const list = await this.apis.for(ctx).resourcePermissions(input.resourceType, input.resourceUID);
    return {
      resourceType: input.resourceType,
      resourceUID: input.resourceUID,
      permissions: list.map((p) => ({
        permission: p.permission,
        ...(p.builtInRole ? { builtInRole: p.builtInRole } : {}),
        ...(p.userLogin ? { user: p.userLogin } : {}),
        ...(p.team ? { team: p.team } : {}),
        ...(p.isInherited ? { inherited: true } : {}),
      })),
    };
  }
}
