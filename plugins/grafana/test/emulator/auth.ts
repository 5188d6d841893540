// Who is calling and in which organisation, as Grafana decides it: service-account tokens (Bearer) are bound to one
// org; basic-auth users pick an org they belong to with X-Grafana-Org-Id. Failures answer with Grafana's bodies.
import type { EmulatorReply, EmulatorRequest } from '@cnmcp/core/testing';

export type OrgRole = 'Viewer' | 'Editor' | 'Admin';

export interface Identity {
  kind: 'user' | 'service-account';
  id: number;
  login: string;
  orgId: number;
  role: OrgRole;
  serverAdmin: boolean;
}

export interface EmulatorUser {
  id: number;
  login: string;
  email: string;
  name: string;
  password: string;
  serverAdmin: boolean;
  /** org id → role in that org */
  orgs: Record<number, OrgRole>;
}

export interface ServiceAccountToken {
  id: number;
  name: string;
  token: string;
  orgId: number;
  role: OrgRole;
}

const RANK: Record<OrgRole, number> = { Viewer: 1, Editor: 2, Admin: 3 };

/** What a route needs: no auth at all, any signed-in identity, an org role, or a server admin. */
export type Requirement = 'public' | OrgRole | 'serverAdmin';

export function unauthorized(message = 'Unauthorized', messageId = 'auth.unauthorized'): EmulatorReply {
  return { status: 401, body: { extra: null, message, messageId, statusCode: 401, traceID: '' } };
}

/** Grafana's RBAC refusal: 403 with an access-error id and the permission that was missing. */
export function accessDenied(permission: string): EmulatorReply {
  const id = `ACE${Math.floor(1_000_000_000 + Math.random() * 8_999_999_999)}`;
  return {
    status: 403,
    body: {
      accessErrorId: id,
      message: `You'll need additional permissions to perform this action. Permissions needed: ${permission}`,
      title: 'Access denied',
    },
  };
}

export function hasRole(identity: Identity, need: OrgRole): boolean {
  return RANK[identity.role] >= RANK[need];
}

/** Resolves the caller, or the 401 reply Grafana would send. */
export function authenticate(
  req: EmulatorRequest,
  users: EmulatorUser[],
  tokens: ServiceAccountToken[],
): Identity | EmulatorReply {
  const header = String(req.headers.authorization ?? '');
  const orgHeader = req.headers['x-grafana-org-id'];
  const wantedOrg = orgHeader === undefined ? undefined : Number(orgHeader);
  if (wantedOrg !== undefined && !Number.isInteger(wantedOrg)) return unauthorized();
  const bearer = /^Bearer\s+(.+)$/i.exec(header);
  if (bearer) {
    const sa = tokens.find((t) => t.token === bearer[1].trim());
    if (!sa) return unauthorized('Invalid API key', 'api-key.invalid');
    // A token belongs to exactly one org; asking for another one is refused.
    if (wantedOrg !== undefined && wantedOrg !== sa.orgId) return unauthorized();
    return {
      kind: 'service-account',
      id: sa.id,
      login: `sa-${sa.name}`,
      orgId: sa.orgId,
      role: sa.role,
      serverAdmin: false,
    };
  }
  const basic = /^Basic\s+(.+)$/i.exec(header);
  if (basic) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const login = decoded.slice(0, colon);
    const password = decoded.slice(colon + 1);
    const user = users.find((u) => (u.login === login || u.email === login) && u.password === password);
    if (!user) return unauthorized('Invalid username or password', 'password-auth.failed');
    const orgId = wantedOrg ?? Number(Object.keys(user.orgs)[0]);
    const role = user.orgs[orgId];
    if (!role) return unauthorized();
    return { kind: 'user', id: user.id, login: user.login, orgId, role, serverAdmin: user.serverAdmin };
  }
  return unauthorized();
}
