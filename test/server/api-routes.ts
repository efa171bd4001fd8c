import type { Express, NextFunction, Request, RequestHandler, Response } from 'express';
import { callerOf, type ApiDeps } from './api-context';
import { ApiError, badRequest, insufficientScope, notFound } from './api-error';
import { sendJson } from './api-responses';
import { pageOf, parsePageRequest } from './paging';
import { missingScopes } from './scopes';
import { buildSeries, seriesPointCount } from './series';
import { floodedSeriesJson } from './series-flood';
import { findUserById } from './users';
import {
  optionalPositiveInteger,
  optionalString,
  parseJsonObject,
  refuseUnsafeText,
  rejectUnknownFields,
  requiredString,
  requiredTime,
} from './validation';

const nameMax = 200;
const descriptionMax = 2000;
const unitMax = 32;
const maxSeriesPoints = 10_000;

/** The /v2 resources of the contract's table. */
export function registerApiRoutes(app: Express, deps: ApiDeps): void {
  const { catalog } = deps;
  const send = (res: Response, status: number, body: unknown) => sendJson(deps, res, status, body);
  const projectIndex = (id: string): number => {
    const index = catalog.projectIndexOf(id);
    if (index === undefined) throw notFound('Project', id);
    return index;
  };

  app
    .route('/v2/me')
    .get((_req, res) => {
      const user = findUserById(callerOf(res).userId);
      if (!user) throw notFound('User', callerOf(res).userId);
      send(res, 200, { id: user.id, name: user.name, email: user.email });
    })
    .all(methodNotAllowed('GET'));

  app
    .route('/v2/projects')
    .get(requireScope('read:projects'), (req, res) => {
      send(res, 200, pageOf(catalog.projectCount, parsePageRequest(req.query), (i) => catalog.project(i)));
    })
    .post(requireScope('write:projects'), (req, res) => {
      const body = parseJsonObject(req.body);
      rejectUnknownFields(body, ['name', 'description']);
      const name = requiredString(body, 'name', nameMax);
      const description = optionalString(body, 'description', descriptionMax, true);
      send(res, 201, catalog.createProject({ name, description }));
    })
    .all(methodNotAllowed('GET, POST'));

  app
    .route('/v2/projects/:id')
    .get(requireScope('read:projects'), (req, res) => {
      send(res, 200, catalog.project(projectIndex(param(req, 'id'))));
    })
    .patch(requireScope('write:projects'), (req, res) => {
      const index = projectIndex(param(req, 'id'));
      const body = parseJsonObject(req.body);
      rejectUnknownFields(body, ['name', 'description']);
      const name = optionalString(body, 'name', nameMax);
      const description = optionalString(body, 'description', descriptionMax, true);
      if (name === undefined && description === undefined) throw badRequest('Send name and/or description.');
      send(res, 200, catalog.updateProject(index, { ...(name !== undefined && { name }), ...(description !== undefined && { description }) }));
    })
    .all(methodNotAllowed('GET, PATCH'));

  app
    .route('/v2/projects/:id/dashboards')
    .get(requireScope('read:dashboards'), (req, res) => {
      const index = projectIndex(param(req, 'id'));
      send(res, 200, pageOf(catalog.dashboardCount(index), parsePageRequest(req.query), (i) => catalog.dashboard(index, i)));
    })
    .post(requireScope('write:dashboards'), (req, res) => {
      const index = projectIndex(param(req, 'id'));
      const body = parseJsonObject(req.body);
      rejectUnknownFields(body, ['name', 'description']);
      const name = requiredString(body, 'name', nameMax);
      const description = optionalString(body, 'description', descriptionMax, true);
      send(res, 201, catalog.createDashboard(index, { name, description }));
    })
    .all(methodNotAllowed('GET, POST'));

  app
    .route('/v2/dashboards/:id')
    .get(requireScope('read:dashboards'), (req, res) => {
      const id = param(req, 'id');
      const dashboard = catalog.findDashboard(id);
      if (!dashboard) throw notFound('Dashboard', id);
      send(res, 200, dashboard);
    })
    .all(methodNotAllowed('GET'));

  app
    .route('/v2/projects/:id/metrics')
    .get(requireScope('read:metrics'), (req, res) => {
      const metrics = catalog.metrics(projectIndex(param(req, 'id')));
      send(res, 200, pageOf(metrics.length, parsePageRequest(req.query), (i) => metrics[i]!));
    })
    .post(requireScope('write:metrics'), (req, res) => {
      const index = projectIndex(param(req, 'id'));
      const body = parseJsonObject(req.body);
      rejectUnknownFields(body, ['name', 'unit', 'description']);
      const name = requiredString(body, 'name', nameMax);
      const unit = optionalString(body, 'unit', unitMax, true) ?? '';
      const description = optionalString(body, 'description', descriptionMax, true) ?? '';
      refuseUnsafeText('name', name);
      refuseUnsafeText('unit', unit);
      refuseUnsafeText('description', description);
      if (catalog.findMetric(index, name)) throw badRequest(`A metric named "${name}" already exists in this project.`);
      send(res, 201, catalog.createMetric(index, { name, unit, description }));
    })
    .all(methodNotAllowed('GET, POST'));

  app
    .route('/v2/metrics/query')
    .post(requireScope('read:metrics'), (req, res) => {
      const body = parseJsonObject(req.body);
      rejectUnknownFields(body, ['project_id', 'metric', 'from', 'to', 'step_seconds']);
      const projectId = requiredString(body, 'project_id', nameMax);
      const metricName = requiredString(body, 'metric', nameMax);
      const from = requiredTime(body, 'from');
      const to = requiredTime(body, 'to');
      const step = optionalPositiveInteger(body, 'step_seconds', 31 * 86_400) ?? 60;
      if (to < from) throw badRequest('to must not be before from.');
      if (seriesPointCount(from, to, step) > maxSeriesPoints) {
        throw badRequest(`At most ${maxSeriesPoints} points per query: widen step_seconds or narrow the range.`);
      }
      const index = projectIndex(projectId);
      const metric = catalog.findMetric(index, metricName);
      if (!metric) throw notFound('Metric', metricName);
      if (deps.runtime.failingMetrics.includes(metric.name)) {
        throw new ApiError(503, 'unavailable', `The series of "${metric.name}" is unavailable right now.`);
      }
      if (deps.runtime.floodedMetrics.includes(metric.name)) {
        res.status(200).type('application/json').send(floodedSeriesJson(deps.seed, metric, from, to, step, deps.runtime.floodPoints));
        return;
      }
      send(res, 200, buildSeries(deps.seed, projectId, metric, from, to, step));
    })
    .all(methodNotAllowed('POST'));
}

/** 403 with the contract's body and the RFC 6750 §3.1 challenge; admin satisfies everything. */
function requireScope(scope: string): RequestHandler {
  return (_req: Request, res: Response, next: NextFunction) => {
    const missing = missingScopes(callerOf(res).scopes, [scope]);
    if (missing.length > 0) throw insufficientScope(missing);
    next();
  };
}

function methodNotAllowed(allow: string): RequestHandler {
  return (req: Request) => {
    throw new ApiError(405, 'method_not_allowed', `${req.method} is not allowed here.`, {}, { Allow: allow });
  };
}

function param(req: Request, name: string): string {
  const value = req.params[name];
  return typeof value === 'string' ? value : '';
}
