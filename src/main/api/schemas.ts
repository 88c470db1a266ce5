/**
 * zod schemas for the argument tuple of every PixdropApi call. Both hosts (Electron IPC and the
 * local web server) validate with these before anything reaches the engine, so a compromised or
 * buggy renderer can only ever hand the engine well-formed, bounded values.
 *
 * Every object is strict (unknown keys are refused), every string and array is bounded, numbers
 * are finite, ids are positive integers, paths are absolute and free of NUL bytes.
 */
import path from 'node:path';
import { z } from 'zod';
import type { ApiMethod, PixdropApi } from '../../shared/api';
import { isAllowedBackendUrl } from '../engine/backend/backend-url';
import { MIN_CHUNK_SIZE } from '../engine/config';
import { BANDWIDTH_FORMS, parseBandwidth } from '../../shared/bandwidth';
import { isOnCalendar, TAKEN_DATE_FORM } from '../../shared/taken-date';

/** The same bounds the engine's configuration accepts (PIXDROP_CHUNK_SIZE). */
export const MAX_CHUNK_SIZE = 2 ** 40;
export const MAX_CONCURRENCY = 16;
/** Enough for a drop of a whole card's worth of loose files, small enough to bound memory. */
export const MAX_PATHS = 100_000;
export const MAX_IDS = 100_000;
export const MAX_PATH_LENGTH = 4096;
export const MAX_PAGE_SIZE = 10_000;

const NO_CONTROL_CHARS = /^[^\u0000-\u001f\u007f]*$/;

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);

const absolutePath = z
  .string()
  .min(1)
  .max(MAX_PATH_LENGTH)
  .refine((p) => !p.includes('\u0000'), 'must not contain a NUL byte')
  .refine((p) => path.isAbsolute(p), 'must be an absolute path');

const albumId = z.string().min(1).max(200).regex(NO_CONTROL_CHARS, 'must not contain control characters');

const albumName = z.string().trim().min(1).max(255).regex(NO_CONTROL_CHARS, 'must not contain control characters');

const uploadTarget = z.union([
  z.strictObject({ albumId }),
  z.strictObject({ albumFromFolder: z.literal(true), mode: z.enum(['root', 'leaf', 'path']).optional() }),
]);

/** The same check the CLI makes (engine/discover/filters.ts checkDate): the form, and a day on the calendar. */
const takenDate = z
  .string()
  .regex(TAKEN_DATE_FORM, 'must be a date YYYY-MM-DD or YYYY-MM-DDTHH:MM')
  .refine(isOnCalendar, 'is no such day or time: give a real date as YYYY-MM-DD (or YYYY-MM-DDTHH:MM)');
const globs = z.array(z.string().trim().min(1).max(1_000).regex(NO_CONTROL_CHARS, 'must not contain control characters')).max(100);

const folderRules = z.strictObject({
  videos: z.boolean().optional(),
  include: globs.optional(),
  exclude: globs.optional(),
  takenFrom: takenDate.optional(),
  takenTo: takenDate.optional(),
  rawJpeg: z.enum(['pair', 'both', 'jpeg', 'raw']).optional(),
  onChange: z.enum(['replace', 'new', 'skip']).optional(),
});
const afterUpload = z.union([
  z.strictObject({ action: z.literal('keep') }),
  z.strictObject({ action: z.literal('delete') }),
  z.strictObject({ action: z.literal('move'), dir: absolutePath }),
]);

const jobQuery = z.strictObject({
  filter: z.enum(['all', 'active', 'failed', 'done']).optional(),
  albumId: albumId.optional(),
  offset: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  limit: z.number().int().min(1).max(MAX_PAGE_SIZE).optional(),
});

const photoEdit = z.strictObject({
  title: z.string().max(1_000).optional(),
  description: z.string().max(10_000).optional(),
  keywords: z.array(z.string().max(200)).max(200).optional(),
});

const httpUrl = z
  .string()
  .max(2_048)
  .refine((s) => /^https?:\/\/[^\s]+$/i.test(s) && URL.canParse(s), 'must be an http:// or https:// URL')
  // The token goes to this URL: in clear text only as far as this computer.
  .refine(
    (s) => !URL.canParse(s) || isAllowedBackendUrl(s),
    'must be an https:// URL; http:// is accepted only for this computer (127.0.0.1, localhost, [::1])',
  );

const isBandwidth = (text: string) => {
  try {
    parseBandwidth(text);
    return true;
  } catch {
    return false;
  }
};

