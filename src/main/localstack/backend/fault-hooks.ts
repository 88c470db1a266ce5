/**
 * Fault injection for the album backend's /api/v1 routes (never the webhook), from faults.ts.
 * Early faults answer before any work; lostAnswer and malformed let the work happen first,
 * which is exactly what exactly-once registration must survive.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Fault, FaultInjector } from '../faults';
import { sendError } from './context';

const decided = new WeakMap<FastifyRequest, Fault>();

export function installFaults(app: FastifyInstance, faults: FaultInjector): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!faults.appliesTo(request.method)) return;
    const fault = faults.decide();
    if (!fault) return;
    decided.set(request, fault);
    if (fault === 'error500') return sendError(reply, 500, 'Injected server error.');
    if (fault === 'error422') return sendError(reply, 422, 'Injected refusal of this request.');
    if (fault === 'error420' || fault === 'error429') {
      reply.header('Retry-After', String(faults.retryAfterSeconds()));
      return sendError(reply, fault === 'error420' ? 420 : 429, 'Injected rate limit: slow down.');
    }
    if (fault === 'reset' || fault === 'hang') {
      // Taken out of fastify's hands: reset drops the socket mid-body, hang never answers (close() ends it).
      reply.hijack();
      if (fault === 'reset') request.raw.socket.destroy();
    }
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const latency = faults.latencyMs();
    if (latency > 0) await sleep(latency);
    const fault = decided.get(request);
    if (fault === 'lostAnswer') {
      request.raw.socket.destroy();
      return payload;
    }
    if (fault === 'malformed') {
      reply.code(200).header('content-type', 'application/json; charset=utf-8');
      const text = typeof payload === 'string' ? payload : '';
      return text.length > 1 ? text.slice(0, Math.floor(text.length / 2)) : '{"id":';
    }
    return payload;
  });
}
