import { describe, expect, it } from 'vitest';
import { hrefFor, hrefForCheck, hrefForClaim, hrefForRun, hrefForSetup, parseRoute } from '../../../src/app/router.ts';

describe('parseRoute', () => {
  it.each(['', '#', '#/', '#/home', '#/home/'])('reads %j as the home page', (hash) => {
    expect(parseRoute(hash)).toEqual({ page: 'home' });
  });

  it.each(['#/gpu', '#/gpu/', '#/gpu//'])('reads %j as the GPU page', (hash) => {
    expect(parseRoute(hash)).toEqual({ page: 'gpu' });
  });

  it('keeps the path of an unknown route so the page can show it', () => {
    expect(parseRoute('#/nowhere')).toEqual({ page: 'not-found', path: '/nowhere' });
    expect(parseRoute('#gpu')).toEqual({ page: 'not-found', path: 'gpu' });
  });

  it('round-trips the links it makes', () => {
    expect(parseRoute(hrefFor('gpu'))).toEqual({ page: 'gpu' });
    expect(parseRoute(hrefFor('home'))).toEqual({ page: 'home' });
  });
});

describe('parseRoute for the lab pages', () => {
  it.each([
    ['#/lab', { page: 'lab' }],
    ['#/history', { page: 'history' }],
    ['#/claims', { page: 'claims' }],
    ['#/settings', { page: 'settings' }],
    ['#/run/3f2a-9c1b', { page: 'run', runId: '3f2a-9c1b' }],
    ['#/share/eJwLyc_PUS', { page: 'share', payload: 'eJwLyc_PUS' }],
  ])('reads %j', (hash, route) => {
    expect(parseRoute(hash)).toEqual(route);
  });

  it('refuses a share payload with characters base64url never has', () => {
    expect(parseRoute('#/share/abc<script>').page).toBe('not-found');
  });

  it('round-trips run links', () => {
    expect(parseRoute(hrefForRun('a b/c'))).toEqual({ page: 'run', runId: 'a b/c' });
  });

  it('reads the Lab ready to check a claim, a setup link, and a claim on the Claims page', () => {
    expect(parseRoute(hrefForCheck('seven'))).toEqual({ page: 'lab', guide: 'seven' });
    expect(parseRoute(hrefForSetup('AbC-_9'))).toEqual({ page: 'lab', setup: 'AbC-_9' });
    expect(parseRoute(hrefForClaim('stages'))).toEqual({ page: 'claims', claim: 'stages' });
    expect(parseRoute('#/lab/check/seven/')).toEqual({ page: 'lab', guide: 'seven' });
  });

  it('refuses a claim the home page cannot check and a setup payload that is not base64url', () => {
    expect(parseRoute('#/lab/check/stages').page).toBe('not-found');
    expect(parseRoute('#/lab/setup/a%20b').page).toBe('not-found');
    expect(parseRoute('#/claims/<b>').page).toBe('not-found');
  });
});