const settingsPatch = z.strictObject({
  backendUrl: httpUrl.nullable().optional(),
  autoUpdate: z.boolean().optional(),
  crashReports: z.boolean().optional(),
  // Secrets: checked for shape only; messages never quote them.
  token: z.string().min(1).max(16_384).regex(/^\S+$/, 'must not contain spaces').optional(),
  cloudinaryUrl: z
    .string()
    .max(2_048)
    .refine((s) => s.startsWith('cloudinary://'), 'must have the form cloudinary://API_KEY:API_SECRET@CLOUD_NAME')
    .optional(),
  concurrency: z.number().int().min(1).max(MAX_CONCURRENCY).optional(),
  chunkSize: z.number().int().min(MIN_CHUNK_SIZE).max(MAX_CHUNK_SIZE).optional(),
  bwlimit: z.string().max(500).refine(isBandwidth, `must be ${BANDWIDTH_FORMS}`).nullable().optional(),
  language: z.enum(['en', 'de']).nullable().optional(),
});

const jobIds = <All extends 'all' | 'all-failed'>(all: All) => z.union([z.array(id).min(1).max(MAX_IDS), z.literal(all)]);

const none = z.tuple([]);

const cancelTarget = z.union([jobIds('all'), z.strictObject({ folder: absolutePath })]);

export const apiArgSchemas: { [M in ApiMethod]: z.ZodType<Parameters<PixdropApi[M]>> } = {
  getStatus: none,
  listAlbums: none,
  createAlbum: z.tuple([albumName]),
  listAlbumImages: z.tuple([albumId]),
  addPaths: z.tuple([z.array(absolutePath).min(1).max(MAX_PATHS), uploadTarget, folderRules.optional()]),
  planPaths: z.tuple([z.array(absolutePath).min(1).max(MAX_PATHS), uploadTarget, folderRules.optional()]),
  listIgnored: none,
  addSamples: none,
  listJobs: z.tuple([jobQuery]),
  getPhoto: z.tuple([id]),
  editPhoto: z.tuple([id, photoEdit]),
  retryJobs: z.tuple([jobIds('all-failed')]),
  pauseJobs: z.tuple([jobIds('all')]),
  resumeJobs: z.tuple([jobIds('all')]),
  cancelJobs: z.tuple([cancelTarget]),
  listWatches: none,
  addWatch: z.tuple([absolutePath, uploadTarget, folderRules.optional(), afterUpload.optional()]),
  removeWatch: z.tuple([id]),
  getSettings: none,
  updateSettings: z.tuple([settingsPatch]),
  getDiagnostics: none,
  listDirectory: z.tuple([absolutePath.nullable()]),
  chooseFolder: none,
};

/** Parameter names, so a refusal can name the bad field the way the API declares it. */
type NamesOf<T extends unknown[]> = { [K in keyof T]-?: string };

export const apiParamNames: { [M in ApiMethod]: NamesOf<Parameters<PixdropApi[M]>> } = {
  getStatus: [],
  listAlbums: [],
  createAlbum: ['name'],
  listAlbumImages: ['albumId'],
  addPaths: ['paths', 'target', 'rules'],
  planPaths: ['paths', 'target', 'rules'],
  listIgnored: [],
  addSamples: [],
  listJobs: ['query'],
  getPhoto: ['jobId'],
  editPhoto: ['jobId', 'edit'],
  retryJobs: ['jobIds'],
  pauseJobs: ['jobIds'],
  resumeJobs: ['jobIds'],
  cancelJobs: ['target'],
  listWatches: [],
  addWatch: ['path', 'target', 'rules', 'afterUpload'],
  removeWatch: ['id'],
  getSettings: [],
  updateSettings: ['patch'],
  getDiagnostics: [],
  listDirectory: ['path'],
  chooseFolder: [],
};

/** The fields a SettingsView may carry across a boundary; anything else is dropped on the way out. */
export const settingsViewSchema = z.object({
  backendUrl: z.string().nullable(),
  autoUpdate: z.boolean(),
  crashReports: z.boolean(),
  crashDumps: z.object({ dir: z.string(), count: z.number(), newestAt: z.number().nullable() }),
  hasToken: z.boolean(),
  hasCloudinaryUrl: z.boolean(),
  cloudName: z.string().nullable(),
  concurrency: z.number(),
  chunkSize: z.number(),
  bwlimit: z.string().nullable().optional(),
  language: z.enum(['en', 'de']).nullable().optional(),
  demoMode: z.boolean(),
});
